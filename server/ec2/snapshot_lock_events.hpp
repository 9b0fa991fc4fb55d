// The snapshot lock events of aws-facts A.3 (`EBS Snapshot Notification`), with exactly the fields
// of the "Monitor snapshot lock" examples, including their spellings: `cooOffPeriod` (sic) and
// `lockStartDurationTime` (sic; the API calls it lockDurationStartTime), the cool-off event name
// `cooloffperiodExpiry` (sic), no `cause` / `request-id` except the failed lock's cause, and
// `source` = the owner's account id as a string on lockSnapshot succeeded. `lockDuration` and
// `cooOffPeriod` are numbers; times ISO-8601 in seconds. A lock made with ExpirationDate has no
// lockDuration; a lock without a cooling-off period has neither cooOffPeriod nor
// coolOffPeriodExpiresOn.
#pragma once

#include <cstdint>
#include <string>

#include "core/services.hpp"
#include "store/ec2/snapshot_lock_table.hpp"
#include "store/transaction.hpp"

namespace ebs::ec2 {

// lockSnapshot succeeded: the lock applies (LockSnapshot of a completed snapshot, or its pending
// snapshot completed).
void publish_lock_succeeded(ServiceDeps& deps, store::Transaction& tx,
                            const store::SnapshotLockRow& lock);
// lockSnapshot failed: the pending snapshot ended in error at `now`.
void publish_lock_failed(ServiceDeps& deps, store::Transaction& tx,
                         const store::SnapshotLockRow& lock, int64_t now);
// cooloffperiodExpiry: the compliance cooling-off period ended.
void publish_cool_off_expiry(ServiceDeps& deps, store::Transaction& tx,
                             const store::SnapshotLockRow& lock);
// lockDurationExpiry: the lock expired.
void publish_lock_expiry(ServiceDeps& deps, store::Transaction& tx,
                         const store::SnapshotLockRow& lock);

}  // namespace ebs::ec2
