// VolumeFilter: DescribeVolumes' documented filters (attachment.*, availability-zone, create-time,
// encrypted, multi-attach-enabled, size, snapshot-id, status, tag:K, tag-key, volume-id,
// volume-type). Unknown names are refused with InvalidFilter. Tag filters narrow the candidates
// through the tag index, so they stay fast at any number of volumes.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/filter.hpp"
#include "store/ec2/volume_table.hpp"

namespace ebs::ec2 {

class VolumeFilter {
 public:
  explicit VolumeFilter(std::vector<Filter> filters);  // throws InvalidFilter
  bool empty() const { return filters_.empty(); }
  // Ids that can match, from the tag index, when a tag filter is present (sorted); else nullopt.
  std::optional<std::vector<std::string>> candidate_ids(store::Transaction& tx,
                                                        const std::string& account,
                                                        const std::string& region) const;
  bool matches(const store::VolumeRow& volume,
               const std::vector<std::pair<std::string, std::string>>& tags) const;

 private:
  std::vector<Filter> filters_;
};

}  // namespace ebs::ec2
