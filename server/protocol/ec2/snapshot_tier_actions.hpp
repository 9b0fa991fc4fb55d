// Codecs of the snapshot archive-tier actions: ModifySnapshotTier, RestoreSnapshotTier,
// DescribeSnapshotTierStatus (shapes and element names of the botocore ec2 model).
#pragma once

#include "protocol/query_api.hpp"

namespace ebs::ec2 {
class SnapshotTierService;
}

namespace ebs::protocol::ec2 {

void register_snapshot_tier_actions(QueryApi& api, ebs::ec2::SnapshotTierService& tiers);

}  // namespace ebs::protocol::ec2
