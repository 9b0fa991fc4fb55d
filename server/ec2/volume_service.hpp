// VolumeService: the EBS volume domain. Creation (creating -> available, createVolume event),
// description with AWS's filters and pagination (volume_service.cpp); deletion (deleting ->
// deleted, deleteVolume event) and attachments (attaching -> attached -> detaching -> detached,
// volume available <-> in-use) in volume_attachments.cpp; modifications (modifying -> optimizing ->
// completed, modifyVolume events) in volume_modifications.cpp. Every asynchronous step is a
// scheduler row, so work due when the process died runs after it restarts. Typed requests in, store
// rows out; no HTTP, no XML, no SQL here. The KMS key seam is set_key_check (see key_check.hpp).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "ec2/key_check.hpp"
#include "store/ec2/volume_modification_table.hpp"
#include "store/ec2/volume_table.hpp"

namespace ebs::ec2 {

struct CreateVolumeRequest {
  std::optional<std::string> availability_zone;
  std::optional<std::string> availability_zone_id;
  std::optional<int64_t> size;
  std::optional<std::string> snapshot_id;
  std::string volume_type = "gp2";
  std::optional<int64_t> iops;
  std::optional<int64_t> throughput;
  bool encrypted = false;
  std::optional<std::string> kms_key_id;
  bool multi_attach = false;
  std::vector<TagSpecification> tag_specifications;
  std::optional<std::string> client_token;
  std::optional<int64_t> volume_initialization_rate;  // MiB/s, 100-300, with SnapshotId only
  bool dry_run = false;
};

struct DescribeVolumesRequest {
  std::vector<std::string> volume_ids;
  std::vector<Filter> filters;
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
};

struct DeleteVolumeRequest {
  std::string volume_id;
  bool dry_run = false;
};

struct AttachVolumeRequest {
  std::string volume_id;
  std::string instance_id;
  std::string device;
  bool dry_run = false;
};

struct DetachVolumeRequest {
  std::string volume_id;
  std::optional<std::string> instance_id;
  std::optional<std::string> device;
  bool force = false;
  bool dry_run = false;
};

struct ModifyVolumeRequest {
  std::string volume_id;
  std::optional<int64_t> size;
  std::optional<std::string> volume_type;
  std::optional<int64_t> iops;
  std::optional<int64_t> throughput;
  std::optional<bool> multi_attach;
  bool dry_run = false;
};

struct DescribeVolumesModificationsRequest {
  std::vector<std::string> volume_ids;
  std::vector<Filter> filters;
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
};

struct VolumeModificationPage {
  std::vector<store::VolumeModificationRow> modifications;
  std::optional<std::string> next_token;
};

// A volume RunInstances creates from a block device mapping (already attached to its instance).
struct LaunchVolume {
  std::string device;
  int64_t size = 8;
  std::string volume_type = "gp2";
  std::optional<int64_t> iops;
  std::optional<int64_t> throughput;
  bool encrypted = false;
  std::optional<std::string> kms_key_id;
  bool delete_on_termination = true;
  std::vector<Tag> tags;
};

struct VolumePage {
  std::vector<store::VolumeRow> volumes;
  std::vector<std::vector<std::pair<std::string, std::string>>> tags;  // parallel to volumes
  std::optional<std::string> next_token;
};

// What CreateVolume needs to know of its source snapshot (the snapshot service provides it).
struct SnapshotSource {
  int64_t size_gib = 0;
  bool encrypted = false;
  std::optional<std::string> kms_key_arn;
};
// Resolves SnapshotId for CreateVolume in the caller's account (own or shared with it); throws
// InvalidSnapshot.NotFound / IncorrectState.
using SnapshotResolver = std::function<SnapshotSource(store::Transaction&, const RequestContext&,
                                                      const std::string& snapshot_id)>;

// How a new volume is encrypted. The KMS module decides (KmsKeyId resolved to its key ARN, else
// the snapshot's key, else the account's EBS default key; encryption by default); without it, as
// requested.
struct VolumeEncryption {
  bool encrypted = false;
  std::optional<std::string> kms_key_id;
};
using EncryptionResolver = std::function<VolumeEncryption(
    store::Transaction&, const RequestContext&, bool encrypted,
    const std::optional<std::string>& kms_key_id, bool source_encrypted,
    const std::optional<std::string>& source_key_arn)>;

// The volume-initialization seam (volume_initialization_service.hpp): CreateVolume from a snapshot
// records how the volume is initialized (sets fast_restored / initialization_rate); a volume that
// became available starts initializing; DescribeVolumes reads the facts back; a deleted volume
// forgets them. Each hook is optional.
struct VolumeInitializationHooks {
  std::function<void(store::Transaction&, const RequestContext&, store::VolumeRow&,
                     const std::optional<int64_t>& rate)>
      created;
  std::function<void(store::Transaction&, const store::VolumeRow&)> available;
  std::function<void(store::Transaction&, std::vector<store::VolumeRow>&)> decorate;
  std::function<void(store::Transaction&, const std::string& volume_id)> deleted;
};

class VolumeService {
 public:
  explicit VolumeService(ServiceDeps& deps);
  void set_snapshot_resolver(SnapshotResolver resolver) {
    snapshot_resolver_ = std::move(resolver);
  }
  void set_key_check(KeyCheck check) { key_check_ = std::move(check); }
  void set_encryption_resolver(EncryptionResolver resolver) {
    encryption_resolver_ = std::move(resolver);
  }
  void set_initialization_hooks(VolumeInitializationHooks hooks) {
    initialization_ = std::move(hooks);
  }
  // Registers the scheduler handlers of volume work. Call once before the scheduler starts.
  void register_work();

