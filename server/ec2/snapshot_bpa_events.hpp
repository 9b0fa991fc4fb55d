// The block public access for snapshots events (aws-facts A.4): `EBS Snapshot Block Public Access
// Enabled` with detail {"SnapshotBlockPublicAccessState": mode, "message": "Block Public Access was
// successfully enabled in '<mode>' mode"}, and `EBS Snapshot Block Public Access Disabled` with
// {"SnapshotBlockPublicAccessState": "unblocked", "message": "Block Public Access was successfully
// disabled"}. AWS's examples have no `resources` key; the emulator's envelopes always carry one,
// here `[]` (matches patterns the same way; see docs/events.md).
#pragma once

#include <string>

#include "core/services.hpp"
#include "store/transaction.hpp"

namespace ebs::ec2 {

// `state` is the mode now in force; `unblocked` means the Disabled event.
void publish_block_public_access(ServiceDeps& deps, store::Transaction& tx,
                                 const std::string& account, const std::string& region,
                                 const std::string& state);

}  // namespace ebs::ec2
