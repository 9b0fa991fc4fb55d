// Fast Snapshot Restore: the state machine per (account, snapshot, zone) with its events, the
// unsuccessful items, DescribeFastSnapshotRestores' filters and paging, deletion and unsharing of
// the snapshot, and work that resumes after a restart.
#include "fsr_bpa_fixture.hpp"

namespace ebs::ec2 {
namespace {

using Fsr = FsrBpaFixture;

TEST_F(Fsr, EnableGoesEnablingOptimizingEnabledWithOneEventPerTransition) {
  auto snap = snapshot();
  sink_.events.clear();
  auto result = s_->fsr.enable(ctx(), fsr_request({snap}, {"us-east-1a", "us-east-1b"}));
  ASSERT_EQ(result.successful.size(), 2u);
  EXPECT_TRUE(result.unsuccessful.empty());
  const auto& first = result.successful[0];
  EXPECT_EQ(first.snapshot_id, snap);
  EXPECT_EQ(first.availability_zone, "us-east-1a");
  EXPECT_EQ(first.state, "enabling");
  EXPECT_EQ(first.state_transition_reason, "Client.UserInitiated");
  EXPECT_EQ(first.account, kA);
  EXPECT_EQ(first.enabling_time, clock_.now_ms());
  EXPECT_FALSE(first.optimizing_time);

  EXPECT_EQ(advance(999), 0u);
  EXPECT_EQ(advance(1), 2u);
  auto mid = described();
  ASSERT_EQ(mid.size(), 2u);
  EXPECT_EQ(mid[0].state, "optimizing");
  EXPECT_EQ(mid[0].state_transition_reason, "Client.UserInitiated - Lifecycle state transition");
  EXPECT_EQ(mid[0].optimizing_time, kStart + 100 + 1000);
  advance(1000);
  auto done = described();
  EXPECT_EQ(done[1].state, "enabled");
  EXPECT_EQ(done[1].enabled_time, kStart + 100 + 2000);
  EXPECT_EQ(advance(10000), 0u);  // nothing more to do

  EXPECT_EQ(fsr_states(),
            (std::vector<std::string>{
                "111111111111 us-east-1a enabling", "111111111111 us-east-1b enabling",
                "111111111111 us-east-1a optimizing", "111111111111 us-east-1b optimizing",
                "111111111111 us-east-1a enabled", "111111111111 us-east-1b enabled"}));
  const auto& e = sink_.events[2];
  EXPECT_EQ(e["source"], "aws.ec2");
  EXPECT_EQ(e["resources"],
            nlohmann::ordered_json::array({"arn:aws:ec2:us-east-1::snapshot/" + snap}));
  EXPECT_EQ(e["detail"].dump(),
            R"({"snapshot-id":")" + snap +
                R"(","state":"optimizing","zone":"us-east-1a",)"
                R"("message":"Client.UserInitiated - Lifecycle state transition"})");
  EXPECT_EQ(sink_.events[0]["detail"]["message"], "Client.UserInitiated");
}

TEST_F(Fsr, EnablingTwiceReportsTheCurrentStateWithoutANewEvent) {
  auto snap = snapshot();
  s_->fsr.enable(ctx(), fsr_request({snap}, {"us-east-1a"}));
  advance(1000);
  sink_.events.clear();
  auto again = s_->fsr.enable(ctx(), fsr_request({snap, snap}, {"us-east-1a", "us-east-1a"}));
  ASSERT_EQ(again.successful.size(), 1u);
  EXPECT_EQ(again.successful[0].state, "optimizing");
  EXPECT_TRUE(sink_.events.empty());
}

TEST_F(Fsr, DisableGoesDisablingThenDisabledAndTheRowDisappears) {
  auto snap = snapshot();
  s_->fsr.enable(ctx(), fsr_request({snap}, {"us-east-1a"}));
  advance(2000);
  sink_.events.clear();
  auto result = s_->fsr.disable(ctx(), fsr_request({snap}, {"us-east-1a"}));
  ASSERT_EQ(result.successful.size(), 1u);
  EXPECT_EQ(result.successful[0].state, "disabling");
  EXPECT_EQ(result.successful[0].state_transition_reason, "Client.UserInitiated");
  EXPECT_TRUE(result.successful[0].enabled_time.has_value());
  EXPECT_EQ(result.successful[0].disabling_time, clock_.now_ms());
  EXPECT_EQ(described().at(0).state, "disabling");
  advance(1000);
  EXPECT_TRUE(described().empty());
  EXPECT_EQ(fsr_states(), (std::vector<std::string>{"111111111111 us-east-1a disabling",
                                                    "111111111111 us-east-1a disabled"}));
  EXPECT_EQ(sink_.events[1]["detail"]["message"],
            "Client.UserInitiated - Lifecycle state transition");
  // Disabling what is not enabled: reported as disabled, nothing happens.
  sink_.events.clear();
  auto idle = s_->fsr.disable(ctx(), fsr_request({snap}, {"us-east-1b"}));
  ASSERT_EQ(idle.successful.size(), 1u);
  EXPECT_EQ(idle.successful[0].state, "disabled");
  EXPECT_TRUE(sink_.events.empty());
}

