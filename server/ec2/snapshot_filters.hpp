// SnapshotFilter: DescribeSnapshots' documented filters (description, encrypted, owner-alias,
// owner-id, progress, snapshot-id, start-time, status, storage-tier, transfer-type, tag:K, tag-key,
// volume-id, volume-size). Unknown names are refused with InvalidFilter. Tag filters (and
// snapshot-id) narrow the candidates through indexes, so they stay fast at any number of snapshots.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/filter.hpp"
#include "store/ec2/snapshot_table.hpp"

namespace ebs::ec2 {

class SnapshotFilter {
 public:
  explicit SnapshotFilter(std::vector<Filter> filters);  // throws InvalidFilter
  bool empty() const { return filters_.empty(); }
  bool has_tag_filter() const;
  // Ids that can match (sorted), from the tag index (own snapshots) and snapshot-id values, when
  // such a filter is present; else nullopt.
  std::optional<std::vector<std::string>> candidate_ids(store::Transaction& tx,
                                                        const std::string& account,
                                                        const std::string& region) const;
  bool matches(const store::SnapshotRow& s, int64_t progress,
               const std::vector<std::pair<std::string, std::string>>& tags) const;

 private:
  std::vector<Filter> filters_;
};

}  // namespace ebs::ec2
