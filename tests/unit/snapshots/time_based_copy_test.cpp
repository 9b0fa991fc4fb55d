// Time-based snapshot copies: CompletionDurationMinutes makes a `time-based` copy (describe and
// copySnapshot event fields); a copy still pending when its duration ends gets the `EBS Copy
// Snapshot Missed Completion Duration` event once, and its later copySnapshot event carries the
// cause; the deadline is a persisted scheduler row that survives a restart.
#include <gtest/gtest.h>

#include <memory>

#include "core/aws_error.hpp"
#include "core/time_format.hpp"
#include "ec2/snapshot_service.hpp"
#include "ec2/time_based_copy_events.hpp"
#include "ec2/time_based_copy_service.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/ec2/time_based_copy_table.hpp"
#include "store/ec2/volume_table.hpp"
#include "support/service_harness.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kA = "111111111111";
constexpr const char* kMissed = "EBS Copy Snapshot Missed Completion Duration";
constexpr int64_t kMinute = 60'000;

class TimeBasedCopyTest : public test::ServiceHarness<> {
 protected:
  TimeBasedCopyTest()
      : ServiceHarness(21, {store::ec2_schema(), store::TimeBasedCopyTable::schema()}) {
    config_.timing.snapshot_ms = 1000;
    config_.timing.copy_ms = 500;
    start_services();
  }

  // The services of one process; restart() replaces them as a restarted process would.
  void start_services() {
    snapshots_ = std::make_unique<SnapshotService>(deps());
    copies_ = std::make_unique<TimeBasedCopyService>(deps());
    snapshots_->register_work();
    copies_->register_work();
    snapshots_->add_observer(copies_.get());
  }
  void restart() {
    copies_.reset();
    snapshots_.reset();
    restart_scheduler();
    start_services();
  }

  std::string source_snapshot() {
    store::VolumeRow v;
    v.volume_id = ids_.resource_id("vol");
    v.account = kA;
    v.region = "us-east-1";
    v.availability_zone = "us-east-1a";
    v.size = 8;
    v.state = "available";
    v.volume_type = "gp3";
    {
      store::Transaction tx(db_);
      store::VolumeTable::insert(tx, v);
      tx.commit();
    }
    CreateSnapshotRequest r;
    r.volume_id = v.volume_id;
    auto id = snapshots_->create(ctx(), r).row.snapshot_id;
    advance(1000);
    return id;
  }
  store::SnapshotRow copy(const std::string& source, std::optional<int64_t> minutes) {
    CopySnapshotRequest r;
    r.source_region = "us-east-1";
    r.source_snapshot_id = source;
    r.completion_duration_minutes = minutes;
    return snapshots_->copy(ctx(kA, "eu-west-1"), r).row;
  }
  SnapshotView described(const std::string& id) {
    DescribeSnapshotsRequest r;
    r.snapshot_ids = {id};
    return snapshots_->describe(ctx(kA, "eu-west-1"), r).snapshots.at(0);
  }

  std::unique_ptr<SnapshotService> snapshots_;
  std::unique_ptr<TimeBasedCopyService> copies_;
};

TEST_F(TimeBasedCopyTest, AStandardCopyStaysStandard) {
  auto c = copy(source_snapshot(), std::nullopt);
  EXPECT_FALSE(described(c.snapshot_id).completion_duration_minutes);
  advance(500);
  auto events = sink_.of("copySnapshot");
  ASSERT_EQ(events.size(), 1u);
  const auto& d = events[0]["detail"];
  EXPECT_EQ(d["transferType"], "standard");
  EXPECT_FALSE(d.contains("completionDurationStartTime"));
  EXPECT_FALSE(d.contains("missedCompletionDurationCause"));
}

TEST_F(TimeBasedCopyTest, TheDurationIsFifteenTo2880MinutesInFifteenMinuteSteps) {
  auto source = source_snapshot();
  for (int64_t bad : {0, 1, 14, 16, 100, 2881, 2895}) {
    try {
      copy(source, bad);
      FAIL() << "accepted " << bad;
    } catch (const AwsError& e) {
      EXPECT_EQ(e.code(), "InvalidParameterValue");
      EXPECT_EQ(e.message(), "Value (" + std::to_string(bad) +
                                 ") for parameter CompletionDurationMinutes is invalid. Expecting "
                                 "a value between 15 and 2880 in 15 minute increments.");
    }
  }
  for (int64_t good : {15, 45, 2880}) {
    EXPECT_EQ(described(copy(source, good).snapshot_id).completion_duration_minutes, good);
  }
}

TEST_F(TimeBasedCopyTest, ACopyWithinItsDurationIsTimeBasedWithoutAMiss) {
  auto c = copy(source_snapshot(), 15);
  EXPECT_EQ(described(c.snapshot_id).completion_duration_minutes, 15);
  EXPECT_EQ(advance(500), 1u);  // completes; the deadline row goes with it
  auto events = sink_.of("copySnapshot");
  ASSERT_EQ(events.size(), 1u);
  const auto& d = events[0]["detail"];
  EXPECT_EQ(d["result"], "succeeded");
  EXPECT_EQ(d["transferType"], "time-based");
  EXPECT_EQ(d["completionDurationStartTime"], iso8601_ms(c.start_time));
  EXPECT_EQ(d["completionDurationStartTime"], "2023-11-14T22:13:21.000Z");
  EXPECT_FALSE(d.contains("missedCompletionDurationCause"));
  EXPECT_EQ(advance(20 * kMinute), 0u);
  EXPECT_TRUE(sink_.of_type(kMissed).empty());
  EXPECT_EQ(described(c.snapshot_id).completion_duration_minutes, 15);  // still shown
}

