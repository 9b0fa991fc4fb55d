// SnapshotTierService and SnapshotLockService with SnapshotService on an in-memory store, a manual
// clock and a scheduler run by hand: the asynchronous transitions, their events field by field, the
// guards they put on DeleteSnapshot / CreateVolume / CopySnapshot, and work that survives a
// restart.
#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/snapshot_lock_service.hpp"
#include "ec2/snapshot_service.hpp"
#include "ec2/snapshot_tier_service.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/ec2/snapshot_lock_table.hpp"
#include "store/ec2/snapshot_tier_table.hpp"
#include "store/ec2/volume_table.hpp"
#include "support/service_harness.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kA = "111111111111";
constexpr int64_t kDay = 86'400'000;
constexpr int64_t kHour = 3'600'000;

class TierLockServiceTest : public test::ServiceHarness<> {
 protected:
  TierLockServiceTest()
      : ServiceHarness(11, {store::ec2_schema(), store::SnapshotTierTable::schema(),
                            store::SnapshotLockTable::schema()}),
        snapshots_(deps()),
        tiers_(deps()),
        locks_(deps()) {
    config_.timing.snapshot_ms = 1000;
    config_.timing.copy_ms = 500;
    snapshots_.register_work();
    tiers_.register_work();
    locks_.register_work();
    snapshots_.add_observer(&tiers_);
    snapshots_.add_observer(&locks_);
  }

  std::string snapshot(bool complete = true) {
    store::VolumeRow v;
    v.volume_id = ids_.resource_id("vol");
    v.account = kA;
    v.region = "us-east-1";
    v.availability_zone = "us-east-1a";
    v.size = 8;
    v.state = "available";
    v.volume_type = "gp2";
    {
      store::Transaction tx(db_);
      store::VolumeTable::insert(tx, v);
      tx.commit();
    }
    CreateSnapshotRequest r;
    r.volume_id = v.volume_id;
    auto id = snapshots_.create(ctx(), r).row.snapshot_id;
    if (complete) advance(1000);
    return id;
  }
  SnapshotView describe(const std::string& id) {
    DescribeSnapshotsRequest r;
    r.snapshot_ids = {id};
    return snapshots_.describe(ctx(), r).snapshots.at(0);
  }
  std::string archived() {
    auto id = snapshot();
    tiers_.modify(ctx(), {id, "archive", false});
    advance(1000);
    return id;
  }
  // The code CreateVolume's resolver throws for the snapshot ("" when usable).
  std::string use_error(const std::string& id) {
    return error_of([&] {
      store::Transaction tx(db_);
      snapshots_.resolver()(tx, ctx(), id);
    });
  }
  std::string arn(const std::string& id) { return "arn:aws:ec2::us-east-1:snapshot/" + id; }
  std::string at(int64_t ms) { return iso8601_s(ms); }

  SnapshotService snapshots_;
  SnapshotTierService tiers_;
  SnapshotLockService locks_;
};

// ---- archive tier -------------------------------------------------------------------------------

TEST_F(TierLockServiceTest, ArchiveIsAsynchronousAndEmitsArchiveSnapshot) {
  auto id = snapshot();
  auto c = ctx();
  auto out = tiers_.modify(c, {id, "archive", false});
  EXPECT_EQ(out.snapshot_id, id);
  EXPECT_EQ(out.tiering_start_time, clock_.now_ms());
  EXPECT_EQ(describe(id).row.storage_tier, "standard");
  auto status = tiers_.describe_status(ctx(), {});
  ASSERT_EQ(status.items.size(), 1u);
  EXPECT_EQ(status.items[0].tier->status, "archival-in-progress");
  EXPECT_EQ(use_error(id), "");  // still usable while archiving
  advance(400);
  EXPECT_EQ(tiers_.describe_status(ctx(), {}).items[0].progress, 40);
  EXPECT_TRUE(sink_.of("archiveSnapshot").empty());
  advance(600);
  EXPECT_EQ(describe(id).row.storage_tier, "archive");
  auto done = tiers_.describe_status(ctx(), {}).items[0];
  EXPECT_EQ(done.tier->status, "archival-completed");
  EXPECT_EQ(done.progress, 100);
  EXPECT_EQ(done.tier->archival_complete_time, clock_.now_ms());

  auto events = sink_.of("archiveSnapshot");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["detail-type"], "EBS Snapshot Notification");
  EXPECT_EQ(events[0]["resources"], nlohmann::ordered_json::array({arn(id)}));
  nlohmann::ordered_json expected = {{"event", "archiveSnapshot"},
                                     {"result", "succeeded"},
                                     {"cause", ""},
                                     {"request-id", c.request_id},
                                     {"snapshot_id", arn(id)},
                                     {"startTime", at(out.tiering_start_time)},
                                     {"endTime", at(clock_.now_ms())},
                                     {"recycleBinExitTime", ""}};
  EXPECT_EQ(events[0]["detail"].dump(), expected.dump());

  std::string message;
  EXPECT_EQ(use_error(id), "IncorrectState");
  CopySnapshotRequest copy;
  copy.source_region = "us-east-1";
  copy.source_snapshot_id = id;
  EXPECT_EQ(error_of([&] { snapshots_.copy(ctx(), copy); }, &message), "IncorrectState");
  EXPECT_EQ(message,
            "The snapshot '" + id + "' is in the archive tier. Restore it before you use it.");
  EXPECT_EQ(error_of([&] { tiers_.modify(ctx(), {id, "archive", false}); }), "IncorrectState");
}

