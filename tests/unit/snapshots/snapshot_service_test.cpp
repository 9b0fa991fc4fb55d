// The snapshot domain: pending -> completed | error with events, copies, sharing, visibility,
// paging.
#include <gtest/gtest.h>

#include "ec2/ec2_errors.hpp"
#include "ec2/snapshot_service.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/ec2/volume_table.hpp"
#include "support/service_harness.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kA = "111111111111";
constexpr const char* kB = "222222222222";
constexpr const char* kC = "333333333333";

class SnapshotServiceTest : public test::ServiceHarness<> {
 protected:
  SnapshotServiceTest() : ServiceHarness(11, {store::ec2_schema()}), snapshots_(deps()) {
    config_.timing.snapshot_ms = 1000;
    config_.timing.copy_ms = 500;
    snapshots_.register_work();
  }

  std::string volume(const std::string& account = kA, const std::string& region = "us-east-1",
                     int64_t size = 8, bool encrypted = false) {
    store::VolumeRow v;
    v.volume_id = ids_.resource_id("vol");
    v.account = account;
    v.region = region;
    v.availability_zone = region + "a";
    v.size = size;
    v.state = "available";
    v.volume_type = "gp2";
    v.encrypted = encrypted;
    if (encrypted) v.kms_key_id = "arn:aws:kms:" + region + ":" + account + ":key/k1";
    store::Transaction tx(db_);
    store::VolumeTable::insert(tx, v);
    tx.commit();
    return v.volume_id;
  }
  std::string snapshot(const std::string& account = kA, const std::string& region = "us-east-1",
                       bool complete = true) {
    CreateSnapshotRequest r;
    r.volume_id = volume(account, region);
    auto id = snapshots_.create(ctx(account, region), r).row.snapshot_id;
    if (complete) advance(1000);
    return id;
  }
  std::vector<std::string> ids_seen(const std::string& account, DescribeSnapshotsRequest r = {}) {
    std::vector<std::string> out;
    for (const auto& v : snapshots_.describe(ctx(account), r).snapshots) {
      out.push_back(v.row.snapshot_id);
    }
    return out;
  }
  void share(const std::string& id, const std::string& grantee, bool add = true) {
    ModifySnapshotAttributeRequest r;
    r.snapshot_id = id;
    PermissionChange c;
    if (grantee == "all") {
      c.group = "all";
    } else {
      c.user_id = grantee;
    }
    (add ? r.add : r.remove).push_back(c);
    snapshots_.modify_attribute(ctx(kA), r);
  }
  static DescribeSnapshotsRequest by_id(const std::string& id) {
    DescribeSnapshotsRequest r;
    r.snapshot_ids = {id};
    return r;
  }

  SnapshotService snapshots_;
};

TEST_F(SnapshotServiceTest, PendingProgressesThenCompletesWithTheEvent) {
  CreateSnapshotRequest r;
  r.volume_id = volume(kA, "us-east-1", 20);
  r.description = "d";
  auto made = snapshots_.create(ctx(), r);
  EXPECT_EQ(made.row.state, "pending");
  EXPECT_EQ(made.row.volume_size, 20);
  EXPECT_EQ(advance(500), 0u);
  auto mid = snapshots_.describe(ctx(), by_id(made.row.snapshot_id)).snapshots.at(0);
  EXPECT_EQ(mid.progress, 50);
  EXPECT_TRUE(sink_.events.empty());
  EXPECT_EQ(advance(500), 1u);
  auto done = snapshots_.describe(ctx(), by_id(made.row.snapshot_id)).snapshots.at(0);
  EXPECT_EQ(done.row.state, "completed");
  EXPECT_EQ(done.progress, 100);
  ASSERT_EQ(sink_.events.size(), 1u);
  const auto& e = sink_.events[0];
  EXPECT_EQ(e["detail-type"], "EBS Snapshot Notification");
  EXPECT_EQ(e["resources"][0], "arn:aws:ec2::us-east-1:snapshot/" + made.row.snapshot_id);
  EXPECT_EQ(e["detail"].dump(),
            R"({"event":"createSnapshot","result":"succeeded","cause":"","request-id":"",)"
            R"("snapshot_id":"arn:aws:ec2::us-east-1:snapshot/)" +
                made.row.snapshot_id + R"(","source":"arn:aws:ec2::us-east-1:volume/)" +
                r.volume_id +
                R"(","startTime":"2023-11-14T22:13:20Z","endTime":"2023-11-14T22:13:21Z"})");
}

