#include "ec2/snapshot_filters.hpp"

#include <algorithm>
#include <iterator>
#include <set>

#include "core/time_format.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/filter_match.hpp"
#include "store/ec2/tag_table.hpp"

namespace ebs::ec2 {
namespace {

const std::set<std::string>& known_names() {
  static const std::set<std::string> kNames = {
      "description", "encrypted",  "owner-alias", "owner-id",     "progress",
      "snapshot-id", "start-time", "status",      "storage-tier", "transfer-type",
      "tag-key",     "volume-id",  "volume-size"};
  return kNames;
}

}  // namespace

SnapshotFilter::SnapshotFilter(std::vector<Filter> filters) : filters_(std::move(filters)) {
  for (const auto& f : filters_) {
    if (is_tag_filter_name(f.name)) continue;
    if (!known_names().count(f.name)) throw invalid_filter(f.name);
  }
}

bool SnapshotFilter::has_tag_filter() const {
  for (const auto& f : filters_) {
    if (f.name.rfind("tag:", 0) == 0 || f.name == "tag-key") return true;
  }
  return false;
}

std::optional<std::vector<std::string>> SnapshotFilter::candidate_ids(
    store::Transaction& tx, const std::string& account, const std::string& region) const {
  std::optional<std::vector<std::string>> result;
  for (const auto& f : filters_) {
    std::vector<std::string> ids;
    if (f.name.rfind("tag:", 0) == 0) {
      std::string key = f.name.substr(4);
      for (const auto& value : f.values) {
        auto found = store::SnapshotTable::ids_with_tag(
            tx, account, region, key, is_literal(value) ? std::optional(value) : std::nullopt);
        ids.insert(ids.end(), found.begin(), found.end());
      }
    } else if (f.name == "tag-key") {
      bool glob = false;
      for (const auto& value : f.values) glob = glob || !is_literal(value);
      if (glob) continue;
      for (const auto& value : f.values) {
        auto found = store::SnapshotTable::ids_with_tag(tx, account, region, value, std::nullopt);
        ids.insert(ids.end(), found.begin(), found.end());
      }
    } else if (f.name == "snapshot-id") {
      bool glob = false;
      for (const auto& value : f.values) glob = glob || !is_literal(value);
      if (glob) continue;
      ids = f.values;
    } else {
      continue;
    }
    ids.erase(std::remove_if(ids.begin(), ids.end(),
                             [](const std::string& id) { return id.rfind("snap-", 0) != 0; }),
              ids.end());
    narrow_candidates(result, std::move(ids));
  }
  return result;
}

bool SnapshotFilter::matches(const store::SnapshotRow& s, int64_t progress,
                             const std::vector<std::pair<std::string, std::string>>& tags) const {
  for (const auto& f : filters_) {
    const auto& n = f.name;
    bool ok = false;
    if (auto tag = tag_filter_matches(f, tags)) {
      ok = *tag;
    } else {
      std::string value = n == "description"     ? s.description
                          : n == "encrypted"     ? (s.encrypted ? "true" : "false")
                          : n == "owner-alias"   ? ""
                          : n == "owner-id"      ? s.account
                          : n == "progress"      ? std::to_string(progress) + "%"
                          : n == "snapshot-id"   ? s.snapshot_id
                          : n == "start-time"    ? iso8601_ms(s.start_time)
                          : n == "status"        ? s.state
                          : n == "storage-tier"  ? s.storage_tier
                          : n == "transfer-type" ? (s.kind == "copy" ? "standard" : "")
                          : n == "volume-id"     ? s.volume_id
                                                 : std::to_string(s.volume_size);
      ok = any_matches(f.values, value);
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace ebs::ec2