TEST_F(TierLockServiceTest, StorageTierFilterAndErrors) {
  auto a = archived();
  auto b = snapshot();
  DescribeSnapshotsRequest r;
  r.filters = {{"storage-tier", {"archive"}}};
  auto page = snapshots_.describe(ctx(), r);
  ASSERT_EQ(page.snapshots.size(), 1u);
  EXPECT_EQ(page.snapshots[0].row.snapshot_id, a);
  r.filters = {{"storage-tier", {"standard"}}};
  EXPECT_EQ(snapshots_.describe(ctx(), r).snapshots.at(0).row.snapshot_id, b);

  EXPECT_EQ(error_of([&] {
              tiers_.modify(ctx(), {"snap-0000000000000000f", "archive", false});
            }),
            "InvalidSnapshot.NotFound");
  EXPECT_EQ(error_of([&] {
              tiers_.modify(ctx(), {"bogus", "archive", false});
            }),
            "InvalidSnapshotID.Malformed");
  EXPECT_EQ(error_of([&] { tiers_.modify(ctx(), {b, "archive", true}); }), "DryRunOperation");
  auto pending = snapshot(false);
  EXPECT_EQ(error_of([&] { tiers_.modify(ctx(), {pending, "archive", false}); }), "IncorrectState");
  EXPECT_EQ(error_of([&] {
              tiers_.restore(ctx(), {b, {1, std::nullopt}, false});
            }),
            "IncorrectState");
  DescribeSnapshotTierStatusRequest s;
  s.filters = {{"colour", {"x"}}};
  EXPECT_EQ(error_of([&] { tiers_.describe_status(ctx(), s); }), "InvalidFilter");
  s.filters = {{"last-tiering-operation", {"archival-completed"}}};
  auto filtered = tiers_.describe_status(ctx(), s);
  ASSERT_EQ(filtered.items.size(), 1u);
  EXPECT_EQ(filtered.items[0].snapshot.snapshot_id, a);
}

TEST_F(TierLockServiceTest, TemporaryRestoreExpiresOnTheClock) {
  auto id = archived();
  auto c = ctx();
  auto out = tiers_.restore(c, {id, {2, std::nullopt}, false});
  EXPECT_EQ(out.restore_duration, 2);
  EXPECT_FALSE(out.is_permanent_restore);
  EXPECT_EQ(describe(id).row.storage_tier, "archive");  // until the restore completes
  EXPECT_EQ(use_error(id), "IncorrectState");
  advance(1000);
  int64_t restored_at = clock_.now_ms();
  auto v = describe(id);
  EXPECT_EQ(v.row.storage_tier, "standard");
  EXPECT_EQ(v.restore_expiry_time, restored_at + 2 * kDay);
  EXPECT_EQ(use_error(id), "");

  auto restored = sink_.of("restoreSnapshot");
  ASSERT_EQ(restored.size(), 1u);
  nlohmann::ordered_json expected = {{"event", "restoreSnapshot"},
                                     {"result", "succeeded"},
                                     {"cause", ""},
                                     {"request-id", c.request_id},
                                     {"snapshot_id", arn(id)},
                                     {"startTime", at(out.restore_start_time)},
                                     {"endTime", at(restored_at)},
                                     {"restoreExpiryTime", at(restored_at + 2 * kDay)},
                                     {"recycleBinExitTime", ""}};
  EXPECT_EQ(restored[0]["detail"].dump(), expected.dump());

  advance(2 * kDay - 1001);
  EXPECT_TRUE(sink_.of("restoreExpiry").empty());
  advance(1001);
  EXPECT_EQ(describe(id).row.storage_tier, "archive");
  EXPECT_FALSE(describe(id).restore_expiry_time.has_value());
  auto expiry = sink_.of("restoreExpiry");
  ASSERT_EQ(expiry.size(), 1u);
  expected = {{"event", "restoreExpiry"},
              {"result", "succeeded"},
              {"cause", ""},
              {"request-id", c.request_id},
              {"snapshot_id", arn(id)},
              {"startTime", at(restored_at)},
              {"endTime", at(restored_at + 2 * kDay)},
              {"recycleBinExitTime", ""}};
  EXPECT_EQ(expiry[0]["detail"].dump(), expected.dump());
}

