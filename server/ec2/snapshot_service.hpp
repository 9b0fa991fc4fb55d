// SnapshotService: the EBS snapshot domain. CreateSnapshot / CreateSnapshots / CopySnapshot make a
// `pending` snapshot whose progress moves from 0% to 100% over the configured duration; a scheduler
// row completes it (or fails it), so a snapshot pending when the process died completes after it
// restarts. DescribeSnapshots shows what the caller may create volumes from (own + explicitly
// shared + public), narrowed by SnapshotId.N / Owner.N / RestorableBy.N / filters, paged by
// snapshot id. The createVolumePermission attribute shares a snapshot with accounts (or "all").
// Events (aws-facts A.3, A.4): createSnapshot, createSnapshots, copySnapshot (destination region),
// shareSnapshot (receiving account), built in snapshot_events.cpp.
//
// Seams: `set_key_check` is where a snapshot's or copy's KMS key validity is checked when the work
// completes (no KMS module yet: every key is usable); `set_instance_volumes` resolves
// CreateSnapshots' instance to its volumes (default: the attachments rows); `add_observer` lets
// the archive tier and snapshot locks guard deletion and use and follow completion. Typed requests
// in, store rows out; no HTTP, no XML, no SQL here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "ec2/snapshot_events.hpp"
#include "ec2/volume_service.hpp"
#include "store/ec2/snapshot_table.hpp"

namespace ebs::ec2 {

using SnapshotTags = std::vector<std::pair<std::string, std::string>>;

struct CreateSnapshotRequest {
  std::string volume_id;
  std::string description;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};

struct CreateSnapshotsRequest {
  std::string instance_id;
  bool exclude_boot_volume = false;
  std::vector<std::string> exclude_data_volume_ids;
  std::string description;
  std::vector<TagSpecification> tag_specifications;
  std::optional<std::string> copy_tags_from_source;  // "volume"
  bool dry_run = false;
};

struct CopySnapshotRequest {
  std::string source_region;
  std::string source_snapshot_id;
  std::string description;
  std::optional<bool> encrypted;
  std::optional<std::string> kms_key_id;
  std::optional<std::string> presigned_url;
  std::optional<std::string> destination_region;
  std::optional<int64_t> completion_duration_minutes;
  std::vector<TagSpecification> tag_specifications;
  bool dry_run = false;
};

struct DescribeSnapshotsRequest {
  std::vector<std::string> snapshot_ids;
  std::vector<std::string> owners;
  std::vector<std::string> restorable_by;
  std::vector<Filter> filters;
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
};

// A snapshot as the caller sees it: the row, its progress now, and its tags (own snapshots only).
struct SnapshotView {
  store::SnapshotRow row;
  int64_t progress = 0;
  SnapshotTags tags;
  std::optional<int64_t> restore_expiry_time;          // a temporarily restored archived snapshot
  std::optional<int64_t> completion_duration_minutes;  // a time-based copy
};

// What a module that keeps its own state per snapshot (the archive tier, locks) plugs into the
// snapshot lifecycle. Every hook runs inside the snapshot operation's transaction; a guard throws
// AwsError to refuse the operation.
class SnapshotObserver {
 public:
  virtual ~SnapshotObserver() = default;
  // DeleteSnapshot of an owned snapshot, before it is removed (after DryRun).
  virtual void before_delete(store::Transaction&, const store::SnapshotRow&) {}
  virtual void after_delete(store::Transaction&, const store::SnapshotRow&) {}
  // The snapshot is about to be the source of CreateVolume or CopySnapshot.
  virtual void before_use(store::Transaction&, const store::SnapshotRow&) {}
  // CopySnapshot made `copy` (pending) from `request`.
  virtual void after_copy(store::Transaction&, const store::SnapshotRow& /*copy*/,
                          const CopySnapshotRequest&) {}
  // The copySnapshot event of `copy` is about to be published: how it was transferred.
  virtual void copy_transfer(store::Transaction&, const store::SnapshotRow& /*copy*/,
                             CopyTransfer&) {}
  // The snapshot just reached `completed` (ok) or `error`.
  virtual void after_finish(store::Transaction&, const store::SnapshotRow&, bool /*ok*/) {}
  // Adds fields to a snapshot being described.
  virtual void decorate(store::Transaction&, SnapshotView&) {}
};

struct SnapshotPage {
  std::vector<SnapshotView> snapshots;
  std::optional<std::string> next_token;
};

struct PermissionChange {
  std::optional<std::string> user_id;
  std::optional<std::string> group;
};

struct ModifySnapshotAttributeRequest {
  std::string snapshot_id;
  std::optional<std::string> attribute;
  std::vector<PermissionChange> add;
  std::vector<PermissionChange> remove;
  bool dry_run = false;
};

struct SnapshotAttributeRequest {
  std::string snapshot_id;
  std::string attribute;
  bool dry_run = false;
};

struct SnapshotAttribute {
  std::string snapshot_id;
  std::string attribute;
  std::vector<PermissionChange> permissions;  // createVolumePermission items
};

// The volumes of an instance for CreateSnapshots, in device order.
struct InstanceVolume {
  std::string volume_id;
  bool boot = false;
};
using InstanceVolumes = std::function<std::vector<InstanceVolume>(
    store::Transaction&, const RequestContext&, const std::string& instance_id)>;

// The KMS seam: nullopt when the key is usable, else the failure cause ("<key-arn> is disabled.").
using SnapshotKeyCheck = std::function<std::optional<std::string>(
    store::Transaction&, const std::string& account, const std::string& region,
    const std::string& kms_key_id)>;

// The KMS seam of CopySnapshot: how the copy is encrypted (KmsKeyId resolved to its key ARN, else
// the destination's default EBS key; encryption by default). Unset: the rules in copy().
struct CopyEncryption {
  bool encrypted = false;
  std::optional<std::string> kms_key_id;
};
using CopyEncryptionResolver = std::function<CopyEncryption(
    store::Transaction&, const RequestContext&, bool encrypted,
    const std::optional<std::string>& kms_key_id, bool source_encrypted)>;

// The sharing seam (block public access for snapshots, Fast Snapshot Restore): whether a snapshot
// may be made public (throws to refuse), whether an owner's public snapshots are public now (false
// in block-all-sharing mode: they are treated as private), and what follows when a snapshot's
// createVolumePermission was narrowed. Each hook is optional and runs in the operation's
// transaction.
struct SnapshotSharingHooks {
  std::function<void(store::Transaction&, const store::SnapshotRow&)> before_make_public;
  std::function<bool(store::Transaction&, const std::string& owner, const std::string& region)>
      public_allowed;
  std::function<void(store::Transaction&, const store::SnapshotRow&)> sharing_narrowed;
};

class SnapshotService {
 public:
  explicit SnapshotService(ServiceDeps& deps);
  void set_key_check(SnapshotKeyCheck check) { key_check_ = std::move(check); }
  void set_copy_encryption(CopyEncryptionResolver resolver) {
    copy_encryption_ = std::move(resolver);
  }
  void set_instance_volumes(InstanceVolumes resolver) { instance_volumes_ = std::move(resolver); }
  void set_sharing_hooks(SnapshotSharingHooks hooks) { sharing_ = std::move(hooks); }
  // Observers are called in the order added; they must outlive the service. Add before serving.
  void add_observer(SnapshotObserver* observer) { observers_.push_back(observer); }
  // Registers the scheduler handlers of snapshot work. Call once before the scheduler starts.
  void register_work();
  // For VolumeService::set_snapshot_resolver: CreateVolume's view of a snapshot.
  SnapshotResolver resolver();
  // The snapshot as `ctx`'s account may use it (own, shared with it, or public), or nullopt.
  std::optional<store::SnapshotRow> accessible(store::Transaction& tx, const RequestContext& ctx,
                                               const std::string& snapshot_id) {
    return visible(tx, ctx, snapshot_id);
  }

