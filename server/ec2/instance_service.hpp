// InstanceService: EC2 instances, only as much as volume attachment needs. RunInstances (with block
// device mappings creating the root and data volumes), DescribeInstances (filters, pagination),
// Stop/Start/Reboot/TerminateInstances, with the state machine pending -> running -> stopping ->
// stopped -> pending ..., and shutting-down -> terminated, each asynchronous step a scheduler row.
// Terminating releases the instance's volumes (delete-on-termination ones are deleted). An
// encrypted root volume's KMS key is checked at instance start through VolumeService::key_problem
// (the KeyCheck seam): an unusable key terminates the instance with
// Client.InvalidKMSKey.InvalidState.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "ec2/volume_service.hpp"
#include "store/ec2/instance_table.hpp"

namespace ebs::ec2 {

struct BlockDeviceMappingRequest {
  std::string device_name;
  bool no_device = false;
  bool has_ebs = false;
  std::optional<int64_t> volume_size;
  std::optional<std::string> volume_type;
  std::optional<int64_t> iops;
  std::optional<int64_t> throughput;
  std::optional<bool> encrypted;
  std::optional<std::string> kms_key_id;
  std::optional<bool> delete_on_termination;
  std::optional<std::string> snapshot_id;
};

struct RunInstancesRequest {
  std::string image_id;
  std::string instance_type = "m1.small";
  std::optional<int64_t> min_count;
  std::optional<int64_t> max_count;
  std::optional<std::string> availability_zone;
  std::vector<BlockDeviceMappingRequest> block_device_mappings;
  std::vector<TagSpecification> tag_specifications;
  std::optional<std::string> client_token;
  bool dry_run = false;
};

// One instance as the API shows it: the row, its block devices (attachments) and tags.
struct InstanceView {
  store::InstanceRow instance;
  std::vector<store::AttachmentRow> block_devices;
  std::vector<std::pair<std::string, std::string>> tags;
};

struct Reservation {
  std::string reservation_id;
  std::string owner_id;
  std::vector<InstanceView> instances;
};

struct DescribeInstancesRequest {
  std::vector<std::string> instance_ids;
  std::vector<Filter> filters;
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
};

struct ReservationPage {
  std::vector<Reservation> reservations;
  std::optional<std::string> next_token;
};

struct InstanceStateChange {
  std::string instance_id;
  std::string current;
  std::string previous;
};

// AWS's numeric state codes (0 pending, 16 running, 32 shutting-down, 48 terminated, 64 stopping,
// 80 stopped).
int instance_state_code(const std::string& state);

class InstanceService {
 public:
  InstanceService(ServiceDeps& deps, VolumeService& volumes);
  void register_work();

  Reservation run(const RequestContext& ctx, const RunInstancesRequest& request);
  ReservationPage describe(const RequestContext& ctx, const DescribeInstancesRequest& request);
  std::vector<InstanceStateChange> stop(const RequestContext& ctx,
                                        const std::vector<std::string>& ids, bool dry_run);
  std::vector<InstanceStateChange> start(const RequestContext& ctx,
                                         const std::vector<std::string>& ids, bool dry_run);
  void reboot(const RequestContext& ctx, const std::vector<std::string>& ids, bool dry_run);
  std::vector<InstanceStateChange> terminate(const RequestContext& ctx,
                                             const std::vector<std::string>& ids, bool dry_run);

 private:
  void advance(store::Transaction& tx, const store::WorkItem& item);
  std::vector<store::InstanceRow> load(store::Transaction& tx, const RequestContext& ctx,
                                       const std::vector<std::string>& ids);
  InstanceView view(store::Transaction& tx, store::InstanceRow row);
  void schedule_next(store::Transaction& tx, const std::string& instance_id, int64_t now_ms);

  ServiceDeps& deps_;
  VolumeService& volumes_;
};

}  // namespace ebs::ec2