TEST_F(TierLockServiceTest, PermanentRestoreAndFailuresThroughTheTestControl) {
  auto id = archived();
  config_.timing.manual = true;  // tiering waits for the test control
  tiers_.restore(ctx(), {id, {std::nullopt, true}, false});
  advance(10 * kDay);
  EXPECT_EQ(describe(id).row.storage_tier, "archive");
  auto failed = tiers_.fail_now(id, "Restore failed");
  EXPECT_EQ(failed.status, "permanent-restore-failed");
  auto events = sink_.of("restoreSnapshot");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["detail"]["result"], "failed");
  EXPECT_EQ(events[0]["detail"]["cause"], "Restore failed");
  EXPECT_EQ(events[0]["detail"]["recycleBinExitTime"], "");
  EXPECT_FALSE(events[0]["detail"].contains("restoreExpiryTime"));

  tiers_.restore(ctx(), {id, {std::nullopt, true}, false});
  EXPECT_EQ(error_of([&] { tiers_.complete_now("snap-0000000000000000f"); }),
            "InvalidSnapshot.NotFound");
  auto done = tiers_.complete_now(id);
  EXPECT_EQ(done.status, "permanent-restore-completed");
  EXPECT_EQ(describe(id).row.storage_tier, "standard");
  events = sink_.of("restoreSnapshot");
  ASSERT_EQ(events.size(), 2u);
  std::vector<std::string> keys;
  for (const auto& [k, _] : events[1]["detail"].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"event", "result", "cause", "request-id", "snapshot_id",
                                            "startTime", "endTime"}));
  EXPECT_EQ(error_of([&] { tiers_.complete_now(id); }), "IncorrectState");
}

TEST_F(TierLockServiceTest, DeletingASnapshotForgetsItsTierAndWork) {
  auto id = snapshot();
  tiers_.modify(ctx(), {id, "archive", false});
  snapshots_.remove(ctx(), id, false);
  store::Transaction tx(db_);
  EXPECT_FALSE(store::SnapshotTierTable::get(tx, id).has_value());
  EXPECT_TRUE(store::WorkQueue::for_resource(tx, id + "#tier").empty());
}

// ---- locks --------------------------------------------------------------------------------------

TEST_F(TierLockServiceTest, GovernanceLockBlocksDeleteUntilUnlocked) {
  auto id = snapshot();
  auto row = locks_.lock(ctx(), {id, {"governance", std::nullopt, 3, std::nullopt}, false});
  EXPECT_EQ(row.state, "governance");
  std::string message;
  EXPECT_EQ(error_of([&] { snapshots_.remove(ctx(), id, false); }, &message), "SnapshotLocked");
  EXPECT_EQ(message, "The snapshot '" + id + "' is locked and cannot be deleted.");
  auto e = sink_.of("lockSnapshot");
  ASSERT_EQ(e.size(), 1u);
  nlohmann::ordered_json expected = {{"event", "lockSnapshot"},
                                     {"result", "succeeded"},
                                     {"snapshot_id", arn(id)},
                                     {"source", kA},
                                     {"lockState", "governance"},
                                     {"lockCreatedOn", at(clock_.now_ms())},
                                     {"lockExpiresOn", at(clock_.now_ms() + 3 * kDay)},
                                     {"lockDuration", 3},
                                     {"lockStartDurationTime", at(clock_.now_ms())}};
  EXPECT_EQ(e[0]["detail"].dump(), expected.dump());

  locks_.unlock(ctx(), id, false);
  EXPECT_EQ(error_of([&] { locks_.unlock(ctx(), id, false); }), "IncorrectState");
  snapshots_.remove(ctx(), id, false);
  store::Transaction tx(db_);
  EXPECT_FALSE(store::SnapshotTable::by_id(tx, id).has_value());
}

