// TagTable: EC2 resource tags (volumes, snapshots, instances), shared by CreateTags, DeleteTags,
// DescribeTags, TagSpecifications and the `tag:K` / `tag-key` filters (served from an index).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct TagRow {
  std::string resource_id;
  std::string resource_type;
  std::string key;
  std::string value;
};

class TagTable {
 public:
  static void put(Transaction& tx, const std::string& account, const std::string& region,
                  const TagRow& tag);
  // Removes `key` from the resource; when `value` is given, only if the value matches.
  static void remove(Transaction& tx, const std::string& resource_id, const std::string& key,
                     const std::optional<std::string>& value);
  static std::vector<std::pair<std::string, std::string>> for_resource(
      Transaction& tx, const std::string& resource_id);
  // Resource ids in account+region with tag key (and value when given).
  static std::vector<std::string> resources_with(Transaction& tx, const std::string& account,
                                                 const std::string& region,
                                                 const std::string& key,
                                                 const std::optional<std::string>& value);
  static std::vector<TagRow> list(Transaction& tx, const std::string& account,
                                  const std::string& region);
};

}  // namespace ebs::store
