// The archive-tier state machine of a snapshot, as pure functions of its rows and the time (no
// store, no scheduler: SnapshotTierService persists and schedules what these return).
//
//   standard --ModifySnapshotTier--> archival-in-progress (still standard) --> archival-completed
//   (archive) | archival-failed (standard)
//   archive --RestoreSnapshotTier--> {temporary,permanent}-restore-in-progress (still archive) -->
//   *-restore-completed (standard) | *-restore-failed (archive)
//   temporary-restore-completed --N days later--> archive again (archival-completed)
//
// A temporarily restored snapshot can be made permanent, or given a new period, at once. Every
// refusal is the AwsError the API answers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/aws_error.hpp"
#include "store/ec2/snapshot_table.hpp"
#include "store/ec2/snapshot_tier_table.hpp"

namespace ebs::ec2::tier {

inline constexpr int64_t kDayMs = 86'400'000;
inline constexpr int64_t kMinRestoreDays = 1;
inline constexpr int64_t kMaxRestoreDays = 180;

// Parameter checks (before the snapshot is looked at).
void check_target_tier(const std::optional<std::string>& storage_tier);
struct RestoreRequest {
  std::optional<int64_t> temporary_restore_days;
  std::optional<bool> permanent_restore;
};
void check_restore_request(const RestoreRequest& request);

bool in_progress(const store::SnapshotTierRow& row);
bool is_temporary_restore(const store::SnapshotTierRow& row);
// The tier a snapshot has while (or after) its last operation is in this status.
std::string tier_of(const store::SnapshotTierRow& row);
// Percent done of the last operation at `now` (frozen once it ended).
int64_t progress_at(const store::SnapshotTierRow& row, int64_t now);

// ModifySnapshotTier (archive): the new record, in progress until now + duration_ms.
store::SnapshotTierRow start_archive(const store::SnapshotRow& snapshot,
                                     const std::optional<store::SnapshotTierRow>& current,
                                     int64_t now, int64_t duration_ms,
                                     const std::string& request_id);

// RestoreSnapshotTier: an archived snapshot starts a restore (in progress until now +
// duration_ms); a temporarily restored one changes period or type at once (*immediate = true).
store::SnapshotTierRow start_restore(const store::SnapshotRow& snapshot,
                                     const std::optional<store::SnapshotTierRow>& current,
                                     const RestoreRequest& request, int64_t now,
                                     int64_t duration_ms, const std::string& request_id,
                                     bool* immediate);

// The operation in progress ends at `now`: completed, or failed with `cause`.
store::SnapshotTierRow finish(store::SnapshotTierRow row, bool ok, const std::string& cause,
                              int64_t now);
// The temporary restore period ended at `now`: the snapshot is archived again.
store::SnapshotTierRow expire_restore(store::SnapshotTierRow row, int64_t now);

// Errors.
AwsError archived_snapshot_in_use(const std::string& snapshot_id);

}  // namespace ebs::ec2::tier
