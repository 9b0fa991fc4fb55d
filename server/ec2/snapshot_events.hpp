// The snapshot events of aws-facts A.3/A.4, with envelope and detail as A.5/A.6 recommend:
// `EBS Snapshot Notification` (createSnapshot, copySnapshot, shareSnapshot) and `EBS Multi-Volume
// Snapshots Completion Status` (createSnapshots). Snapshot and volume ARNs use the form of the
// current docs, `arn:aws:ec2::<region>:snapshot/<id>` (region in the account slot, id after the
// last '/'); times are `startTime`/`endTime` in seconds precision; `request-id` is "".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/services.hpp"
#include "store/ec2/snapshot_table.hpp"
#include "store/transaction.hpp"

namespace ebs::ec2 {

std::string snapshot_event_arn(const std::string& region, const std::string& snapshot_id);
std::string volume_event_arn(const std::string& region, const std::string& volume_id);

// The detail every snapshot event starts with: event, result, cause ("" when ok) and request-id.
nlohmann::ordered_json snapshot_event_detail(const std::string& event, bool ok,
                                             const std::string& cause,
                                             const std::string& request_id = "");
// Publishes an `EBS Snapshot Notification` with `detail` about snapshot `snapshot_id` (its ARN the
// one resource) to the default bus of `account` in `region`, at the clock's now.
void publish_snapshot_notification(ServiceDeps& deps, store::Transaction& tx,
                                   const std::string& account, const std::string& region,
                                   const std::string& snapshot_id, nlohmann::ordered_json detail);

// createSnapshot succeeded/failed, to the owner, when `s` reached completed/error.
void publish_create_snapshot(ServiceDeps& deps, store::Transaction& tx, const store::SnapshotRow& s,
                             bool ok, const std::string& cause);
// How a copy was transferred: `standard`, or `time-based` (CompletionDurationMinutes) with the
// start of its duration and, when the duration ended first, why.
struct CopyTransfer {
  bool time_based = false;
  int64_t duration_start_time = 0;  // epoch ms
  std::optional<std::string> missed_completion_cause;
};

// copySnapshot succeeded/failed, to the copy's owner in the destination region. A succeeded
// time-based copy adds completionDurationStartTime (ms) and missedCompletionDurationCause (if
// missed).
void publish_copy_snapshot(ServiceDeps& deps, store::Transaction& tx,
                           const store::SnapshotRow& copy, bool ok, const std::string& cause,
                           bool incremental, const CopyTransfer& transfer = {});
// createSnapshots, once every snapshot of the set has finished.
void publish_create_snapshots(ServiceDeps& deps, store::Transaction& tx,
                              const std::vector<store::SnapshotRow>& set);
// shareSnapshot, to the receiving account, in the snapshot's region.
void publish_share_snapshot(ServiceDeps& deps, store::Transaction& tx, const store::SnapshotRow& s,
                            const std::string& receiver, int64_t now_ms);

}  // namespace ebs::ec2
