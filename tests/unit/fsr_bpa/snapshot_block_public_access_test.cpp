// Block public access for snapshots: the per account+region mode with its events, and its
// enforcement on ModifySnapshotAttribute and on who sees public snapshots.
#include "fsr_bpa_fixture.hpp"

namespace ebs::ec2 {
namespace {

using Bpa = FsrBpaFixture;

std::vector<std::string> ids_of(const SnapshotPage& page) {
  std::vector<std::string> out;
  for (const auto& v : page.snapshots) out.push_back(v.row.snapshot_id);
  return out;
}

TEST_F(Bpa, ModesPerAccountAndRegionWithTheirEvents) {
  EXPECT_EQ(s_->bpa.get(ctx(), false).state, "unblocked");
  EXPECT_EQ(s_->bpa.get(ctx(), false).managed_by, "account");
  EXPECT_EQ(s_->bpa.enable(ctx(), std::string("block-all-sharing"), false), "block-all-sharing");
  EXPECT_EQ(s_->bpa.get(ctx(), false).state, "block-all-sharing");
  EXPECT_EQ(s_->bpa.get(ctx(kB), false).state, "unblocked");
  EXPECT_EQ(s_->bpa.get(ctx(kA, "eu-west-1"), false).state, "unblocked");
  s_->bpa.enable(ctx(), std::string("block-new-sharing"), false);
  EXPECT_EQ(s_->bpa.disable(ctx(), false), "unblocked");
  EXPECT_EQ(s_->bpa.get(ctx(), false).state, "unblocked");

  ASSERT_EQ(sink_.events.size(), 3u);
  const auto& e = sink_.events[0];
  EXPECT_EQ(e["detail-type"], "EBS Snapshot Block Public Access Enabled");
  EXPECT_EQ(e["source"], "aws.ec2");
  EXPECT_EQ(e["resources"], nlohmann::ordered_json::array());
  EXPECT_EQ(
      e["detail"].dump(),
      R"({"SnapshotBlockPublicAccessState":"block-all-sharing",)"
      R"("message":"Block Public Access was successfully enabled in 'block-all-sharing' mode"})");
  EXPECT_EQ(sink_.events[1]["detail"]["message"],
            "Block Public Access was successfully enabled in 'block-new-sharing' mode");
  EXPECT_EQ(sink_.events[2]["detail-type"], "EBS Snapshot Block Public Access Disabled");
  EXPECT_EQ(sink_.events[2]["detail"].dump(),
            R"({"SnapshotBlockPublicAccessState":"unblocked",)"
            R"("message":"Block Public Access was successfully disabled"})");
}

TEST_F(Bpa, EnableRefusesOtherStates) {
  std::string message;
  EXPECT_EQ(error_of([&] { s_->bpa.enable(ctx(), std::string("unblocked"), false); }, &message),
            "InvalidRequest");
  EXPECT_EQ(message,
            "Value 'unblocked' for State is not valid. Valid values are 'block-all-sharing' and "
            "'block-new-sharing'.");
  EXPECT_EQ(error_of([&] { s_->bpa.enable(ctx(), std::nullopt, false); }), "MissingParameter");
  EXPECT_EQ(error_of([&] { s_->bpa.enable(ctx(), std::string("block-all-sharing"), true); }),
            "DryRunOperation");
  EXPECT_EQ(s_->bpa.get(ctx(), false).state, "unblocked");
  EXPECT_TRUE(sink_.events.empty());
}

TEST_F(Bpa, BlockNewSharingRefusesToMakeSnapshotsPublicButKeepsTheOldOnes) {
  auto already = snapshot();
  share(already, "all");
  auto fresh = snapshot();
  s_->bpa.enable(ctx(), std::string("block-new-sharing"), false);
  std::string message;
  EXPECT_EQ(error_of([&] { share(fresh, "all"); }, &message), "OperationNotPermitted");
  EXPECT_EQ(message,
            "You can't publicly share this snapshot because block public access for snapshots is "
            "enabled for this account. To publicly share the snapshot, you must call the "
            "DisableSnapshotBlockPublicAccess API.");
  share(fresh, kB);  // private sharing still works
  DescribeSnapshotsRequest r;
  auto seen = ids_of(s_->snapshots.describe(ctx(kB), r));
  EXPECT_EQ(seen.size(), 2u);  // the old public one and the privately shared one
  // Another account's mode does not matter.
  s_->bpa.disable(ctx(), false);
  s_->bpa.enable(ctx(kB), std::string("block-all-sharing"), false);
  share(fresh, "all");
}

TEST_F(Bpa, BlockAllSharingTreatsPublicSnapshotsAsPrivate) {
  auto pub = snapshot();
  share(pub, "all");
  auto shared = snapshot();
  share(shared, kB);
  s_->bpa.enable(ctx(), std::string("block-all-sharing"), false);

  DescribeSnapshotsRequest everything;
  EXPECT_EQ(ids_of(s_->snapshots.describe(ctx(kB), everything)),
            (std::vector<std::string>{shared}));
  DescribeSnapshotsRequest by_id;
  by_id.snapshot_ids = {pub};
  EXPECT_TRUE(s_->snapshots.describe(ctx(kB), by_id).snapshots.empty());
  DescribeSnapshotsRequest restorable_by_all;
  restorable_by_all.restorable_by = {"all"};
  EXPECT_TRUE(s_->snapshots.describe(ctx(kA), restorable_by_all).snapshots.empty());
  // B can no longer restore it; the owner still can, and its attribute still says `all`.
  CreateVolumeRequest v;
  v.availability_zone = "us-east-1a";
  v.snapshot_id = pub;
  EXPECT_EQ(error_of([&] { s_->volumes.create(ctx(kB), v); }), "InvalidSnapshot.NotFound");
  EXPECT_EQ(error_of([&] { s_->volumes.create(ctx(kA), v); }), "");
  SnapshotAttributeRequest attr;
  attr.snapshot_id = pub;
  attr.attribute = "createVolumePermission";
  auto a = s_->snapshots.describe_attribute(ctx(kA), attr);
  ASSERT_EQ(a.permissions.size(), 1u);
  EXPECT_EQ(a.permissions[0].group, "all");
  EXPECT_EQ(error_of([&] { share(snapshot(), "all"); }), "OperationNotPermitted");

  // Back to block-new-sharing: public again.
  s_->bpa.enable(ctx(), std::string("block-new-sharing"), false);
  EXPECT_EQ(s_->snapshots.describe(ctx(kB), by_id).snapshots.size(), 1u);
  EXPECT_EQ(error_of([&] { s_->volumes.create(ctx(kB), v); }), "");
}

TEST_F(Bpa, BlockAllSharingEndsOtherAccountsFastRestoreOfPublicSnapshots) {
  auto pub = snapshot();
  share(pub, "all");
  auto shared = snapshot();
  share(shared, kB);
  s_->fsr.enable(ctx(kB), fsr_request({pub, shared}, {"us-east-1a"}));
  s_->bpa.enable(ctx(), std::string("block-all-sharing"), false);
  auto rows = described(kB);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[pub < shared ? 0 : 1].state, "disabling");
  EXPECT_EQ(rows[pub < shared ? 0 : 1].state_transition_reason,
            FastSnapshotRestoreService::kSnapshotGone);
  EXPECT_EQ(rows[pub < shared ? 1 : 0].state, "enabling");
}

}  // namespace
}  // namespace ebs::ec2
