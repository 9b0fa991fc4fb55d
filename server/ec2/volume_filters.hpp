// VolumeFilter: DescribeVolumes' documented filters (attachment.*, availability-zone, create-time,
// encrypted, multi-attach-enabled, size, snapshot-id, status, tag:K, tag-key, volume-id,
// volume-type). Unknown names are refused with InvalidFilter. Filters with an index narrow the
// candidates (see candidate_ids / paging_index), so they stay fast at any number of volumes.
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
  // Ids that can match (sorted), from the indexes of the filters that narrow well (tag:K=V,
  // tag-key, volume-id, attachment.instance-id, snapshot-id=snap-x) intersected with the coarse
  // indexed ones (status, availability-zone, volume-type, snapshot-id); nullopt when no filter has
  // an index.
  std::optional<std::vector<std::string>> candidate_ids(store::Transaction& tx,
                                                        const std::string& account,
                                                        const std::string& region) const;
  // When only coarse indexed filters are present, one of them (a single literal value) to page
  // through its index in id order instead of materialising every id: a page reads what it shows.
  std::optional<std::pair<store::VolumeTable::Column, std::string>> paging_index() const;
  bool matches(const store::VolumeRow& volume,
               const std::vector<std::pair<std::string, std::string>>& tags) const;

 private:
  std::vector<Filter> filters_;
};

}  // namespace ebs::ec2
