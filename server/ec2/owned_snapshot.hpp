// The snapshot id checks the snapshot services share: an id's form, and the snapshot the caller
// owns in its region (what DeleteSnapshot, Modify/ResetSnapshotAttribute, ModifySnapshotTier,
// RestoreSnapshotTier, LockSnapshot and UnlockSnapshot act on).
#pragma once

#include <string>

#include "core/request_context.hpp"
#include "store/ec2/snapshot_table.hpp"

namespace ebs::ec2 {

// InvalidParameterValue (snapshot_id_malformed) unless `id` starts with "snap-".
void check_snapshot_id(const std::string& id);

// The snapshot `snapshot_id` of ctx's account in ctx's region; InvalidSnapshot.NotFound when there
// is none (another account's snapshot included), snapshot_id_malformed for a malformed id.
store::SnapshotRow owned_snapshot(store::Transaction& tx, const RequestContext& ctx,
                                  const std::string& snapshot_id);

}  // namespace ebs::ec2
