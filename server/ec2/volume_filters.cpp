#include "ec2/volume_filters.hpp"

#include <algorithm>
#include <set>

#include "core/time_format.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/filter_match.hpp"
#include "store/ec2/tag_table.hpp"

namespace ebs::ec2 {
namespace {

const std::set<std::string>& known_names() {
  static const std::set<std::string> kNames = {"attachment.attach-time",
                                               "attachment.delete-on-termination",
                                               "attachment.device",
                                               "attachment.instance-id",
                                               "attachment.status",
                                               "availability-zone",
                                               "create-time",
                                               "encrypted",
                                               "fast-restored",
                                               "multi-attach-enabled",
                                               "size",
                                               "snapshot-id",
                                               "status",
                                               "tag-key",
                                               "volume-id",
                                               "volume-type",
                                               "iops",
                                               "throughput"};
  return kNames;
}

std::string str(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }

}  // namespace

namespace {

std::optional<store::VolumeTable::Column> coarse_column(const std::string& name) {
  using Column = store::VolumeTable::Column;
  if (name == "status") return Column::kState;
  if (name == "availability-zone") return Column::kAvailabilityZone;
  if (name == "volume-type") return Column::kVolumeType;
  if (name == "snapshot-id") return Column::kSnapshotId;
  return std::nullopt;
}

// Filters whose index gives few ids: the candidates come from them alone.
bool narrow(const Filter& f) {
  if (f.values.empty() || !std::all_of(f.values.begin(), f.values.end(), is_literal)) return false;
  if (f.name.rfind("tag:", 0) == 0 || f.name == "volume-id" || f.name == "attachment.instance-id") {
    return true;
  }
  if (f.name == "snapshot-id") {  // a real snapshot id narrows; '' (no snapshot) does not
    return std::none_of(f.values.begin(), f.values.end(),
                        [](const std::string& v) { return v.empty(); });
  }
  return false;
}

}  // namespace

VolumeFilter::VolumeFilter(std::vector<Filter> filters) : filters_(std::move(filters)) {
  for (const auto& f : filters_) {
    if (is_tag_filter_name(f.name)) continue;
    if (!known_names().count(f.name)) throw invalid_filter(f.name);
  }
}

std::optional<std::vector<std::string>> VolumeFilter::candidate_ids(
    store::Transaction& tx, const std::string& account, const std::string& region) const {
  using Column = store::VolumeTable::Column;
  auto all_literal = [](const Filter& f) {
    return !f.values.empty() && std::all_of(f.values.begin(), f.values.end(), is_literal);
  };
  std::optional<std::vector<std::string>> result;
  bool has_narrow = std::any_of(filters_.begin(), filters_.end(), narrow);
  for (const auto& f : filters_) {
    std::vector<std::string> ids;
    if (has_narrow && coarse_column(f.name) && !narrow(f)) continue;  // checked by matches()
    std::optional<Column> column;
    if (f.name == "status") column = Column::kState;
    if (f.name == "availability-zone") column = Column::kAvailabilityZone;
    if (f.name == "snapshot-id") column = Column::kSnapshotId;
    if (f.name == "volume-type") column = Column::kVolumeType;
    if (f.name.rfind("tag:", 0) == 0) {
      std::string key = f.name.substr(4);
      for (const auto& value : f.values) {
        auto found = store::TagTable::resources_with(
            tx, account, region, key, is_literal(value) ? std::optional(value) : std::nullopt);
        ids.insert(ids.end(), found.begin(), found.end());
      }
    } else if (f.name == "tag-key") {
      if (!all_literal(f)) continue;
      for (const auto& value : f.values) {
        auto found = store::TagTable::resources_with(tx, account, region, value, std::nullopt);
        ids.insert(ids.end(), found.begin(), found.end());
      }
    } else if (f.name == "volume-id") {
      if (!all_literal(f)) continue;
      ids = f.values;
    } else if (column) {
      if (!all_literal(f)) continue;
      for (const auto& value : f.values) {
        auto found = store::VolumeTable::ids_where(tx, account, region, *column, value);
        ids.insert(ids.end(), found.begin(), found.end());
      }
    } else if (f.name == "attachment.instance-id") {
      if (!all_literal(f)) continue;
      for (const auto& value : f.values) {
        auto found = store::VolumeTable::ids_attached_to(tx, value);
        ids.insert(ids.end(), found.begin(), found.end());
      }
    } else {
      continue;
    }
    narrow_candidates(result, std::move(ids));
  }
  return result;
}

std::optional<std::pair<store::VolumeTable::Column, std::string>> VolumeFilter::paging_index()
    const {
  for (const auto& f : filters_) {
    if (narrow(f) || f.name == "tag-key") return std::nullopt;  // candidate_ids serves these
  }
  for (const auto& f : filters_) {
    auto column = coarse_column(f.name);
    if (column && f.values.size() == 1 && is_literal(f.values[0])) {
      return std::make_pair(*column, f.values[0]);
    }
  }
  return std::nullopt;
}

bool VolumeFilter::matches(const store::VolumeRow& v,
                           const std::vector<std::pair<std::string, std::string>>& tags) const {
  for (const auto& f : filters_) {
    const auto& n = f.name;
    bool ok = false;
    if (auto tag = tag_filter_matches(f, tags)) {
      ok = *tag;
    } else if (n.rfind("attachment.", 0) == 0) {
      for (const auto& a : v.attachments) {
        std::string value = n == "attachment.attach-time"   ? iso8601_ms(a.attach_time)
                            : n == "attachment.device"      ? a.device
                            : n == "attachment.instance-id" ? a.instance_id
                            : n == "attachment.status"
                                ? a.state
                                : (a.delete_on_termination ? "true" : "false");
        ok = ok || any_matches(f.values, value);
      }
    } else {
      std::string value = n == "availability-zone"      ? v.availability_zone
                          : n == "create-time"          ? iso8601_ms(v.create_time)
                          : n == "encrypted"            ? (v.encrypted ? "true" : "false")
                          : n == "multi-attach-enabled" ? (v.multi_attach ? "true" : "false")
                          : n == "fast-restored"        ? "false"
                          : n == "size"                 ? std::to_string(v.size)
                          : n == "snapshot-id"          ? v.snapshot_id
                          : n == "status"               ? v.state
                          : n == "volume-id"            ? v.volume_id
                          : n == "iops"                 ? str(v.iops)
                          : n == "throughput"           ? str(v.throughput)
                                                        : v.volume_type;
      ok = any_matches(f.values, value);
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace ebs::ec2
