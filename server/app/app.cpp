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

  protocol::QueryApi ec2_api;
  protocol::JsonApi json_api;
  protocol::RestApi lambda_api;
  protocol::RestApi admin_api;
  std::unique_ptr<protocol::Router> router;
  std::unique_ptr<net::HttpServer> server;

  explicit Impl(Config c)
      : config(std::move(c)),
        db(store::Database::Options{config.db_path, config.fsync}),
        scheduler(db, clock),
        bus(clock),
        deps{db, clock, ids, scheduler, bus, config},
        volumes(deps),
        ec2_api(protocol::ec2::make_ec2_api()),
        lambda_api(protocol::plain_json_error),
        admin_api(admin::make_admin_api()) {
    clock.set_scale(config.time_scale);
    store::migrate(db, {store::WorkQueue::schema(), store::ec2_schema(),
                        store::EventTable::schema()});

    volumes.register_work();

    protocol::ec2::register_region_actions(ec2_api);
    protocol::ec2::register_volume_actions(ec2_api, volumes);
    admin::register_health(admin_api, deps);
    admin::register_event_log(admin_api, deps);

    protocol::Router::Apis apis;
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