TEST_F(Fsr, DisableWhileEnablingCancelsTheRestOfTheEnabling) {
  auto snap = snapshot();
  s_->fsr.enable(ctx(), fsr_request({snap}, {"us-east-1a"}));
  advance(500);
  s_->fsr.disable(ctx(), fsr_request({snap}, {"us-east-1a"}));
  advance(5000);
  EXPECT_EQ(fsr_states(), (std::vector<std::string>{"111111111111 us-east-1a enabling",
                                                    "111111111111 us-east-1a disabling",
                                                    "111111111111 us-east-1a disabled"}));
  // And enabling again starts over.
  auto again = s_->fsr.enable(ctx(), fsr_request({snap}, {"us-east-1a"}));
  EXPECT_EQ(again.successful.at(0).state, "enabling");
  EXPECT_FALSE(again.successful.at(0).disabling_time);
}

TEST_F(Fsr, FailedPairsAreUnsuccessfulItemsWithTheirCodes) {
  auto snap = snapshot();
  auto others = snapshot(kB);  // not shared with A
  auto pending = snapshot(kA, 8, false);
  auto result = s_->fsr.enable(ctx(), fsr_request({snap, "snap-0123456789abcdef0", others, pending},
                                                  {"us-east-1a", "us-west-2a"}));
  ASSERT_EQ(result.successful.size(), 1u);
  EXPECT_EQ(result.successful[0].snapshot_id, snap);
  ASSERT_EQ(result.unsuccessful.size(), 4u);
  // The bad zone fails for every snapshot; a missing, hidden or unfinished snapshot in each zone.
  EXPECT_EQ(result.unsuccessful[0].snapshot_id, snap);
  ASSERT_EQ(result.unsuccessful[0].errors.size(), 1u);
  EXPECT_EQ(result.unsuccessful[0].errors[0].availability_zone, "us-west-2a");
  EXPECT_EQ(result.unsuccessful[0].errors[0].code, "InvalidZone.NotFound");
  EXPECT_EQ(result.unsuccessful[0].errors[0].message, "The zone 'us-west-2a' does not exist.");
  ASSERT_EQ(result.unsuccessful[1].errors.size(), 2u);
  EXPECT_EQ(result.unsuccessful[1].errors[0].code, "InvalidSnapshot.NotFound");
  EXPECT_EQ(result.unsuccessful[1].errors[0].message,
            "The snapshot 'snap-0123456789abcdef0' does not exist.");
  EXPECT_EQ(result.unsuccessful[2].errors[0].code, "InvalidSnapshot.NotFound");
  EXPECT_EQ(result.unsuccessful[3].errors[0].code, "IncorrectState");
  EXPECT_EQ(result.unsuccessful[3].errors[0].message, "Snapshot is in invalid state - pending");

  // Zone ids name zones too; an unknown one is reported by id.
  FastSnapshotRestoresRequest by_id;
  by_id.source_snapshot_ids = {snap};
  by_id.availability_zone_ids = {"use1-az2", "use1-az9"};
  auto r2 = s_->fsr.enable(ctx(), by_id);
  ASSERT_EQ(r2.successful.size(), 1u);
  EXPECT_EQ(r2.successful[0].availability_zone, "us-east-1b");
  ASSERT_EQ(r2.unsuccessful.size(), 1u);
  EXPECT_EQ(r2.unsuccessful[0].errors[0].availability_zone_id, "use1-az9");
  EXPECT_EQ(r2.unsuccessful[0].errors[0].availability_zone, "");

  // Whole-request errors.
  EXPECT_EQ(error_of([&] { s_->fsr.enable(ctx(), fsr_request({"nope"}, {"us-east-1a"})); }),
            "InvalidSnapshotID.Malformed");
  EXPECT_EQ(error_of([&] { s_->fsr.enable(ctx(), fsr_request({}, {"us-east-1a"})); }),
            "MissingParameter");
  EXPECT_EQ(error_of([&] { s_->fsr.enable(ctx(), fsr_request({snap}, {})); }), "MissingParameter");
  by_id.availability_zones = {"us-east-1a"};
  EXPECT_EQ(error_of([&] { s_->fsr.disable(ctx(), by_id); }), "InvalidParameterCombination");
  auto dry = fsr_request({snap}, {"us-east-1c"});
  dry.dry_run = true;
  EXPECT_EQ(error_of([&] { s_->fsr.enable(ctx(), dry); }), "DryRunOperation");
}

