// Registration of the Fast Snapshot Restore actions on the EC2 Query API (codecs in
// fast_snapshot_restore_actions.cpp): EnableFastSnapshotRestores, DisableFastSnapshotRestores,
// DescribeFastSnapshotRestores.
#pragma once

#include "protocol/query_api.hpp"

namespace ebs::ec2 {
class FastSnapshotRestoreService;
}

namespace ebs::protocol::ec2 {

void register_fast_snapshot_restore_actions(QueryApi& api,
                                            ebs::ec2::FastSnapshotRestoreService& fsr);

}  // namespace ebs::protocol::ec2
