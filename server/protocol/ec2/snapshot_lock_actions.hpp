// Codecs of the snapshot lock actions: LockSnapshot, UnlockSnapshot, DescribeLockedSnapshots
// (shapes and element names of the botocore ec2 model).
#pragma once

#include "protocol/query_api.hpp"

namespace ebs::ec2 {
class SnapshotLockService;
}

namespace ebs::protocol::ec2 {

void register_snapshot_lock_actions(QueryApi& api, ebs::ec2::SnapshotLockService& locks);

}  // namespace ebs::protocol::ec2