  store::VolumeRow create(const RequestContext& ctx, const CreateVolumeRequest& request);
  VolumePage describe(const RequestContext& ctx, const DescribeVolumesRequest& request);
  void remove(const RequestContext& ctx, const DeleteVolumeRequest& request);
  store::AttachmentRow attach(const RequestContext& ctx, const AttachVolumeRequest& request);
  store::AttachmentRow detach(const RequestContext& ctx, const DetachVolumeRequest& request);
  store::VolumeModificationRow modify(const RequestContext& ctx,
                                      const ModifyVolumeRequest& request);
  VolumeModificationPage describe_modifications(const RequestContext& ctx,
                                                const DescribeVolumesModificationsRequest& request);

  // Used by InstanceService, inside its transaction. Creates an `in-use` volume attached (state
  // `attaching`) to a launching instance.
  store::VolumeRow create_for_launch(store::Transaction& tx, const RequestContext& ctx,
                                     const std::string& zone, const std::string& instance_id,
                                     const LaunchVolume& spec);
  // The instance reached `running`: its `attaching` attachments become `attached`.
  void complete_launch_attachments(store::Transaction& tx, const std::string& instance_id);
  // The instance was started again or rebooted: its `attached` volumes are re-attached, and each
  // whose KMS key is now unusable gets a `reattachVolume` `failed` event (volume and key ARNs).
  void reattach_instance_volumes(store::Transaction& tx, const std::string& instance_id);
  // The instance is terminated: delete-on-termination volumes are deleted (deleteVolume event),
  // the others detached and `available` again.
  void release_instance_volumes(store::Transaction& tx, const std::string& instance_id);
  // The KMS key problem of an encrypted volume, or nullopt.
  std::optional<KeyProblem> key_problem(store::Transaction& tx, const store::VolumeRow& volume);

  static std::string volume_arn(const std::string& region, const std::string& account,
                                const std::string& volume_id);

 private:
  void finish_create(store::Transaction& tx, const store::WorkItem& item);
  void finish_delete(store::Transaction& tx, const store::WorkItem& item);
  void finish_attach(store::Transaction& tx, const store::WorkItem& item);
  void finish_detach(store::Transaction& tx, const store::WorkItem& item);
  void advance_modification(store::Transaction& tx, const store::WorkItem& item);
  // Deletes the volume row now (tags, attachments, modification too) and emits deleteVolume.
  void delete_now(store::Transaction& tx, const store::VolumeRow& volume,
                  const std::string& request_id);

  ServiceDeps& deps_;
  SnapshotResolver snapshot_resolver_;
  KeyCheck key_check_;
  EncryptionResolver encryption_resolver_;
  VolumeInitializationHooks initialization_;
};

}  // namespace ebs::ec2