  SnapshotView create(const RequestContext& ctx, const CreateSnapshotRequest& request);
  std::vector<SnapshotView> create_multi(const RequestContext& ctx,
                                         const CreateSnapshotsRequest& request);
  SnapshotView copy(const RequestContext& ctx, const CopySnapshotRequest& request);
  SnapshotPage describe(const RequestContext& ctx, const DescribeSnapshotsRequest& request);
  void remove(const RequestContext& ctx, const std::string& snapshot_id, bool dry_run);
  void modify_attribute(const RequestContext& ctx, const ModifySnapshotAttributeRequest& request);
  SnapshotAttribute describe_attribute(const RequestContext& ctx,
                                       const SnapshotAttributeRequest& request);
  void reset_attribute(const RequestContext& ctx, const SnapshotAttributeRequest& request);

  // Test control (admin API): finish a pending snapshot now. Throws InvalidSnapshot.NotFound /
  // IncorrectState. Returns the finished snapshot.
  SnapshotView complete_now(const std::string& snapshot_id);
  SnapshotView fail_now(const std::string& snapshot_id, const std::string& cause);

  // Percent done at `now_ms` (100 when completed; frozen when error).
  static int64_t progress_at(const store::SnapshotRow& s, int64_t now_ms);

 private:
  store::SnapshotRow new_snapshot(const RequestContext& ctx, int64_t duration_ms);
  void schedule_completion(store::Transaction& tx, const store::SnapshotRow& s);
  void run_work(store::Transaction& tx, const store::WorkItem& item);
  void finish(store::Transaction& tx, const store::SnapshotRow& s, bool ok,
              const std::string& cause);
  std::optional<store::SnapshotRow> visible(store::Transaction& tx, const RequestContext& ctx,
                                            const std::string& snapshot_id);
  SnapshotView view(store::Transaction& tx, const std::string& caller, store::SnapshotRow row,
                    int64_t now_ms);
  // False when the owner's public snapshots are treated as private (block public access).
  bool public_ok(store::Transaction& tx, const store::SnapshotRow& s);

  ServiceDeps& deps_;
  SnapshotKeyCheck key_check_;
  CopyEncryptionResolver copy_encryption_;
  InstanceVolumes instance_volumes_;
  SnapshotSharingHooks sharing_;
  std::vector<SnapshotObserver*> observers_;
};

}  // namespace ebs::ec2
