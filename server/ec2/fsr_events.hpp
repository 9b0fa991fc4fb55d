// The `EBS Fast Snapshot Restore State-change Notification` event (aws-facts A.4), one per
// transition of a (snapshot, zone): detail {"snapshot-id": bare id, "state", "zone", "message"} in
// the docs' key order, resources [`arn:aws:ec2:<region>::snapshot/<id>`] (the form of the docs'
// FSR example: region in the region slot, no account; unlike the snapshot notifications), sent to
// the account that enabled FSR.
#pragma once

#include <string>

#include "core/services.hpp"
#include "store/ec2/fast_snapshot_restore_table.hpp"
#include "store/transaction.hpp"

namespace ebs::ec2 {

std::string fsr_snapshot_arn(const std::string& region, const std::string& snapshot_id);

// The row's current state, with its state transition reason as the message, at `time_ms`.
void publish_fsr_state_change(ServiceDeps& deps, store::Transaction& tx,
                              const store::FastSnapshotRestoreRow& row, int64_t time_ms);

}  // namespace ebs::ec2
