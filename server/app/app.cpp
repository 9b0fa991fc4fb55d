#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "admin/admin_api.hpp"
#include "core/scheduler.hpp"
#include "core/services.hpp"
#include "ec2/volume_service.hpp"
#include "events/event_bus.hpp"
#include "net/http_server.hpp"
#include "protocol/ec2/ec2_api.hpp"
#include "protocol/router.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/events/event_table.hpp"
#include "store/work_queue.hpp"
#include "admin/invocations.hpp"
#include "iam/iam_service.hpp"
#include "lambda/function_service.hpp"
#include "lambda/invoke_service.hpp"
#include "lambda/target_invoker.hpp"
#include "logs/log_service.hpp"
#include "protocol/iam/iam_api.hpp"
#include "protocol/lambda/lambda_api.hpp"
#include "protocol/logs/logs_api.hpp"
#include "store/iam/iam_schema.hpp"
#include "store/lambda/lambda_schema.hpp"
#include "store/logs/logs_schema.hpp"

namespace ebs {

struct App::Impl {
  Config config;
  store::Database db;
  Clock clock;
  IdGenerator ids;
  Scheduler scheduler;
  events::EventBus bus;
  ServiceDeps deps;

  ec2::VolumeService volumes;
  logs::LogService log_service;
  iam::IamService iam_service;
  lambda::CodeStore lambda_code;
  lambda::FunctionService lambda_functions;
  lambda::InvokeService lambda_invoker;

  protocol::QueryApi ec2_api;
  protocol::JsonApi json_api;
  protocol::RestApi lambda_api;
  protocol::RestApi admin_api;
  protocol::QueryApi iam_api;
  std::unique_ptr<protocol::Router> router;
  std::unique_ptr<net::HttpServer> server;

  explicit Impl(Config c)
      : config(std::move(c)),
        db(store::Database::Options{config.db_path, config.fsync}),
        scheduler(db, clock),
        bus(clock),
        deps{db, clock, ids, scheduler, bus, config},
        volumes(deps),
        log_service(deps),
        iam_service(deps),
        lambda_code(config.lambda_work_dir.empty()
                        ? lambda::default_work_dir(config.db_path)
                        : std::filesystem::path(config.lambda_work_dir)),
        lambda_functions(deps, lambda_code),
        lambda_invoker(deps, lambda_functions, log_service),
        ec2_api(protocol::ec2::make_ec2_api()),
        lambda_api(protocol::lambda::make_lambda_api()),
        admin_api(admin::make_admin_api()),
        iam_api(protocol::iam::make_iam_api()) {
    clock.set_scale(config.time_scale);
    store::migrate(db, {store::WorkQueue::schema(), store::ec2_schema(),
                        store::EventTable::schema(), store::lambda_schema(), store::logs_schema(),
                        store::iam_schema()});

    volumes.register_work();

    protocol::ec2::register_region_actions(ec2_api);
    protocol::ec2::register_volume_actions(ec2_api, volumes);
    admin::register_health(admin_api, deps);
    admin::register_event_log(admin_api, deps);

    lambda_functions.register_work();
    lambda_functions.set_on_change([this](const std::string& name) { lambda_invoker.evict(name); });
    protocol::lambda::register_function_actions(lambda_api, lambda_functions, lambda_invoker,
                                                config);
    protocol::lambda::register_invoke_actions(lambda_api, lambda_invoker);
    protocol::lambda::register_permission_actions(lambda_api, lambda_functions);
    protocol::logs::register_log_actions(json_api, log_service);
    protocol::iam::register_role_actions(iam_api, iam_service);
    protocol::iam::register_policy_actions(iam_api, iam_service);
    admin::register_invocations(admin_api, deps);

    protocol::Router::Apis apis;
    apis.query["iam"] = &iam_api;
    apis.query["ec2"] = &ec2_api;
    apis.json = &json_api;
    apis.lambda = &lambda_api;
    apis.admin = &admin_api;
    router = std::make_unique<protocol::Router>(apis, clock, ids, config.default_account);
  }
};

App::App(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}

App::~App() {
  stop();
  impl_->scheduler.stop();
  impl_->lambda_invoker.stop();
}

unsigned short App::listen() {
  net::ServerOptions options;
  options.host = impl_->config.host;
  options.port = static_cast<unsigned short>(impl_->config.port);
  auto* router = impl_->router.get();
  impl_->server = std::make_unique<net::HttpServer>(
      options, [router](const protocol::HttpRequest& r) { return router->handle(r); },
      [](const protocol::HttpRequest& r) {
        // Lambda invocations and admin waits may take seconds: keep them off the I/O threads.
        auto path = r.path();
        return path.find("/invocations") != std::string_view::npos ||
               path.substr(0, 11) == "/_emulator/";
      });
  unsigned short port = impl_->server->listen();
  impl_->config.port = port;
  impl_->scheduler.start();
  return port;
}

void App::run() { impl_->server->run(); }

void App::stop() {
  if (impl_->server) impl_->server->stop();
}

}  // namespace ebs
