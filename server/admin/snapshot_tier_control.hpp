// Archive-tier control for tests (the /_emulator/ API):
//   POST /_emulator/snapshots/{id}/tiering/complete            end the archive or restore in
//                                                               progress now
//   POST /_emulator/snapshots/{id}/tiering/fail {"cause": "…"}  make it fail with that cause
// Both emit the event the real end emits (archiveSnapshot / restoreSnapshot). Without them,
// tiering work ends after --snapshot-ms on the emulator clock (never, with
// --snapshot-completion manual).
#pragma once

#include "protocol/rest_api.hpp"

namespace ebs::ec2 {
class SnapshotTierService;
}

namespace ebs::admin {

void register_snapshot_tier_control(protocol::RestApi& api, ebs::ec2::SnapshotTierService& tiers);

}  // namespace ebs::admin
