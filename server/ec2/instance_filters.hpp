// InstanceFilter: DescribeInstances' filters the emulator models (availability-zone,
// block-device-mapping.*, image-id, instance-id, instance-state-code, instance-state-name,
// instance-type, launch-time, reservation-id, root-device-name, root-device-type, tag:K, tag-key,
// owner-id). Unknown names are refused with InvalidParameterValue as EC2 does for
// DescribeInstances.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/filter.hpp"
#include "store/ec2/instance_table.hpp"
#include "store/ec2/volume_table.hpp"

namespace ebs::ec2 {

class InstanceFilter {
 public:
  explicit InstanceFilter(std::vector<Filter> filters);  // throws
  bool matches(const store::InstanceRow& instance,
               const std::vector<store::AttachmentRow>& block_devices,
               const std::vector<std::pair<std::string, std::string>>& tags) const;

 private:
  std::vector<Filter> filters_;
};

}  // namespace ebs::ec2
