// The lock state machine of a snapshot, as pure functions of its rows and the time (no store, no
// scheduler: SnapshotLockService persists and schedules what these return).
//
//   LockSnapshot on a pending snapshot  -> pending-governance | pending-compliance
//     the snapshot completes            -> governance | compliance-cooloff | compliance
//     the snapshot fails                -> (lock dropped; lockSnapshot failed event)
//   LockSnapshot on a completed one     -> governance | compliance-cooloff | compliance
//   compliance-cooloff --cool-off ends--> compliance
//   governance | compliance* --lock duration ends--> expired (deletable; stays listed)
//
// The duration starts when the lock applies (at once, or when a pending snapshot completes); the
// cooling-off period starts when LockSnapshot is called. A governance lock, a compliance lock in
// its cooling-off period and a pending lock can be changed or removed; a compliance lock after its
// cooling-off period can only be extended. Every refusal is the AwsError the API answers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/aws_error.hpp"
#include "store/ec2/snapshot_lock_table.hpp"
#include "store/ec2/snapshot_table.hpp"

namespace ebs::ec2::lock {

inline constexpr int64_t kDayMs = 86'400'000;
inline constexpr int64_t kHourMs = 3'600'000;
inline constexpr int64_t kMinDays = 1;
inline constexpr int64_t kMaxDays = 36'500;
inline constexpr int64_t kMinCoolOffHours = 1;
inline constexpr int64_t kMaxCoolOffHours = 72;

struct LockRequest {
  std::string mode;  // governance | compliance
  std::optional<int64_t> cool_off_hours;
  std::optional<int64_t> duration_days;
  std::optional<int64_t> expiration_date;  // epoch ms
};

// Parameter checks (before the snapshot is looked at).
void check_request(const LockRequest& request, int64_t now);

bool is_pending(const store::SnapshotLockRow& row);
// Locked: governance, compliance-cooloff, compliance or pending-* (everything but expired).
bool is_locked(const store::SnapshotLockRow& row);

// LockSnapshot: the lock `snapshot` has after the call, given its current lock (if any).
store::SnapshotLockRow apply(const store::SnapshotRow& snapshot,
                             const std::optional<store::SnapshotLockRow>& current,
                             const LockRequest& request, int64_t now);
// The state an applied lock (not pending) is in at `now`, from its mode and times.
std::string state_at(const store::SnapshotLockRow& row, int64_t now);
// A pending lock applies: its snapshot completed at `now`.
store::SnapshotLockRow activate(store::SnapshotLockRow row, int64_t now);
// Moves the lock to what `now` makes of it: the cooling-off period ends (compliance), then the
// duration ends (expired). Returns the states passed through, in order, for the events.
struct Advance {
  bool cool_off_ended = false;
  bool expired = false;
};
Advance advance(store::SnapshotLockRow& row, int64_t now);
// The next time the lock changes by itself, if any.
std::optional<int64_t> next_change(const store::SnapshotLockRow& row);

// UnlockSnapshot: throws when the lock cannot be removed.
void check_unlock(const store::SnapshotLockRow& row);

// Errors.
AwsError not_locked(const std::string& snapshot_id);
AwsError locked_snapshot(const std::string& snapshot_id);  // DeleteSnapshot of a locked snapshot

}  // namespace ebs::ec2::lock
