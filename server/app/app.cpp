#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "admin/admin_api.hpp"
#include "admin/event_log.hpp"
#include "admin/fault_control.hpp"
#include "admin/fixtures/fixture_endpoints.hpp"
#include "admin/fixtures/fixture_loader.hpp"
#include "admin/fixtures/sections/ec2_sections.hpp"
#include "admin/fixtures/sections/events_sections.hpp"
#include "admin/fixtures/sections/fsr_bpa_sections.hpp"
#include "admin/fixtures/sections/kms_sections.hpp"
#include "admin/fixtures/sections/lambda_sections.hpp"
#include "admin/fixtures/sections/snapshot_tier_lock_sections.hpp"
#include "admin/invocations.hpp"
#include "admin/snapshot_control.hpp"
#include "admin/snapshot_tier_control.hpp"
#include "admin/time_control.hpp"
#include "core/scheduler.hpp"
#include "core/services.hpp"
#include "ec2/ebs_encryption_service.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/fast_snapshot_restore_service.hpp"
#include "ec2/fsr_snapshot_observer.hpp"
#include "ec2/instance_service.hpp"
#include "ec2/snapshot_block_public_access_service.hpp"
#include "ec2/snapshot_lock_service.hpp"
#include "ec2/snapshot_service.hpp"
#include "ec2/snapshot_tier_service.hpp"
#include "ec2/tag_service.hpp"
#include "ec2/time_based_copy_service.hpp"
#include "ec2/volume_initialization_service.hpp"
#include "ec2/volume_service.hpp"
#include "events/connection_service.hpp"
#include "events/delivery_engine.hpp"
#include "events/event_bus.hpp"
#include "events/events_service.hpp"
#include "iam/iam_service.hpp"
#include "kms/key_service.hpp"
#include "lambda/function_service.hpp"
#include "lambda/invoke_service.hpp"
#include "lambda/target_invoker.hpp"
#include "logs/log_service.hpp"
#include "net/http_server.hpp"
#include "protocol/ec2/ebs_encryption_actions.hpp"
#include "protocol/ec2/ec2_api.hpp"
#include "protocol/ec2/fast_snapshot_restore_actions.hpp"
#include "protocol/ec2/snapshot_actions.hpp"
#include "protocol/ec2/snapshot_block_public_access_actions.hpp"
#include "protocol/ec2/snapshot_lock_actions.hpp"
#include "protocol/ec2/snapshot_tier_actions.hpp"
#include "protocol/events/events_api.hpp"
#include "protocol/iam/iam_api.hpp"
#include "protocol/kms/kms_api.hpp"
#include "protocol/lambda/lambda_api.hpp"
#include "protocol/logs/logs_api.hpp"
#include "protocol/router.hpp"
#include "store/ec2/ebs_encryption_table.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/ec2/fast_snapshot_restore_table.hpp"
#include "store/ec2/instance_table.hpp"
#include "store/ec2/snapshot_block_public_access_table.hpp"
#include "store/ec2/snapshot_lock_table.hpp"
#include "store/ec2/snapshot_table.hpp"
#include "store/ec2/snapshot_tier_table.hpp"
#include "store/ec2/time_based_copy_table.hpp"
#include "store/ec2/volume_initialization_table.hpp"
#include "store/events/event_table.hpp"
#include "store/iam/iam_schema.hpp"
#include "store/kms/kms_schema.hpp"
#include "store/lambda/async_invocation_table.hpp"
#include "store/lambda/lambda_schema.hpp"
#include "store/logs/logs_schema.hpp"
#include "store/work_queue.hpp"

namespace ebs {

struct App::Impl {
  Config config;
  store::Database db;
  Clock clock;
  IdGenerator ids;
  Scheduler scheduler;
  events::EventBus bus;
  FaultRegistry faults;
  ServiceDeps deps;

