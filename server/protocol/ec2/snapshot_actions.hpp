// Codecs of the snapshot actions: CreateSnapshot, CreateSnapshots, CopySnapshot, DescribeSnapshots,
// DeleteSnapshot, ModifySnapshotAttribute (structured and legacy forms), DescribeSnapshotAttribute,
// ResetSnapshotAttribute.
#pragma once

#include "protocol/query_api.hpp"

namespace ebs::ec2 {
class SnapshotService;
}

namespace ebs::protocol::ec2 {

void register_snapshot_actions(QueryApi& api, ebs::ec2::SnapshotService& snapshots);

}  // namespace ebs::protocol::ec2
