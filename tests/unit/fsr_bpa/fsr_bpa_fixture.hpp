// The snapshot, volume, Fast Snapshot Restore, block public access and volume initialization
// services wired as app.cpp wires them, on an in-memory store with a manual clock, a scheduler run
// by hand (advance()) and an event sink that records every event with its account.
#pragma once

#include <memory>

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
#include "support/service_harness.hpp"

namespace ebs::ec2 {

inline constexpr const char* kA = "111111111111";
inline constexpr const char* kB = "222222222222";

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

class FsrBpaFixture : public test::ServiceHarness<> {
 protected:
  FsrBpaFixture()
      : ServiceHarness(7, {store::ec2_schema(), store::FastSnapshotRestoreTable::schema(),
                           store::SnapshotBlockPublicAccessTable::schema(),
                           store::VolumeInitializationTable::schema()}) {
    config_.timing.snapshot_ms = 100;
    config_.timing.volume_create_ms = 100;
    config_.timing.volume_delete_ms = 100;
    config_.timing.fsr_ms = 1000;
    config_.timing.initialize_ms = 500;
    s_ = std::make_unique<Services>(deps());
  }

  // A process restart: a new scheduler and new services on the same database and clock.
  void restart() {
    s_.reset();
    restart_scheduler();
    s_ = std::make_unique<Services>(deps());
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
  // FSR states in order, as "<account> <zone> <state>".
  std::vector<std::string> fsr_states() const {
    std::vector<std::string> out;
    for (const auto& e : sink_.of_type("EBS Fast Snapshot Restore State-change Notification")) {
      out.push_back(e["account"].get<std::string>() + " " + e["detail"]["zone"].get<std::string>() +
                    " " + e["detail"]["state"].get<std::string>());
    }
    return out;
  }

  std::unique_ptr<Services> s_;
};

}  // namespace ebs::ec2
