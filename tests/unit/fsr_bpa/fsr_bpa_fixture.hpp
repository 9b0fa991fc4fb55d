// The snapshot, volume, Fast Snapshot Restore, block public access and volume initialization
// services wired as app.cpp wires them, on an in-memory store with a manual clock, a scheduler run
// by hand (advance()) and an event sink that records every event with its account.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/services.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/fast_snapshot_restore_service.hpp"
#include "ec2/fsr_snapshot_observer.hpp"
#include "ec2/snapshot_block_public_access_service.hpp"
#include "ec2/snapshot_service.hpp"
#include "ec2/volume_initialization_service.hpp"
#include "ec2/volume_service.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/ec2/fast_snapshot_restore_table.hpp"
#include "store/ec2/snapshot_block_public_access_table.hpp"
#include "store/ec2/volume_initialization_table.hpp"
#include "store/ec2/volume_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::ec2 {

inline constexpr const char* kA = "111111111111";
inline constexpr const char* kB = "222222222222";

class RecordingSink : public EventSink {
 public:
  void publish(store::Transaction&, const std::string& account, const std::string& region,
               const std::string& bus, const nlohmann::ordered_json& event) override {
    EXPECT_EQ(bus, "default");
    EXPECT_EQ(event["account"], account);
    EXPECT_EQ(event["region"], region);
    events.push_back(event);
  }
  std::vector<nlohmann::ordered_json> of_type(const std::string& detail_type) const {
    std::vector<nlohmann::ordered_json> out;
    for (const auto& e : events) {
      if (e["detail-type"] == detail_type) out.push_back(e);
    }
    return out;
  }
  // FSR states in order, as "<account> <zone> <state>".
  std::vector<std::string> fsr_states() const {
    std::vector<std::string> out;
    for (const auto& e : of_type("EBS Fast Snapshot Restore State-change Notification")) {
      out.push_back(e["account"].get<std::string>() + " " + e["detail"]["zone"].get<std::string>() +
                    " " + e["detail"]["state"].get<std::string>());
    }
    return out;
  }
  std::vector<nlohmann::ordered_json> events;
};

// The services of one process: rebuilt on the same database to emulate a restart.
struct Services {
  explicit Services(ServiceDeps& deps)
      : volumes(deps),
        snapshots(deps),
        fsr(deps),
        observer(fsr),
        bpa(deps),
        initialization(deps, fsr) {
    snapshots.register_work();
    volumes.set_snapshot_resolver(snapshots.resolver());
    fsr.set_visible_snapshot(
        [this](store::Transaction& tx, const RequestContext& ctx, const std::string& id) {
          return snapshots.accessible(tx, ctx, id);
        });
    fsr.register_work();
    snapshots.add_observer(&observer);
    snapshots.set_sharing_hooks(
        {[this](store::Transaction& tx, const store::SnapshotRow& s) {
           bpa.check_public_sharing(tx, s.account, s.region);
         },
         [this](store::Transaction& tx, const std::string& owner, const std::string& region) {
           return bpa.public_allowed(tx, owner, region);
         },
         [this](store::Transaction& tx, const store::SnapshotRow& s) {
           fsr.revalidate(tx, s.snapshot_id);
         }});
    bpa.set_on_change(
        [this](store::Transaction& tx, const std::string& account, const std::string& region) {
          fsr.revalidate_owner(tx, account, region);
        });
    volumes.register_work();
    initialization.register_work();
    volumes.set_initialization_hooks(initialization.hooks());
  }
  VolumeService volumes;
  SnapshotService snapshots;
  FastSnapshotRestoreService fsr;
  FsrSnapshotObserver observer;
  SnapshotBlockPublicAccessService bpa;
  VolumeInitializationService initialization;
};

class FsrBpaFixture : public ::testing::Test {
 protected:
  static constexpr int64_t kStart = 1'700'000'000'000;