  ec2::VolumeService volumes;
  ec2::InstanceService instances;
  ec2::TagService tags;
  ec2::SnapshotService snapshots;
  ec2::SnapshotTierService snapshot_tiers;
  ec2::TimeBasedCopyService time_based_copies;
  ec2::SnapshotLockService snapshot_locks;
  ec2::FastSnapshotRestoreService fast_restores;
  ec2::FsrSnapshotObserver fast_restore_observer;
  ec2::SnapshotBlockPublicAccessService snapshot_bpa;
  ec2::VolumeInitializationService volume_initialization;
  kms::KeyService keys;
  ec2::EbsEncryptionService ebs_encryption;
  events::EventsService events_service;
  events::ConnectionService connections;
  events::DeliveryEngine deliveries;
  logs::LogService log_service;
  iam::IamService iam_service;
  lambda::CodeStore lambda_code;
  lambda::FunctionService lambda_functions;
  lambda::InvokeService lambda_invoker;
  lambda::TargetInvoker lambda_targets;

  protocol::QueryApi ec2_api;
  protocol::ResponseCache ec2_reads;
  protocol::JsonApi json_api;
  protocol::RestApi lambda_api;
  protocol::RestApi admin_api;
  protocol::QueryApi iam_api;
  admin::SettleProbes settle_probes;
  fixtures::FixtureLoader fixture_loader;
  std::unique_ptr<protocol::Router> router;
  std::unique_ptr<net::HttpServer> server;