TEST_F(SnapshotServiceTest, ProportionalDurationPerGib) {
  config_.timing.snapshot_ms_per_gib = 100;
  CreateSnapshotRequest r;
  r.volume_id = volume(kA, "us-east-1", 10);  // 1000 + 10 * 100 ms
  auto id = snapshots_.create(ctx(), r).row.snapshot_id;
  EXPECT_EQ(advance(1999), 0u);
  EXPECT_EQ(advance(1), 1u);
  EXPECT_EQ(snapshots_.describe(ctx(), by_id(id)).snapshots.at(0).row.state, "completed");
}

TEST_F(SnapshotServiceTest, FailNowAndCompleteNow) {
  auto failing = snapshot(kA, "us-east-1", false);
  auto finishing = snapshot(kA, "us-east-1", false);
  clock_.advance(300);
  auto failed = snapshots_.fail_now(failing, "boom");
  EXPECT_EQ(failed.row.state, "error");
  EXPECT_EQ(failed.row.status_message, "boom");
  EXPECT_EQ(failed.progress, 30);
  EXPECT_EQ(snapshots_.complete_now(finishing).row.state, "completed");
  EXPECT_EQ(error_of([&] { snapshots_.complete_now(finishing); }), "IncorrectState");
  EXPECT_EQ(error_of([&] { snapshots_.fail_now("snap-00000000000000000", "x"); }),
            "InvalidSnapshot.NotFound");
  EXPECT_EQ(advance(5000), 0u);  // their scheduled rows are gone
  auto events = sink_.of("createSnapshot");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["detail"]["result"], "failed");
  EXPECT_EQ(events[0]["detail"]["cause"], "boom");
  EXPECT_EQ(events[1]["detail"]["result"], "succeeded");
}

TEST_F(SnapshotServiceTest, KeyCheckSeamFailsAnEncryptedSnapshot) {
  snapshots_.set_key_check(
      [](store::Transaction&, const std::string&, const std::string&,
         const std::string& key) -> std::optional<std::string> { return key + " is disabled."; });
  CreateSnapshotRequest r;
  r.volume_id = volume(kA, "us-east-1", 8, true);
  auto id = snapshots_.create(ctx(), r).row.snapshot_id;
  advance(1000);
  auto s = snapshots_.describe(ctx(), by_id(id)).snapshots.at(0);
  EXPECT_EQ(s.row.state, "error");
  EXPECT_EQ(s.row.status_message, "arn:aws:kms:us-east-1:111111111111:key/k1 is disabled.");
  // An unencrypted one is not checked.
  EXPECT_EQ(snapshots_.describe(ctx(), by_id(snapshot())).snapshots.at(0).row.state, "completed");
}

TEST_F(SnapshotServiceTest, CreateErrors) {
  CreateSnapshotRequest r;
  r.volume_id = "vol-00000000000000000";
  EXPECT_EQ(error_of([&] { snapshots_.create(ctx(), r); }), "InvalidVolume.NotFound");
  r.volume_id = "nope";
  EXPECT_EQ(error_of([&] { snapshots_.create(ctx(), r); }), "InvalidVolumeID.Malformed");
  r.volume_id = volume(kB);  // another account's volume
  EXPECT_EQ(error_of([&] { snapshots_.create(ctx(kA), r); }), "InvalidVolume.NotFound");
  r.volume_id = volume();
  r.tag_specifications = {{"volume", {{"k", "v"}}}};
  EXPECT_EQ(error_of([&] { snapshots_.create(ctx(), r); }), "InvalidParameterValue");
}

TEST_F(SnapshotServiceTest, CrossRegionCopyCompletesInTheDestinationAndIsIncremental) {
  auto source = snapshot(kA, "us-east-1");
  sink_.events.clear();
  CopySnapshotRequest r;
  r.source_region = "us-east-1";
  r.source_snapshot_id = source;
  auto first = snapshots_.copy(ctx(kA, "eu-west-1"), r).row;
  EXPECT_EQ(first.region, "eu-west-1");
  EXPECT_EQ(first.volume_id, "vol-ffffffff");
  EXPECT_EQ(advance(500), 1u);
  auto second = snapshots_.copy(ctx(kA, "eu-west-1"), r).row;
  advance(500);
  auto events = sink_.of("copySnapshot");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["region"], "eu-west-1");
  EXPECT_EQ(events[0]["detail"]["source"], "arn:aws:ec2::us-east-1:snapshot/" + source);
  EXPECT_EQ(events[0]["detail"]["incremental"], "false");
  EXPECT_EQ(events[1]["detail"]["incremental"], "true");
  EXPECT_EQ(events[1]["detail"]["transferType"], "standard");
  EXPECT_EQ(events[1]["detail"]["snapshot_id"],
            "arn:aws:ec2::eu-west-1:snapshot/" + second.snapshot_id);
}