TEST_F(TimeBasedCopyTest, ACopyPendingAtItsDeadlineEmitsTheMissOnceThenCarriesTheCause) {
  auto source = source_snapshot();
  config_.timing.manual = true;  // the copy completes only through complete_now
  auto c = copy(source, 15);
  advance(15 * kMinute - 1);
  EXPECT_TRUE(sink_.of_type(kMissed).empty());
  EXPECT_EQ(advance(1), 1u);
  auto missed = sink_.of_type(kMissed);
  ASSERT_EQ(missed.size(), 1u);
  const auto& e = missed[0];
  EXPECT_EQ(e["account"], kA);
  EXPECT_EQ(e["region"], "eu-west-1");
  EXPECT_EQ(e["source"], "aws.ec2");
  auto arn = "arn:aws:ec2:eu-west-1:111111111111:snapshot/" + c.snapshot_id;
  EXPECT_EQ(e["resources"], nlohmann::ordered_json::array({arn}));
  const auto& d = e["detail"];
  EXPECT_EQ(d.size(), 6u);
  EXPECT_EQ(d["event"], "copySnapshot");
  EXPECT_EQ(d["missedCompletionDurationCause"], kMissedCompletionDurationCause);
  EXPECT_EQ(d["snapshot_id"], arn);
  EXPECT_EQ(d["source"], "arn:aws:ec2:us-east-1:111111111111:snapshot/" + source);
  EXPECT_EQ(d["startTime"], iso8601_s(c.start_time));
  EXPECT_EQ(d["transferType"], "time-based");
  EXPECT_FALSE(d.contains("result"));
  EXPECT_EQ(described(c.snapshot_id).row.state, "pending");

  advance(60 * kMinute);
  EXPECT_EQ(sink_.of_type(kMissed).size(), 1u);  // once
  snapshots_->complete_now(c.snapshot_id);
  auto done = sink_.of("copySnapshot");
  ASSERT_EQ(done.size(), 2u);  // the miss and the completion
  const auto& dd = done[1]["detail"];
  EXPECT_EQ(done[1]["detail-type"], "EBS Snapshot Notification");
  EXPECT_EQ(dd["result"], "succeeded");
  EXPECT_EQ(dd["transferType"], "time-based");
  EXPECT_EQ(dd["completionDurationStartTime"], iso8601_ms(c.start_time));
  EXPECT_EQ(dd["missedCompletionDurationCause"], kMissedCompletionDurationCause);
}

TEST_F(TimeBasedCopyTest, ACopyCompletedByHandBeforeItsDeadlineMissesNothing) {
  auto source = source_snapshot();
  config_.timing.manual = true;
  auto c = copy(source, 30);
  advance(29 * kMinute);
  snapshots_->complete_now(c.snapshot_id);
  advance(10 * kMinute);
  EXPECT_TRUE(sink_.of_type(kMissed).empty());
  auto done = sink_.of("copySnapshot");
  ASSERT_EQ(done.size(), 1u);
  EXPECT_FALSE(done[0]["detail"].contains("missedCompletionDurationCause"));
}

TEST_F(TimeBasedCopyTest, TheDeadlineSurvivesARestart) {
  auto source = source_snapshot();
  config_.timing.manual = true;
  auto c = copy(source, 15);
  restart();
  EXPECT_EQ(advance(15 * kMinute), 1u);
  ASSERT_EQ(sink_.of_type(kMissed).size(), 1u);
  snapshots_->complete_now(c.snapshot_id);
  auto done = sink_.of("copySnapshot");
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(done[1]["detail"]["missedCompletionDurationCause"], kMissedCompletionDurationCause);
}

TEST_F(TimeBasedCopyTest, AFailedTimeBasedCopyKeepsTheFailureShape) {
  auto source = source_snapshot();
  config_.timing.manual = true;
  auto c = copy(source, 15);
  snapshots_->fail_now(c.snapshot_id, "boom");
  auto done = sink_.of("copySnapshot");
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0]["detail"]["result"], "failed");
  EXPECT_FALSE(done[0]["detail"].contains("transferType"));
  EXPECT_EQ(advance(15 * kMinute), 0u);  // the deadline went with the copy
  EXPECT_TRUE(sink_.of_type(kMissed).empty());
}

TEST_F(TimeBasedCopyTest, TheTableRemembersTheMiss) {
  store::Transaction tx(db_);
  store::TimeBasedCopyTable::insert(tx, {"snap-1", 45, 1234, std::nullopt});
  auto r = store::TimeBasedCopyTable::get(tx, "snap-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->completion_duration_minutes, 45);
  EXPECT_EQ(r->duration_start_time, 1234);
  EXPECT_FALSE(r->missed_completion_cause);
  store::TimeBasedCopyTable::set_missed(tx, "snap-1", "why");
  EXPECT_EQ(store::TimeBasedCopyTable::get(tx, "snap-1")->missed_completion_cause, "why");
  store::TimeBasedCopyTable::remove(tx, "snap-1");
  EXPECT_FALSE(store::TimeBasedCopyTable::get(tx, "snap-1"));
}

}  // namespace
}  // namespace ebs::ec2
