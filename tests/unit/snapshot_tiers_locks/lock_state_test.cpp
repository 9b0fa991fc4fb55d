// The snapshot lock state machine (ec2/snapshot_lock_state): parameter checks, states, the clock,
// what each state lets LockSnapshot / UnlockSnapshot change.
#include <gtest/gtest.h>

#include "ec2/snapshot_lock_state.hpp"
#include "support/error_of.hpp"

namespace ebs::ec2::lock {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;

store::SnapshotRow snapshot(const std::string& state = "completed") {
  store::SnapshotRow s;
  s.snapshot_id = "snap-0123456789abcdef0";
  s.account = "111111111111";
  s.region = "us-east-1";
  s.state = state;
  return s;
}

LockRequest request(const std::string& mode, std::optional<int64_t> days,
                    std::optional<int64_t> cool_off = std::nullopt,
                    std::optional<int64_t> date = std::nullopt) {
  return {mode, cool_off, days, date};
}

using test::error_of;

TEST(LockStateTest, ParameterChecks) {
  struct Case {
    LockRequest r;
    const char* code;
  };
  const Case cases[] = {
      {request("governance", 1), ""},
      {request("compliance", 36500, 72), ""},
      {request("compliance", 1, 1), ""},
      {request("governance", std::nullopt, std::nullopt, kNow + kDayMs), ""},
      {request("Governance", 1), "InvalidParameterValue"},
      {request("", 1), "InvalidParameterValue"},
      {request("governance", 1, 24), "InvalidParameterCombination"},
      {request("compliance", 1, 0), "InvalidParameterValue"},
      {request("compliance", 1, 73), "InvalidParameterValue"},
      {request("governance", 0), "InvalidParameterValue"},
      {request("governance", 36501), "InvalidParameterValue"},
      {request("governance", std::nullopt), "MissingParameter"},
      {request("governance", 1, std::nullopt, kNow + kDayMs), "InvalidParameterCombination"},
      {request("governance", std::nullopt, std::nullopt, kNow), "InvalidParameterValue"},
      {request("governance", std::nullopt, std::nullopt, kNow + 36501 * kDayMs),
       "InvalidParameterValue"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(error_of([&] { check_request(c.r, kNow); }), c.code)
        << c.r.mode << " days " << c.r.duration_days.value_or(-1) << " cool-off "
        << c.r.cool_off_hours.value_or(-1);
  }
}

TEST(LockStateTest, GovernanceLockAppliesAtOnceAndExpires) {
  auto row = apply(snapshot(), std::nullopt, request("governance", 2), kNow);
  EXPECT_EQ(row.state, "governance");
  EXPECT_EQ(row.created_on, kNow);
  EXPECT_EQ(row.duration_start, kNow);
  EXPECT_EQ(row.expires_on, kNow + 2 * kDayMs);
  EXPECT_FALSE(row.cool_off_expires_on.has_value());
  EXPECT_TRUE(is_locked(row));
  EXPECT_EQ(next_change(row), kNow + 2 * kDayMs);
  EXPECT_EQ(error_of([&] { check_unlock(row); }), "");

  auto early = row;
  auto moved = advance(early, kNow + 2 * kDayMs - 1);
  EXPECT_FALSE(moved.expired);
  EXPECT_EQ(early.state, "governance");
  moved = advance(row, kNow + 2 * kDayMs);
  EXPECT_TRUE(moved.expired);
  EXPECT_FALSE(moved.cool_off_ended);
  EXPECT_EQ(row.state, "expired");
  EXPECT_FALSE(is_locked(row));
  EXPECT_FALSE(next_change(row).has_value());
}

TEST(LockStateTest, ComplianceCoolOffThenComplianceThenExpired) {
  auto row = apply(snapshot(), std::nullopt, request("compliance", 1, 24), kNow);
  EXPECT_EQ(row.state, "compliance-cooloff");
  EXPECT_EQ(row.cool_off_expires_on, kNow + 24 * kHourMs);
  EXPECT_EQ(next_change(row), kNow + 24 * kHourMs);
  EXPECT_EQ(error_of([&] { check_unlock(row); }), "");  // still in its cooling-off period

  auto moved = advance(row, kNow + 24 * kHourMs);
  EXPECT_TRUE(moved.cool_off_ended);
  EXPECT_TRUE(moved.expired);  // a 1-day lock with a 24 h cooling-off period ends with it
  EXPECT_EQ(row.state, "expired");

  auto longer = apply(snapshot(), std::nullopt, request("compliance", 3, 1), kNow);
  moved = advance(longer, kNow + kHourMs);
  EXPECT_TRUE(moved.cool_off_ended);
  EXPECT_FALSE(moved.expired);
  EXPECT_EQ(longer.state, "compliance");
  EXPECT_EQ(next_change(longer), kNow + 3 * kDayMs);
  std::string message;
  EXPECT_EQ(error_of([&] { check_unlock(longer); }, &message), "IncorrectState");
  EXPECT_EQ(message,
            "The snapshot 'snap-0123456789abcdef0' is locked in compliance mode and its "
            "cooling-off period has expired: it cannot be unlocked.");
}

TEST(LockStateTest, ComplianceWithoutCoolOffIsComplianceAtOnce) {
  auto row = apply(snapshot(), std::nullopt, request("compliance", 5), kNow);
  EXPECT_EQ(row.state, "compliance");
  EXPECT_EQ(error_of([&] { check_unlock(row); }), "IncorrectState");
}

TEST(LockStateTest, APendingSnapshotsLockAppliesWhenItCompletes) {
  auto row = apply(snapshot("pending"), std::nullopt, request("compliance", 2, 1), kNow);
  EXPECT_EQ(row.state, "pending-compliance");
  EXPECT_TRUE(is_pending(row));
  EXPECT_TRUE(is_locked(row));
  EXPECT_FALSE(row.duration_start.has_value());
  EXPECT_FALSE(row.expires_on.has_value());
  EXPECT_EQ(row.cool_off_expires_on, kNow + kHourMs);  // counted from LockSnapshot
  EXPECT_FALSE(next_change(row).has_value());
  auto moved = advance(row, kNow + 10 * kDayMs);  // nothing moves while pending
  EXPECT_FALSE(moved.cool_off_ended || moved.expired);

  auto applied = activate(row, kNow + 600'000);
  EXPECT_EQ(applied.state, "compliance-cooloff");
  EXPECT_EQ(applied.duration_start, kNow + 600'000);
  EXPECT_EQ(applied.expires_on, kNow + 600'000 + 2 * kDayMs);
  auto late = activate(row, kNow + 2 * kHourMs);  // completed after the cooling-off period
  EXPECT_EQ(late.state, "compliance");

  auto governance = apply(snapshot("pending"), std::nullopt, request("governance", 1), kNow);
  EXPECT_EQ(governance.state, "pending-governance");
  EXPECT_EQ(activate(governance, kNow + 5).state, "governance");
  auto dated = apply(snapshot("pending"), std::nullopt,
                     request("governance", std::nullopt, std::nullopt, kNow + 3 * kDayMs), kNow);
  EXPECT_EQ(dated.expires_on, kNow + 3 * kDayMs);
  EXPECT_EQ(activate(dated, kNow + 5).expires_on, kNow + 3 * kDayMs);
}

TEST(LockStateTest, WhatEachStateLetsLockSnapshotChange) {
  // Governance: anything, keeping when it was created and when its duration started.
  auto gov = apply(snapshot(), std::nullopt, request("governance", 10), kNow);
  auto shorter = apply(snapshot(), gov, request("governance", 2), kNow + 5);
  EXPECT_EQ(shorter.created_on, kNow);
  EXPECT_EQ(shorter.expires_on, kNow + 2 * kDayMs);
  auto to_compliance = apply(snapshot(), gov, request("compliance", 10, 2), kNow + 5);
  EXPECT_EQ(to_compliance.state, "compliance-cooloff");
  EXPECT_EQ(to_compliance.cool_off_expires_on, kNow + 5 + 2 * kHourMs);
  // Compliance in its cooling-off period: back to governance is allowed.
  EXPECT_EQ(apply(snapshot(), to_compliance, request("governance", 10), kNow + 6).state,
            "governance");
  // Compliance after it: only longer.
  auto compliance = apply(snapshot(), std::nullopt, request("compliance", 10), kNow);
  std::string message;
  EXPECT_EQ(
      error_of([&] { apply(snapshot(), compliance, request("governance", 20), kNow); }, &message),
      "IncorrectState");
  EXPECT_EQ(message,
            "The snapshot 'snap-0123456789abcdef0' is locked in compliance mode and its "
            "cooling-off period has expired: its lock mode cannot be changed.");
  EXPECT_EQ(error_of([&] { apply(snapshot(), compliance, request("compliance", 5), kNow); }),
            "IncorrectState");
  EXPECT_EQ(error_of([&] { apply(snapshot(), compliance, request("compliance", 20, 2), kNow); }),
            "IncorrectState");
  auto extended = apply(snapshot(), compliance, request("compliance", 20), kNow + 7);
  EXPECT_EQ(extended.state, "compliance");
  EXPECT_EQ(extended.expires_on, kNow + 20 * kDayMs);
  // An expired lock is replaced by a new one.
  auto expired = gov;
  advance(expired, kNow + 10 * kDayMs);
  auto fresh = apply(snapshot(), expired, request("governance", 1), kNow + 10 * kDayMs + 1);
  EXPECT_EQ(fresh.created_on, kNow + 10 * kDayMs + 1);
  EXPECT_EQ(fresh.state, "governance");
  // A duration that already ended from the original start is refused.
  EXPECT_EQ(error_of([&] { apply(snapshot(), gov, request("governance", 1), kNow + 2 * kDayMs); }),
            "InvalidParameterValue");
}

TEST(LockStateTest, OnlyPendingOrCompletedSnapshotsCanBeLocked) {
  std::string message;
  EXPECT_EQ(error_of([] { apply(snapshot("error"), std::nullopt, request("governance", 1), kNow); },
                     &message),
            "IncorrectState");
  EXPECT_EQ(message,
            "The snapshot 'snap-0123456789abcdef0' is in the 'error' state and cannot be locked.");
}

TEST(LockStateTest, Errors) {
  EXPECT_EQ(locked_snapshot("snap-1").code(), "SnapshotLocked");
  EXPECT_EQ(locked_snapshot("snap-1").message(),
            "The snapshot 'snap-1' is locked and cannot be deleted.");
  EXPECT_EQ(not_locked("snap-1").code(), "IncorrectState");
}

}  // namespace
}  // namespace ebs::ec2::lock