TEST_F(TierLockServiceTest, ComplianceCoolOffAndExpiryOnTheClock) {
  auto id = snapshot();
  int64_t t0 = clock_.now_ms();
  locks_.lock(ctx(), {id, {"compliance", 2, 1, std::nullopt}, false});
  advance(2 * kHour - 1);
  EXPECT_TRUE(sink_.of("cooloffperiodExpiry").empty());
  locks_.unlock(ctx(), id, false);  // still possible during the cooling-off period
  locks_.lock(ctx(), {id, {"compliance", 2, 1, std::nullopt}, false});
  int64_t t1 = clock_.now_ms();
  advance(2 * kHour);
  auto cool = sink_.of("cooloffperiodExpiry");
  ASSERT_EQ(cool.size(), 1u);
  nlohmann::ordered_json expected = {{"event", "cooloffperiodExpiry"},
                                     {"result", "succeeded"},
                                     {"snapshot_id", arn(id)},
                                     {"lockState", "compliance"},
                                     {"lockCreatedOn", at(t1)},
                                     {"lockExpiresOn", at(t1 + kDay)},
                                     {"lockDuration", 1},
                                     {"lockStartDurationTime", at(t1)},
                                     {"cooOffPeriod", 2},
                                     {"coolOffPeriodExpiresOn", at(t1 + 2 * kHour)}};
  EXPECT_EQ(cool[0]["detail"].dump(), expected.dump());
  EXPECT_EQ(error_of([&] { locks_.unlock(ctx(), id, false); }), "IncorrectState");
  EXPECT_EQ(error_of([&] { snapshots_.remove(ctx(), id, false); }), "SnapshotLocked");
  DescribeLockedSnapshotsRequest r;
  r.filters = {{"lock-state", {"compliance"}}};
  EXPECT_EQ(locks_.describe(ctx(), r).locks.size(), 1u);

  advance(kDay);
  auto expiry = sink_.of("lockDurationExpiry");
  ASSERT_EQ(expiry.size(), 1u);
  expected = {{"event", "lockDurationExpiry"},
              {"result", "succeeded"},
              {"snapshot_id", arn(id)},
              {"lockState", "expired"},
              {"lockCreatedOn", at(t1)},
              {"lockExpiresOn", at(t1 + kDay)},
              {"lockDuration", 1}};
  EXPECT_EQ(expiry[0]["detail"].dump(), expected.dump());
  r.filters = {{"lock-state", {"expired"}}};
  EXPECT_EQ(locks_.describe(ctx(), r).locks.at(0).snapshot_id, id);
  snapshots_.remove(ctx(), id, false);  // an expired lock does not protect it
  store::Transaction tx(db_);
  EXPECT_FALSE(store::SnapshotLockTable::get(tx, id).has_value());
  (void)t0;
}

TEST_F(TierLockServiceTest, APendingSnapshotsLockAppliesOnCompletionOrFails) {
  auto ok = snapshot(false);
  int64_t locked_at = clock_.now_ms();
  auto row = locks_.lock(ctx(), {ok, {"compliance", 24, 5, std::nullopt}, false});
  EXPECT_EQ(row.state, "pending-compliance");
  EXPECT_TRUE(sink_.of("lockSnapshot").empty());
  EXPECT_EQ(error_of([&] { snapshots_.remove(ctx(), ok, false); }), "SnapshotLocked");
  advance(1000);  // the snapshot completes
  auto e = sink_.of("lockSnapshot");
  ASSERT_EQ(e.size(), 1u);
  int64_t done = clock_.now_ms();
  nlohmann::ordered_json expected = {{"event", "lockSnapshot"},
                                     {"result", "succeeded"},
                                     {"snapshot_id", arn(ok)},
                                     {"source", kA},
                                     {"lockState", "compliance-cooloff"},
                                     {"lockCreatedOn", at(locked_at)},
                                     {"lockExpiresOn", at(done + 5 * kDay)},
                                     {"lockDuration", 5},
                                     {"lockStartDurationTime", at(done)},
                                     {"cooOffPeriod", 24},
                                     {"coolOffPeriodExpiresOn", at(locked_at + 24 * kHour)}};
  EXPECT_EQ(e[0]["detail"].dump(), expected.dump());

  auto bad = snapshot(false);
  locks_.lock(ctx(), {bad, {"governance", std::nullopt, 7, std::nullopt}, false});
  int64_t bad_locked = clock_.now_ms();
  advance(300);
  snapshots_.fail_now(bad, "Snapshot creation failed");
  e = sink_.of("lockSnapshot");
  ASSERT_EQ(e.size(), 2u);
  expected = {{"event", "lockSnapshot"},
              {"result", "failed"},
              {"cause", "snapshot failed"},
              {"snapshot_id", arn(bad)},
              {"lockState", "pending-governance"},
              {"lockCreatedOn", at(bad_locked)},
              {"lockDuration", 7},
              {"lockStartDurationTime", at(clock_.now_ms())}};
  EXPECT_EQ(e[1]["detail"].dump(), expected.dump());
  store::Transaction tx(db_);
  EXPECT_FALSE(store::SnapshotLockTable::get(tx, bad).has_value());
}

