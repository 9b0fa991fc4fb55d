// The `EBS Copy Snapshot Missed Completion Duration` event (aws-facts A.4): sent to the copy's
// owner in the destination region as soon as a time-based copy is still pending when its completion
// duration ends. Unlike the `EBS Snapshot Notification` events it has no result/cause/request-id,
// and, as AWS's example does, it names the snapshots by their normal ARNs
// (`arn:aws:ec2:<region>:<account>:snapshot/<id>`); startTime is ISO 8601 in seconds like the other
// snapshot events (AWS's example shows "Sun Nov 24 22:32:55 UTC 2024").
#pragma once

#include <string>

#include "core/services.hpp"
#include "store/ec2/snapshot_table.hpp"
#include "store/transaction.hpp"

namespace ebs::ec2 {

// The cause the emulator reports (AWS documents no text for it; see docs/events.md).
inline constexpr const char* kMissedCompletionDurationCause =
    "The snapshot copy did not complete within the requested completion duration because the "
    "cumulative snapshot copy throughput quota for the destination Region was exceeded.";

// `source_owner`: the account that owns the source snapshot (the copy's owner when unknown).
void publish_copy_missed_completion_duration(ServiceDeps& deps, store::Transaction& tx,
                                             const store::SnapshotRow& copy,
                                             const std::string& source_owner,
                                             const std::string& cause);

}  // namespace ebs::ec2