TEST_F(SnapshotServiceTest, CrossRegionCopyOfAMissingSourceFailsLater) {
  CopySnapshotRequest r;
  r.source_region = "us-west-2";
  r.source_snapshot_id = "snap-00000000000000000";
  auto copy = snapshots_.copy(ctx(kA, "eu-west-1"), r).row;
  EXPECT_EQ(copy.state, "pending");
  advance(500);
  auto s = snapshots_.describe(ctx(kA, "eu-west-1"), by_id(copy.snapshot_id)).snapshots.at(0);
  EXPECT_EQ(s.row.state, "error");
  EXPECT_EQ(s.row.status_message, "Source snapshot ID is not valid");
  auto events = sink_.of("copySnapshot");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["detail"]["result"], "failed");
  EXPECT_FALSE(events[0]["detail"].contains("incremental"));
  // Within one region the same mistake is refused at once.
  r.source_region = "eu-west-1";
  EXPECT_EQ(error_of([&] { snapshots_.copy(ctx(kA, "eu-west-1"), r); }),
            "InvalidSnapshot.NotFound");
}

TEST_F(SnapshotServiceTest, SharingControlsVisibilityAndEmitsShareSnapshot) {
  auto mine = snapshot(kA);
  auto theirs = snapshot(kB);
  sink_.events.clear();
  EXPECT_EQ(ids_seen(kB), std::vector<std::string>{theirs});
  EXPECT_TRUE(ids_seen(kB, by_id(mine)).empty());  // inaccessible: omitted, not an error

  share(mine, kB);
  auto seen = ids_seen(kB);
  EXPECT_EQ(seen.size(), 2u);
  auto shares = sink_.of("shareSnapshot");
  ASSERT_EQ(shares.size(), 1u);
  EXPECT_EQ(shares[0]["account"], kB);
  EXPECT_EQ(shares[0]["detail"]["source"], kA);
  share(mine, kB);  // already shared: no second event
  EXPECT_EQ(sink_.of("shareSnapshot").size(), 1u);

  DescribeSnapshotsRequest own;
  own.owners = {"self"};
  EXPECT_EQ(ids_seen(kB, own), std::vector<std::string>{theirs});
  DescribeSnapshotsRequest restorable;
  restorable.restorable_by = {"self"};
  EXPECT_EQ(ids_seen(kB, restorable).size(), 2u);
  DescribeSnapshotsRequest for_b;
  for_b.restorable_by = {kB};
  EXPECT_EQ(ids_seen(kA, for_b), std::vector<std::string>{mine});

  share(mine, "all");
  EXPECT_EQ(sink_.of("shareSnapshot").size(), 1u);  // making it public sends nothing
  EXPECT_EQ(ids_seen(kC), std::vector<std::string>{mine});
  DescribeSnapshotsRequest pub;
  pub.restorable_by = {"all"};
  EXPECT_EQ(ids_seen(kC, pub), std::vector<std::string>{mine});
  restorable.restorable_by = {"self"};
  EXPECT_TRUE(ids_seen(kC, restorable).empty());

  share(mine, "all", false);
  share(mine, kB, false);
  EXPECT_EQ(ids_seen(kB), std::vector<std::string>{theirs});
  EXPECT_TRUE(ids_seen(kC).empty());
}

TEST_F(SnapshotServiceTest, ModifyAttributeErrors) {
  auto id = snapshot(kA);
  ModifySnapshotAttributeRequest r;
  r.snapshot_id = id;
  EXPECT_EQ(error_of([&] { snapshots_.modify_attribute(ctx(), r); }), "MissingParameter");
  r.add = {{kB, std::nullopt}};
  r.remove = {{kC, std::nullopt}};
  EXPECT_EQ(error_of([&] { snapshots_.modify_attribute(ctx(), r); }),
            "InvalidParameterCombination");
  r.remove.clear();
  r.add = {{std::nullopt, "everyone"}};
  EXPECT_EQ(error_of([&] { snapshots_.modify_attribute(ctx(), r); }), "InvalidParameterValue");
  r.add = {{"12", std::nullopt}};
  EXPECT_EQ(error_of([&] { snapshots_.modify_attribute(ctx(), r); }), "InvalidUserID.Malformed");
  r.add = {{kC, std::nullopt}};
  EXPECT_EQ(error_of([&] { snapshots_.modify_attribute(ctx(kB), r); }),
            "InvalidSnapshot.NotFound");  // only the owner may share

  CreateSnapshotRequest enc;
  enc.volume_id = volume(kA, "us-east-1", 8, true);
  auto encrypted = snapshots_.create(ctx(), enc).row.snapshot_id;
  r.snapshot_id = encrypted;
  r.add = {{std::nullopt, "all"}};
  EXPECT_EQ(error_of([&] { snapshots_.modify_attribute(ctx(), r); }), "InvalidParameterValue");
  r.add = {{kB, std::nullopt}};
  EXPECT_EQ(error_of([&] { snapshots_.modify_attribute(ctx(), r); }), "");  // customer key
}

