// The archive-tier events of aws-facts A.3 (`EBS Snapshot Notification`), with the fields of the
// "Monitor snapshot archiving" examples: archiveSnapshot and restoreSnapshot (succeeded / failed)
// and restoreExpiry (the docs' example spells it `restoryExpiry`; its heading `restoreExpiry`,
// which is what the emulator emits). `request-id` is the EC2 request id of the ModifySnapshotTier /
// RestoreSnapshotTier call; `recycleBinExitTime` is "" (the emulator has no Recycle Bin, so no
// snapshot is ever in it). Snapshot ARNs use the form of the other snapshot events
// (`arn:aws:ec2::<region>:snapshot/<id>`); times are ISO-8601 in seconds.
#pragma once

#include <string>

#include "core/services.hpp"
#include "store/ec2/snapshot_tier_table.hpp"
#include "store/transaction.hpp"

namespace ebs::ec2 {

// archiveSnapshot / restoreSnapshot for the operation `row` just ended (row.end_time), ok or not.
void publish_tiering_result(ServiceDeps& deps, store::Transaction& tx,
                            const store::SnapshotTierRow& row, bool ok, const std::string& cause);
// restoreExpiry: the temporary restore `restored` (from its end_time to its restore_expiry_time)
// ended; the scheduler ran it at `now`.
void publish_restore_expiry(ServiceDeps& deps, store::Transaction& tx,
                            const store::SnapshotTierRow& restored, int64_t now);

}  // namespace ebs::ec2