TEST_F(TierLockServiceTest, DescribeLockedSnapshotsPagesAndChecks) {
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    ids.push_back(snapshot());
    locks_.lock(ctx(), {ids.back(), {"governance", std::nullopt, 1, std::nullopt}, false});
  }
  auto unlocked = snapshot();
  std::sort(ids.begin(), ids.end());
  DescribeLockedSnapshotsRequest r;
  r.max_results = 5;
  auto first = locks_.describe(ctx(), r);
  ASSERT_EQ(first.locks.size(), 5u);
  ASSERT_TRUE(first.next_token.has_value());
  r.next_token = first.next_token;
  auto second = locks_.describe(ctx(), r);
  ASSERT_EQ(second.locks.size(), 2u);
  EXPECT_FALSE(second.next_token.has_value());
  EXPECT_EQ(second.locks.back().snapshot_id, ids.back());

  DescribeLockedSnapshotsRequest by_id;
  by_id.snapshot_ids = {ids[0], unlocked};
  auto some = locks_.describe(ctx(), by_id);
  ASSERT_EQ(some.locks.size(), 1u);  // the unlocked snapshot is left out
  EXPECT_EQ(some.locks[0].snapshot_id, ids[0]);
  by_id.snapshot_ids = {"snap-0000000000000000f"};
  EXPECT_EQ(error_of([&] { locks_.describe(ctx(), by_id); }), "InvalidSnapshot.NotFound");
  DescribeLockedSnapshotsRequest bad;
  bad.max_results = 4;
  EXPECT_EQ(error_of([&] { locks_.describe(ctx(), bad); }), "InvalidParameterValue");
  bad.max_results.reset();
  bad.filters = {{"state", {"x"}}};
  EXPECT_EQ(error_of([&] { locks_.describe(ctx(), bad); }), "InvalidFilter");
  bad.filters.clear();
  bad.next_token = "garbage";
  EXPECT_EQ(error_of([&] { locks_.describe(ctx(), bad); }), "InvalidNextToken");
}

TEST_F(TierLockServiceTest, ALockedSnapshotCanBeArchived) {
  auto id = snapshot();
  locks_.lock(ctx(), {id, {"governance", std::nullopt, 30, std::nullopt}, false});
  tiers_.modify(ctx(), {id, "archive", false});
  advance(1000);
  EXPECT_EQ(describe(id).row.storage_tier, "archive");
  EXPECT_EQ(error_of([&] { snapshots_.remove(ctx(), id, false); }), "SnapshotLocked");
}

TEST_F(TierLockServiceTest, WorkSurvivesARestart) {
  auto id = snapshot();
  locks_.lock(ctx(), {id, {"governance", std::nullopt, 1, std::nullopt}, false});
  auto other = snapshot();
  tiers_.modify(ctx(), {other, "archive", false});
  // Fresh services on the same database, as after a restart, finish the work.
  Scheduler scheduler2(db_, clock_);
  ServiceDeps deps2{db_, clock_, ids_, scheduler2, sink_, config_, faults_};
  SnapshotTierService tiers2(deps2);
  SnapshotLockService locks2(deps2);
  tiers2.register_work();
  locks2.register_work();
  clock_.advance(kDay);
  EXPECT_EQ(scheduler2.run_due(), 2u);
  store::Transaction tx(db_);
  EXPECT_EQ(store::SnapshotLockTable::get(tx, id)->state, "expired");
  EXPECT_EQ(store::SnapshotTable::by_id(tx, other)->storage_tier, "archive");
}

}  // namespace
}  // namespace ebs::ec2
