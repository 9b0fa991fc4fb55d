// VolumeService: the EBS volume domain: creation (with its asynchronous creating -> available step and
// the createVolume event), description with AWS's filters and pagination. Typed requests in, store rows
// out; no HTTP, no XML, no SQL here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
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
  bool dry_run = false;
};

struct DescribeVolumesRequest {
  std::vector<std::string> volume_ids;
  std::vector<Filter> filters;
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
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

class VolumeService {
 public:
  explicit VolumeService(ServiceDeps& deps);
  void set_snapshot_resolver(SnapshotResolver resolver) { snapshot_resolver_ = std::move(resolver); }
  // Registers the scheduler handlers of volume work. Call once before the scheduler starts.
  void register_work();

  store::VolumeRow create(const RequestContext& ctx, const CreateVolumeRequest& request);
  VolumePage describe(const RequestContext& ctx, const DescribeVolumesRequest& request);

  static std::string volume_arn(const std::string& region, const std::string& account,
                                const std::string& volume_id);

 private:
  void finish_create(store::Transaction& tx, const store::WorkItem& item);

  ServiceDeps& deps_;
  SnapshotResolver snapshot_resolver_;
};

}  // namespace ebs::ec2