  explicit Impl(Config c)
      : config(std::move(c)),
        db(store::Database::Options{config.db_path, config.fsync}),
        scheduler(db, clock),
        bus(clock),
        deps{db, clock, ids, scheduler, bus, config, faults},
        volumes(deps),
        instances(deps, volumes),
        tags(deps),
        snapshots(deps),
        snapshot_tiers(deps),
        time_based_copies(deps),
        snapshot_locks(deps),
        fast_restores(deps),
        fast_restore_observer(fast_restores),
        snapshot_bpa(deps),
        volume_initialization(deps, fast_restores),
        keys(deps),
        ebs_encryption(deps, keys),
        events_service(deps, bus),
        connections(deps),
        deliveries(db, clock, bus,
                   events::DeliveryOptions{config.delivery_workers, 4, config.retry_scale, 5000}),
        log_service(deps),
        iam_service(deps),
        lambda_code(config.lambda_work_dir.empty() ? lambda::default_work_dir(config.db_path)
                                                   : std::filesystem::path(config.lambda_work_dir)),
        lambda_functions(deps, lambda_code),
        lambda_invoker(deps, lambda_functions, log_service),
        lambda_targets(lambda_invoker),
        ec2_api(protocol::ec2::make_ec2_api()),
        ec2_reads([this] { return db.generation(); }),
        lambda_api(protocol::lambda::make_lambda_api()),
        admin_api(admin::make_admin_api()),
        iam_api(protocol::iam::make_iam_api()),
        fixture_loader(deps) {
    clock.set_scale(config.time_scale);
    if (config.manual_clock) clock.set_manual(clock.now_ms());
    store::migrate(
        db, {store::WorkQueue::schema(), store::ec2_schema(), store::EventTable::schema(),
             store::kms_schema(), store::EbsEncryptionTable::schema(), store::lambda_schema(),
             store::logs_schema(), store::iam_schema(), store::SnapshotTierTable::schema(),
             store::SnapshotLockTable::schema(), store::FastSnapshotRestoreTable::schema(),
             store::SnapshotBlockPublicAccessTable::schema(),
             store::VolumeInitializationTable::schema(), store::TimeBasedCopyTable::schema(),
             store::AsyncInvocationTable::schema()});

    volumes.register_work();
    instances.register_work();
    tags.add_kind("vol",
                  {"volume",
                   [](store::Transaction& tx, const RequestContext& ctx, const std::string& id) {
                     return store::VolumeTable::get(tx, ctx.account, ctx.region, id).has_value();
                   },
                   [](const std::string& id) { return ec2::volume_not_found(id); }});
    tags.add_kind("i",
                  {"instance",
                   [](store::Transaction& tx, const RequestContext& ctx, const std::string& id) {
                     return store::InstanceTable::get(tx, ctx.account, ctx.region, id).has_value();
                   },
                   [](const std::string& id) { return ec2::instance_not_found(id); }});
    tags.add_kind("snap",
                  {"snapshot",
                   [](store::Transaction& tx, const RequestContext& ctx, const std::string& id) {
                     auto s = store::SnapshotTable::by_id(tx, id);
                     return s && s->account == ctx.account && s->region == ctx.region;
                   },
                   [](const std::string& id) { return ec2::snapshot_not_found(id); }});
    snapshots.register_work();
    volumes.set_snapshot_resolver(snapshots.resolver());
    // Archive tier and locks.
    snapshot_tiers.register_work();
    snapshot_locks.register_work();
    snapshots.add_observer(&snapshot_tiers);
    snapshots.add_observer(&snapshot_locks);
    time_based_copies.register_work();
    snapshots.add_observer(&time_based_copies);
    // Fast Snapshot Restore, block public access for snapshots, volume initialization.
    fast_restores.set_visible_snapshot(
        [this](store::Transaction& tx, const RequestContext& ctx, const std::string& id) {
          return snapshots.accessible(tx, ctx, id);
        });
    fast_restores.register_work();
    snapshots.add_observer(&fast_restore_observer);
    snapshots.set_sharing_hooks(
        {[this](store::Transaction& tx, const store::SnapshotRow& s) {
           snapshot_bpa.check_public_sharing(tx, s.account, s.region);
         },
         [this](store::Transaction& tx, const std::string& owner, const std::string& region) {
           return snapshot_bpa.public_allowed(tx, owner, region);
         },
         [this](store::Transaction& tx, const store::SnapshotRow& s) {
           fast_restores.revalidate(tx, s.snapshot_id);
         }});
    snapshot_bpa.set_on_change(
        [this](store::Transaction& tx, const std::string& account, const std::string& region) {
          fast_restores.revalidate_owner(tx, account, region);
        });
    volume_initialization.register_work();
    volumes.set_initialization_hooks(volume_initialization.hooks());
    keys.register_work();
    events_service.register_work();
    volumes.set_key_check(ebs_encryption.key_check());
    volumes.set_encryption_resolver(
        [this](store::Transaction& tx, const RequestContext& ctx, bool encrypted,
               const std::optional<std::string>& kms_key_id, bool source_encrypted,
               const std::optional<std::string>& source_key) {
          auto e = ebs_encryption.volume_encryption(tx, ctx, encrypted, kms_key_id,
                                                    source_encrypted, source_key);
          return ec2::VolumeEncryption{e.encrypted, e.kms_key_id};
        });
    snapshots.set_copy_encryption(
        [this](store::Transaction& tx, const RequestContext& ctx, bool encrypted,
               const std::optional<std::string>& kms_key_id, bool source_encrypted) {
          auto e = ebs_encryption.copy_encryption(tx, ctx, encrypted, kms_key_id, source_encrypted);
          return ec2::CopyEncryption{e.encrypted, e.kms_key_id};
        });
    snapshots.set_key_check(
        [check = ebs_encryption.key_check()](store::Transaction& tx, const std::string& account,
                                             const std::string& region,
                                             const std::string& key) -> std::optional<std::string> {
          if (auto problem = check(tx, account, region, key)) return problem->cause;
          return std::nullopt;
        });

    protocol::ec2::register_region_actions(ec2_api);
    protocol::ec2::register_volume_actions(ec2_api, volumes);
    protocol::ec2::register_attachment_actions(ec2_api, volumes);
    protocol::ec2::register_modification_actions(ec2_api, volumes);
    protocol::ec2::register_instance_actions(ec2_api, instances);
    protocol::ec2::register_tag_actions(ec2_api, tags);
    protocol::ec2::register_snapshot_actions(ec2_api, snapshots);
    protocol::ec2::register_snapshot_tier_actions(ec2_api, snapshot_tiers);
    protocol::ec2::register_snapshot_lock_actions(ec2_api, snapshot_locks);
    protocol::ec2::register_fast_snapshot_restore_actions(ec2_api, fast_restores);
    protocol::ec2::register_snapshot_block_public_access_actions(ec2_api, snapshot_bpa);
    protocol::ec2::register_ebs_encryption_actions(ec2_api, ebs_encryption);
    protocol::kms::register_kms_actions(json_api, keys);
    protocol::events::register_bus_actions(json_api, events_service);
    protocol::events::register_rule_actions(json_api, events_service);
    protocol::events::register_target_actions(json_api, events_service);
    protocol::events::register_put_events_actions(json_api, events_service);
    protocol::events::register_connection_actions(json_api, connections);
    admin::register_health(admin_api, deps);
    admin::register_event_log(admin_api, deps);
    admin::register_deliveries(admin_api, deps);
    settle_probes.add([this] { return deliveries.idle(); });
    settle_probes.add([this] { return lambda_invoker.idle(); });
    admin::register_time_control(admin_api, deps, settle_probes);
    admin::register_fault_control(admin_api, deps);
    admin::register_snapshot_control(admin_api, snapshots);
    admin::register_snapshot_tier_control(admin_api, snapshot_tiers);
    ec2_api.set_faults(&faults);
    ec2_api.set_cache(&ec2_reads);
    json_api.set_faults(&faults);

    lambda_functions.register_work();
    lambda_functions.set_on_change([this](const std::string& name) { lambda_invoker.evict(name); });
    deliveries.set_lambda_invoker(&lambda_targets);
    deliveries.set_faults(&faults);
    protocol::lambda::register_function_actions(lambda_api, lambda_functions, lambda_invoker,
                                                config);
    protocol::lambda::register_invoke_actions(lambda_api, lambda_invoker);
    protocol::lambda::register_permission_actions(lambda_api, lambda_functions);
    protocol::lambda::register_tag_actions(lambda_api, lambda_functions);
    protocol::logs::register_log_actions(json_api, log_service);
    protocol::iam::register_role_actions(iam_api, iam_service);
    protocol::iam::register_policy_actions(iam_api, iam_service);
    admin::register_invocations(admin_api, deps);

    fixture_loader.add_section(fixtures::make_key_section(deps));
    fixture_loader.add_section(fixtures::make_instance_section(deps));
    fixture_loader.add_section(fixtures::make_volume_section(deps));
    fixture_loader.add_section(fixtures::make_snapshot_section(deps));
    fixture_loader.add_section(fixtures::make_snapshot_tier_section(deps, snapshot_tiers));
    fixture_loader.add_section(fixtures::make_snapshot_lock_section(deps, snapshot_locks));
    fixture_loader.add_section(fixtures::make_fast_snapshot_restore_section(deps));
    fixture_loader.add_section(fixtures::make_snapshot_block_public_access_section(deps));
    fixture_loader.add_section(fixtures::make_function_section(deps, lambda_functions));
    fixture_loader.add_section(fixtures::make_bus_section(deps, events_service));
    fixture_loader.add_section(fixtures::make_connection_section(deps, connections));
    fixture_loader.add_section(fixtures::make_api_destination_section(deps, connections));
    fixture_loader.add_section(fixtures::make_rule_section(deps, events_service, bus));
    fixtures::register_fixture_endpoints(admin_api, fixture_loader);
    if (!config.fixtures.empty()) {
      auto counts = fixture_loader.load_startup(config.fixtures);
      spdlog::info("fixtures loaded: {}", counts.dump());
    }

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
  impl_->deliveries.stop();
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
        // Lambda invocations, code uploads (unzipped on the spot) and admin waits may take
        // seconds: keep them off the I/O threads.
        auto path = r.path();
        return path.find("/invocations") != std::string_view::npos ||
               path.substr(0, 11) == "/_emulator/" ||
               (r.method != "GET" && path.substr(0, 21) == "/2015-03-31/functions");
      });
  unsigned short port = impl_->server->listen();
  impl_->config.port = port;
  impl_->scheduler.start();
  impl_->deliveries.start();
  impl_->lambda_invoker.resume();
  return port;
}

void App::run() { impl_->server->run(); }

void App::stop() {
  if (impl_->server) impl_->server->stop();
}

}  // namespace ebs