  FsrBpaFixture()
      : db_(store::Database::Options{":memory:"}),
        scheduler_(std::make_unique<Scheduler>(db_, clock_)),
        deps_(std::make_unique<ServiceDeps>(
            ServiceDeps{db_, clock_, ids_, *scheduler_, sink_, config_, faults_})) {
    store::migrate(db_, {store::WorkQueue::schema(), store::ec2_schema(),
                         store::FastSnapshotRestoreTable::schema(),
                         store::SnapshotBlockPublicAccessTable::schema(),
                         store::VolumeInitializationTable::schema()});
    clock_.set_manual(kStart);
    config_.timing.snapshot_ms = 100;
    config_.timing.volume_create_ms = 100;
    config_.timing.volume_delete_ms = 100;
    config_.timing.fsr_ms = 1000;
    config_.timing.initialize_ms = 500;
    s_ = std::make_unique<Services>(*deps_);
  }

  // A process restart: a new scheduler and new services on the same database and clock.
  void restart() {
    s_.reset();
    scheduler_ = std::make_unique<Scheduler>(db_, clock_);
    deps_ = std::make_unique<ServiceDeps>(
        ServiceDeps{db_, clock_, ids_, *scheduler_, sink_, config_, faults_});
    s_ = std::make_unique<Services>(*deps_);
  }

  RequestContext ctx(const std::string& account = kA, const std::string& region = "us-east-1") {
    return {account, region, ids_.uuid(), clock_.now_ms()};
  }
  size_t advance(int64_t ms) {
    clock_.advance(ms);
    return scheduler_->run_due();
  }
  // A completed (else pending) snapshot of a fresh available volume of `account`.
  std::string snapshot(const std::string& account = kA, int64_t size = 8, bool complete = true) {
    store::VolumeRow v;
    v.volume_id = ids_.resource_id("vol");
    v.account = account;
    v.region = "us-east-1";
    v.availability_zone = "us-east-1a";
    v.size = size;
    v.state = "available";
    v.volume_type = "gp2";
    {
      store::Transaction tx(db_);
      store::VolumeTable::insert(tx, v);
      tx.commit();
    }
    CreateSnapshotRequest r;
    r.volume_id = v.volume_id;
    auto id = s_->snapshots.create(ctx(account), r).row.snapshot_id;
    if (complete) advance(config_.timing.snapshot_ms);
    return id;
  }
  void share(const std::string& id, const std::string& grantee, bool add = true,
             const std::string& owner = kA) {
    ModifySnapshotAttributeRequest r;
    r.snapshot_id = id;
    PermissionChange c;
    if (grantee == "all") {
      c.group = "all";
    } else {
      c.user_id = grantee;
    }
    (add ? r.add : r.remove).push_back(c);
    s_->snapshots.modify_attribute(ctx(owner), r);
  }
  static FastSnapshotRestoresRequest fsr_request(const std::vector<std::string>& snapshots,
                                                 const std::vector<std::string>& zones) {
    FastSnapshotRestoresRequest r;
    r.source_snapshot_ids = snapshots;
    r.availability_zones = zones;
    return r;
  }
  std::vector<store::FastSnapshotRestoreRow> described(const std::string& account = kA,
                                                       std::vector<Filter> filters = {}) {
    DescribeFastSnapshotRestoresRequest r;
    r.filters = std::move(filters);
    return s_->fsr.describe(ctx(account), r).restores;
  }
  template <typename F>
  std::string error_of(F&& f, std::string* message = nullptr) {
    try {
      f();
    } catch (const AwsError& e) {
      if (message) *message = e.message();
      return e.code();
    }
    return "";
  }

  store::Database db_;
  Clock clock_;
  IdGenerator ids_{7};
  std::unique_ptr<Scheduler> scheduler_;
  RecordingSink sink_;
  Config config_;
  FaultRegistry faults_;
  std::unique_ptr<ServiceDeps> deps_;
  std::unique_ptr<Services> s_;
};

}  // namespace ebs::ec2
