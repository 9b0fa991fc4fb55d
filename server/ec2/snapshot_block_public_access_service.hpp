// SnapshotBlockPublicAccessService: block public access for snapshots, per account and region
// (EnableSnapshotBlockPublicAccess, DisableSnapshotBlockPublicAccess,
// GetSnapshotBlockPublicAccessState; `unblocked` until enabled, managedBy always `account`). Each
// successful Enable/Disable emits `EBS Snapshot Block Public Access Enabled` / `... Disabled`
// (snapshot_bpa_events.hpp).
//
// Enforcement is read by SnapshotService through two seams: check_public_sharing() refuses to make
// a snapshot public in either blocking mode (OperationNotPermitted), and public_allowed() is false
// in block-all-sharing mode, so that the owner's public snapshots are treated as private (other
// accounts no longer see or restore them; their createVolumePermission still says `all`). A change
// into or out of block-all-sharing is reported through set_on_change (FSR revalidation). Typed
// requests in, plain values out; no HTTP, no XML, no SQL here.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "store/transaction.hpp"

namespace ebs::ec2 {

struct SnapshotBlockPublicAccessState {
  std::string state;  // block-all-sharing | block-new-sharing | unblocked
  std::string managed_by = "account";
};

class SnapshotBlockPublicAccessService {
 public:
  using OnChange = std::function<void(store::Transaction&, const std::string& account,
                                      const std::string& region)>;

  explicit SnapshotBlockPublicAccessService(ServiceDeps& deps);
  void set_on_change(OnChange on_change) { on_change_ = std::move(on_change); }

  // State is required: block-all-sharing | block-new-sharing. Returns the state now in force.
  std::string enable(const RequestContext& ctx, const std::optional<std::string>& state,
                     bool dry_run);
  std::string disable(const RequestContext& ctx, bool dry_run);  // returns "unblocked"
  SnapshotBlockPublicAccessState get(const RequestContext& ctx, bool dry_run);

  // Seams of SnapshotService, inside its transaction.
  void check_public_sharing(store::Transaction& tx, const std::string& account,
                            const std::string& region);
  bool public_allowed(store::Transaction& tx, const std::string& account,
                      const std::string& region);

 private:
  std::string set(const RequestContext& ctx, const std::string& state);

  ServiceDeps& deps_;
  OnChange on_change_;
};

}  // namespace ebs::ec2
