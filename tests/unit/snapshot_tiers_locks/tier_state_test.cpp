// The archive-tier state machine (ec2/snapshot_tier_state): every transition and every refusal.
#include <gtest/gtest.h>

#include "ec2/snapshot_tier_state.hpp"
#include "support/error_of.hpp"

namespace ebs::ec2::tier {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;

store::SnapshotRow snapshot(const std::string& state = "completed",
                            const std::string& tier = "standard") {
  store::SnapshotRow s;
  s.snapshot_id = "snap-0123456789abcdef0";
  s.account = "111111111111";
  s.region = "us-east-1";
  s.state = state;
  s.storage_tier = tier;
  return s;
}

using test::error_of;

TEST(TierStateTest, ParameterChecks) {
  struct Case {
    std::optional<int64_t> days;
    std::optional<bool> permanent;
    const char* code;
  };
  static const Case cases[] = {
      {std::nullopt, std::nullopt, "MissingParameter"},
      {std::nullopt, false, "MissingParameter"},
      {3, true, "InvalidParameterCombination"},
      {0, std::nullopt, "InvalidParameterValue"},
      {181, std::nullopt, "InvalidParameterValue"},
      {1, std::nullopt, ""},
      {180, false, ""},
      {std::nullopt, true, ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(error_of([&] {
                check_restore_request({c.days, c.permanent});
              }),
              c.code)
        << "days " << c.days.value_or(-1) << " permanent " << c.permanent.value_or(false);
  }
  EXPECT_EQ(error_of([] { check_target_tier(std::nullopt); }), "MissingParameter");
  std::string message;
  EXPECT_EQ(error_of([] { check_target_tier("standard"); }, &message), "InvalidParameterValue");
  EXPECT_EQ(message, "Value (standard) for parameter StorageTier is invalid. Expected: 'archive'.");
  EXPECT_EQ(error_of([] { check_target_tier("archive"); }), "");
}

TEST(TierStateTest, ArchiveInProgressThenCompleted) {
  auto row = start_archive(snapshot(), std::nullopt, kNow, 1000, "req-1");
  EXPECT_EQ(row.status, "archival-in-progress");
  EXPECT_TRUE(in_progress(row));
  EXPECT_EQ(tier_of(row), "standard");  // still usable while it is being archived
  EXPECT_EQ(row.start_time, kNow);
  EXPECT_EQ(row.due_at, kNow + 1000);
  EXPECT_EQ(row.request_id, "req-1");
  EXPECT_EQ(progress_at(row, kNow + 500), 50);
  EXPECT_EQ(progress_at(row, kNow + 5000), 99);

  auto done = finish(row, true, "", kNow + 1000);
  EXPECT_EQ(done.status, "archival-completed");
  EXPECT_EQ(tier_of(done), "archive");
  EXPECT_EQ(done.archival_complete_time, kNow + 1000);
  EXPECT_EQ(done.end_time, kNow + 1000);
  EXPECT_EQ(progress_at(done, kNow + 9999), 100);
  EXPECT_FALSE(in_progress(done));
}

TEST(TierStateTest, ArchiveFailureKeepsTheStandardTier) {
  auto row = start_archive(snapshot(), std::nullopt, kNow, 1000, "req-1");
  auto failed = finish(row, false, "Archive failed", kNow + 250);
  EXPECT_EQ(failed.status, "archival-failed");
  EXPECT_EQ(failed.status_detail, "Archive failed");
  EXPECT_EQ(tier_of(failed), "standard");
  EXPECT_EQ(failed.progress, 25);
  EXPECT_FALSE(failed.archival_complete_time.has_value());
}

TEST(TierStateTest, ArchiveRefusals) {
  std::string message;
  EXPECT_EQ(
      error_of([] { start_archive(snapshot("pending"), std::nullopt, kNow, 1, "r"); }, &message),
      "IncorrectState");
  EXPECT_EQ(message,
            "The snapshot 'snap-0123456789abcdef0' is in the 'pending' state and cannot be "
            "archived.");
  EXPECT_EQ(error_of([] { start_archive(snapshot("error"), std::nullopt, kNow, 1, "r"); }),
            "IncorrectState");
  EXPECT_EQ(
      error_of([] { start_archive(snapshot("completed", "archive"), std::nullopt, kNow, 1, "r"); },
               &message),
      "IncorrectState");
  EXPECT_EQ(message, "The snapshot 'snap-0123456789abcdef0' is already archived.");
  auto running = start_archive(snapshot(), std::nullopt, kNow, 1000, "r");
  EXPECT_EQ(error_of([&] { start_archive(snapshot(), running, kNow, 1, "r"); }, &message),
            "IncorrectState");
  EXPECT_EQ(message, "The snapshot 'snap-0123456789abcdef0' has a tiering operation in progress.");
}

TEST(TierStateTest, TemporaryRestoreThenExpiry) {
  auto archived =
      finish(start_archive(snapshot(), std::nullopt, kNow, 10, "a"), true, "", kNow + 10);
  bool immediate = true;
  auto restoring = start_restore(snapshot("completed", "archive"), archived, {3, std::nullopt},
                                 kNow + 100, 1000, "r", &immediate);
  EXPECT_FALSE(immediate);
  EXPECT_EQ(restoring.status, "temporary-restore-in-progress");
  EXPECT_EQ(tier_of(restoring), "archive");  // not usable until the restore completes
  EXPECT_EQ(restoring.restore_days, 3);
  EXPECT_EQ(restoring.archival_complete_time, kNow + 10);

  auto restored = finish(restoring, true, "", kNow + 1100);
  EXPECT_EQ(restored.status, "temporary-restore-completed");
  EXPECT_EQ(tier_of(restored), "standard");
  EXPECT_TRUE(is_temporary_restore(restored));
  EXPECT_EQ(restored.restore_expiry_time, kNow + 1100 + 3 * kDayMs);

  auto rearchived = expire_restore(restored, kNow + 1100 + 3 * kDayMs);
  EXPECT_EQ(rearchived.status, "archival-completed");
  EXPECT_EQ(tier_of(rearchived), "archive");
  EXPECT_FALSE(rearchived.restore_expiry_time.has_value());
  EXPECT_FALSE(is_temporary_restore(rearchived));
}

TEST(TierStateTest, PermanentRestoreAndFailures) {
  auto archived = finish(start_archive(snapshot(), std::nullopt, kNow, 10, "a"), true, "", kNow);
  bool immediate = false;
  auto restoring = start_restore(snapshot("completed", "archive"), archived, {std::nullopt, true},
                                 kNow, 1000, "r", &immediate);
  EXPECT_EQ(restoring.status, "permanent-restore-in-progress");
  auto restored = finish(restoring, true, "", kNow + 1000);
  EXPECT_EQ(restored.status, "permanent-restore-completed");
  EXPECT_EQ(tier_of(restored), "standard");
  EXPECT_FALSE(restored.restore_expiry_time.has_value());

  auto failed = finish(restoring, false, "Restore failed", kNow + 1000);
  EXPECT_EQ(failed.status, "permanent-restore-failed");
  EXPECT_EQ(tier_of(failed), "archive");
}

TEST(TierStateTest, ATemporaryRestoreChangesAtOnce) {
  auto archived = finish(start_archive(snapshot(), std::nullopt, kNow, 10, "a"), true, "", kNow);
  bool immediate = false;
  auto restored = finish(start_restore(snapshot("completed", "archive"), archived,
                                       {2, std::nullopt}, kNow, 10, "r", &immediate),
                         true, "", kNow + 10);
  auto longer =
      start_restore(snapshot(), restored, {10, std::nullopt}, kNow + 50, 1000, "r2", &immediate);
  EXPECT_TRUE(immediate);
  EXPECT_EQ(longer.status, "temporary-restore-completed");
  EXPECT_EQ(longer.restore_expiry_time, kNow + 50 + 10 * kDayMs);
  EXPECT_EQ(longer.request_id, "r2");
  auto permanent =
      start_restore(snapshot(), restored, {std::nullopt, true}, kNow + 60, 1000, "r3", &immediate);
  EXPECT_TRUE(immediate);
  EXPECT_EQ(permanent.status, "permanent-restore-completed");
  EXPECT_FALSE(permanent.restore_expiry_time.has_value());
  EXPECT_EQ(tier_of(permanent), "standard");
}

TEST(TierStateTest, RestoreRefusals) {
  bool immediate = false;
  std::string message;
  EXPECT_EQ(
      error_of(
          [&] {
            start_restore(snapshot(), std::nullopt, {1, std::nullopt}, kNow, 1, "r", &immediate);
          },
          &message),
      "IncorrectState");
  EXPECT_EQ(message, "The snapshot 'snap-0123456789abcdef0' is not archived.");
  auto archived = finish(start_archive(snapshot(), std::nullopt, kNow, 10, "a"), true, "", kNow);
  auto restoring = start_restore(snapshot("completed", "archive"), archived, {1, std::nullopt},
                                 kNow, 1000, "r", &immediate);
  EXPECT_EQ(error_of([&] {
              start_restore(snapshot("completed", "archive"), restoring, {1, std::nullopt}, kNow, 1,
                            "r", &immediate);
            }),
            "IncorrectState");
  // A permanently restored snapshot is standard: there is nothing to restore.
  auto permanent = finish(start_restore(snapshot("completed", "archive"), archived,
                                        {std::nullopt, true}, kNow, 1, "r", &immediate),
                          true, "", kNow + 1);
  EXPECT_EQ(error_of([&] {
              start_restore(snapshot(), permanent, {1, std::nullopt}, kNow, 1, "r", &immediate);
            }),
            "IncorrectState");
}

}  // namespace
}  // namespace ebs::ec2::tier
