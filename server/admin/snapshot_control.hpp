// Snapshot fault and completion control for tests (the /_emulator/ API):
//   POST /_emulator/snapshots/{id}/complete            finish a pending snapshot or copy now
//   POST /_emulator/snapshots/{id}/fail {"cause": "…"}  make it end in `error` with that
//   statusMessage
// Both emit the events the real transition emits (createSnapshot / copySnapshot / createSnapshots).
#pragma once

#include "protocol/rest_api.hpp"

namespace ebs::ec2 {
class SnapshotService;
}

namespace ebs::admin {

void register_snapshot_control(protocol::RestApi& api, ebs::ec2::SnapshotService& snapshots);

}  // namespace ebs::admin