TEST_F(Fsr, DescribeFiltersAndPages) {
  auto s1 = snapshot();
  auto s2 = snapshot();
  s_->fsr.enable(ctx(), fsr_request({s1, s2}, {"us-east-1a", "us-east-1b"}));
  advance(1000);
  s_->fsr.enable(ctx(), fsr_request({s1}, {"us-east-1c"}));
  EXPECT_EQ(described().size(), 5u);
  EXPECT_TRUE(described(kB).empty());  // the rows are the enabling account's
  EXPECT_EQ(described(kA, {{"state", {"enabling"}}}).size(), 1u);
  EXPECT_EQ(described(kA, {{"availability-zone", {"us-east-1b"}}}).size(), 2u);
  EXPECT_EQ(described(kA, {{"availability-zone-id", {"use1-az1"}}}).size(), 2u);
  EXPECT_EQ(described(kA, {{"snapshot-id", {s2}}, {"state", {"optimizing"}}}).size(), 2u);
  EXPECT_EQ(described(kA, {{"owner-id", {kA}}}).size(), 5u);
  EXPECT_EQ(described(kA, {{"owner-id", {kB}}}).size(), 0u);
  EXPECT_EQ(described(kA, {{"owner-alias", {"amazon"}}}).size(), 0u);
  EXPECT_EQ(described(kA, {{"state", {"opt*"}}}).size(), 4u);
  EXPECT_EQ(error_of([&] { described(kA, {{"zone", {"x"}}}); }), "InvalidFilter");

  DescribeFastSnapshotRestoresRequest r;
  r.max_results = 2;
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    auto p = s_->fsr.describe(ctx(), r);
    for (const auto& row : p.restores) seen.push_back(row.snapshot_id + row.availability_zone);
    if (!p.next_token) break;
    r.next_token = p.next_token;
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  r.next_token = "garbage";
  EXPECT_EQ(error_of([&] { s_->fsr.describe(ctx(), r); }), "InvalidNextToken");
  r.next_token.reset();
  r.max_results = 201;
  EXPECT_EQ(error_of([&] { s_->fsr.describe(ctx(), r); }), "InvalidParameterValue");
}

TEST_F(Fsr, TheOwnerCannotDeleteASnapshotWithFastRestoreOn) {
  auto snap = snapshot();
  s_->fsr.enable(ctx(), fsr_request({snap}, {"us-east-1b"}));
  std::string message;
  EXPECT_EQ(error_of([&] { s_->snapshots.remove(ctx(), snap, false); }, &message),
            "InvalidSnapshot.InUse");
  EXPECT_EQ(message, "The snapshot " + snap +
                         " is currently enabled for fast restores in us-east-1b. Fast snapshot "
                         "restores must be disabled within all Availability Zones before the "
                         "snapshot may be deleted.");
  s_->fsr.disable(ctx(), fsr_request({snap}, {"us-east-1b"}));
  EXPECT_EQ(error_of([&] { s_->snapshots.remove(ctx(), snap, false); }),
            "InvalidSnapshot.InUse");  // still disabling
  advance(1000);
  EXPECT_EQ(error_of([&] { s_->snapshots.remove(ctx(), snap, false); }), "");
}

TEST_F(Fsr, DeletingOrUnsharingASharedSnapshotDisablesOtherAccountsFastRestore) {
  auto deleted = snapshot();
  auto unshared = snapshot();
  share(deleted, kB);
  share(unshared, kB);
  auto r = s_->fsr.enable(ctx(kB), fsr_request({deleted, unshared}, {"us-east-1a"}));
  ASSERT_EQ(r.successful.size(), 2u);
  EXPECT_EQ(r.successful[0].account, kB);
  EXPECT_EQ(r.successful[0].snapshot_owner, kA);
  advance(2000);
  sink_.events.clear();

  s_->snapshots.remove(ctx(kA), deleted, false);  // B's FSR does not stop the owner
  share(unshared, kB, false);
  auto rows = described(kB);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.state, "disabling");
    EXPECT_EQ(row.state_transition_reason, FastSnapshotRestoreService::kSnapshotGone);
  }
  advance(1000);
  EXPECT_TRUE(described(kB).empty());
  auto events = sink_.of_type("EBS Fast Snapshot Restore State-change Notification");
  ASSERT_EQ(events.size(), 4u);
  for (const auto& e : events) {
    EXPECT_EQ(e["account"], kB);
    EXPECT_EQ(e["detail"]["message"],
              "Client.InvalidSnapshot.InvalidState - The requested snapshot was deleted or access "
              "permissions were revoked");
  }
  EXPECT_EQ(events[0]["detail"]["state"], "disabling");
  EXPECT_EQ(events[3]["detail"]["state"], "disabled");
}

TEST_F(Fsr, PublicSnapshotsCanBeFastRestoredByAnyoneUntilMadePrivate) {
  auto snap = snapshot();
  share(snap, "all");
  s_->fsr.enable(ctx(kB), fsr_request({snap}, {"us-east-1a"}));
  SnapshotAttributeRequest reset;
  reset.snapshot_id = snap;
  reset.attribute = "createVolumePermission";
  s_->snapshots.reset_attribute(ctx(kA), reset);
  EXPECT_EQ(described(kB).at(0).state, "disabling");
}

TEST_F(Fsr, TransitionsDueAtARestartRunAfterIt) {
  auto snap = snapshot();
  s_->fsr.enable(ctx(), fsr_request({snap}, {"us-east-1a"}));
  restart();
  EXPECT_EQ(advance(1000), 1u);
  EXPECT_EQ(described().at(0).state, "optimizing");
  restart();
  advance(1000);
  EXPECT_EQ(described().at(0).state, "enabled");
}

}  // namespace
}  // namespace ebs::ec2
