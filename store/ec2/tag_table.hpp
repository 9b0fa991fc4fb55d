// TagTable: EC2 resource tags (volumes, snapshots, instances), shared by CreateTags, DeleteTags,
// DescribeTags, TagSpecifications and the `tag:K` / `tag-key` filters (served from an index).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
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
                                                 const std::string& region, const std::string& key,
                                                 const std::optional<std::string>& value);
  static std::vector<TagRow> list(Transaction& tx, const std::string& account,
                                  const std::string& region);
  // Tags of an account+region after (after_resource, after_key) in (resource_id, key) order, at
  // most `limit` (0 = all): DescribeTags' pages.
  static std::vector<TagRow> page(Transaction& tx, const std::string& account,
                                  const std::string& region, const std::string& after_resource,
                                  const std::string& after_key, int64_t limit);
  // Full rows of one resource (ordered by key), and of every resource having `key`.
  static std::vector<TagRow> rows_of(Transaction& tx, const std::string& account,
                                     const std::string& region, const std::string& resource_id);
  static std::vector<TagRow> rows_with_key(Transaction& tx, const std::string& account,
                                           const std::string& region, const std::string& key);
  static void remove_all(Transaction& tx, const std::string& resource_id);
  // The tags of many resources with one query: resource id -> (key, value) ordered by key.
  static std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>>
  for_resources(Transaction& tx, const std::vector<std::string>& resource_ids);
};

}  // namespace ebs::store