TEST_F(SnapshotServiceTest, PagingMergesOwnSharedAndPublicInIdOrder) {
  std::vector<std::string> expected;
  for (int i = 0; i < 9; ++i) expected.push_back(snapshot(kA));
  for (int i = 0; i < 4; ++i) {
    auto id = snapshot(kB);
    expected.push_back(id);
    store::Transaction tx(db_);
    store::SnapshotTable::grant(tx, id, "us-east-1", i % 2 ? "all" : kA);
    tx.commit();
  }
  snapshot(kB);  // private to B
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> got;
  DescribeSnapshotsRequest r;
  r.max_results = 5;
  int pages = 0;
  while (true) {
    auto page = snapshots_.describe(ctx(kA), r);
    ++pages;
    for (const auto& v : page.snapshots) got.push_back(v.row.snapshot_id);
    if (!page.next_token) break;
    r.next_token = page.next_token;
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(pages, 3);
}

TEST_F(SnapshotServiceTest, CreateSnapshotsSendsOneEventWhenTheWholeSetHasFinished) {
  const std::string instance = "i-0123456789abcdef0";
  std::vector<std::string> volumes = {volume(), volume()};
  {
    store::Transaction tx(db_);
    store::VolumeTable::put_attachment(
        tx, {volumes[0], instance, "/dev/xvda", "attached", kStart, true});
    store::VolumeTable::put_attachment(
        tx, {volumes[1], instance, "/dev/sdf", "attached", kStart, false});
    tx.commit();
  }
  CreateSnapshotsRequest r;
  r.instance_id = instance;
  auto set = snapshots_.create_multi(ctx(), r);
  ASSERT_EQ(set.size(), 2u);
  clock_.advance(200);
  snapshots_.fail_now(set[1].row.snapshot_id, "lost");
  EXPECT_TRUE(sink_.events.empty());  // the other one is still pending
  advance(1000);
  ASSERT_EQ(sink_.events.size(), 1u);
  const auto& e = sink_.events[0];
  EXPECT_EQ(e["detail-type"], "EBS Multi-Volume Snapshots Completion Status");
  EXPECT_EQ(e["resources"].size(), 2u);
  EXPECT_EQ(e["detail"]["event"], "createSnapshots");
  EXPECT_EQ(e["detail"]["result"], "failed");
  EXPECT_EQ(e["detail"]["cause"], "Snapshot " + set[1].row.snapshot_id + " is in status error");
  EXPECT_EQ(e["detail"]["snapshots"].size(), 2u);

  r.exclude_boot_volume = true;
  ASSERT_EQ(snapshots_.create_multi(ctx(), r).size(), 1u);
  r.instance_id = "i-00000000000000000";
  EXPECT_EQ(error_of([&] { snapshots_.create_multi(ctx(), r); }), "InvalidInstanceID.NotFound");
}

TEST_F(SnapshotServiceTest, ResolverForCreateVolume) {
  auto resolve = snapshots_.resolver();
  auto pending = snapshot(kA, "us-east-1", false);
  std::string message;
  EXPECT_EQ(error_of(
                [&] {
                  store::Transaction tx(db_);
                  resolve(tx, ctx(), pending);
                },
                &message),
            "IncorrectState");
  EXPECT_EQ(message, "Snapshot is in invalid state - pending");
  advance(1000);
  {
    store::Transaction tx(db_);
    EXPECT_EQ(resolve(tx, ctx(), pending).size_gib, 8);
    EXPECT_THROW(resolve(tx, ctx(kB), pending), AwsError);
  }
  share(pending, kB);
  store::Transaction tx(db_);
  EXPECT_EQ(resolve(tx, ctx(kB), pending).size_gib, 8);
}

}  // namespace
}  // namespace ebs::ec2
