// Registration of the block public access for snapshots actions on the EC2 Query API (codecs in
// snapshot_block_public_access_actions.cpp): EnableSnapshotBlockPublicAccess,
// DisableSnapshotBlockPublicAccess, GetSnapshotBlockPublicAccessState.
#pragma once

#include "protocol/query_api.hpp"

namespace ebs::ec2 {
class SnapshotBlockPublicAccessService;
}

namespace ebs::protocol::ec2 {

void register_snapshot_block_public_access_actions(QueryApi& api,
                                                   ebs::ec2::SnapshotBlockPublicAccessService& bpa);

}  // namespace ebs::protocol::ec2
