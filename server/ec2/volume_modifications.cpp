// VolumeService: ModifyVolume and DescribeVolumesModifications. A modification goes modifying ->
// optimizing (the volume takes its new size/type/iops/throughput; modifyVolume `optimizing` event)
// -> completed (modifyVolume `completed` event), each step a scheduler row.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/time_format.hpp"
#include "ec2/ebs_events.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/volume_service.hpp"
#include "ec2/volume_types.hpp"
#include "ec2/work_kinds.hpp"

namespace ebs::ec2 {
namespace {

const std::set<std::string>& modification_filter_names() {
  static const std::set<std::string> kNames = {"modification-state",
                                               "original-iops",
                                               "original-size",
                                               "original-volume-type",
                                               "original-throughput",
                                               "original-multi-attach-enabled",
                                               "start-time",
                                               "target-iops",
                                               "target-size",
                                               "target-volume-type",
                                               "target-throughput",
                                               "target-multi-attach-enabled",
                                               "volume-id"};
  return kNames;
}

std::string str(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string str(bool b) { return b ? "true" : "false"; }

bool modification_matches(const std::vector<Filter>& filters,
                          const store::VolumeModificationRow& m) {
  for (const auto& f : filters) {
    const auto& n = f.name;
    std::string value = n == "modification-state"              ? m.state
                        : n == "original-iops"                 ? str(m.original_iops)
                        : n == "original-size"                 ? std::to_string(m.original_size)
                        : n == "original-volume-type"          ? m.original_volume_type
                        : n == "original-throughput"           ? str(m.original_throughput)
                        : n == "original-multi-attach-enabled" ? str(m.original_multi_attach)
                        : n == "start-time"                    ? iso8601_ms(m.start_time)
                        : n == "target-iops"                   ? str(m.target_iops)
                        : n == "target-size"                   ? std::to_string(m.target_size)
                        : n == "target-volume-type"            ? m.target_volume_type
                        : n == "target-throughput"             ? str(m.target_throughput)
                        : n == "target-multi-attach-enabled"   ? str(m.target_multi_attach)
                                                               : m.volume_id;
    bool ok = false;
    for (const auto& p : f.values) ok = ok || filter_value_matches(p, value);
    if (!ok) return false;
  }
  return true;
}

}  // namespace

store::VolumeModificationRow VolumeService::modify(const RequestContext& ctx,
                                                   const ModifyVolumeRequest& request) {
  if (request.volume_id.empty()) throw AwsError::missing_parameter("VolumeId");
  if (request.volume_id.rfind("vol-", 0) != 0) throw volume_id_malformed(request.volume_id);
  store::Transaction tx(deps_.db);
  auto v = store::VolumeTable::get(tx, ctx.account, ctx.region, request.volume_id);
  if (!v) throw volume_not_found(request.volume_id);
  if (v->state != "available" && v->state != "in-use") {
    throw incorrect_state("Volume '" + v->volume_id + "' is in the '" + v->state + "' state.");
  }
  if (auto current = store::VolumeModificationTable::get(tx, ctx.account, ctx.region, v->volume_id);
      current && (current->state == "modifying" || current->state == "optimizing")) {
    throw incorrect_modification_state(v->volume_id, current->state);
  }

  store::VolumeModificationRow m;
  m.volume_id = v->volume_id;
  m.account = v->account;
  m.region = v->region;
  m.state = "modifying";
  m.original_size = v->size;
  m.original_iops = v->iops;
  m.original_volume_type = v->volume_type;
  m.original_throughput = v->throughput;
  m.original_multi_attach = v->multi_attach;
  m.target_size = request.size.value_or(v->size);
  m.target_volume_type = request.volume_type.value_or(v->volume_type);
  m.target_multi_attach = request.multi_attach.value_or(v->multi_attach);

  const VolumeTypeLimits* type = find_volume_type(m.target_volume_type);
  if (!type)
    throw AwsError::invalid_parameter_value(invalid_volume_type_message(m.target_volume_type));
  if (m.target_size < v->size) {
    throw AwsError::invalid_parameter_value("New size cannot be smaller than existing size");
  }
  if (m.target_size < type->min_size || m.target_size > type->max_size) {
    throw AwsError::invalid_parameter_value(
        "Volume of " + std::to_string(m.target_size) + "GiB is too " +
        (m.target_size < type->min_size ? "small" : "large") + "; minimum is " +
        std::to_string(type->min_size) + "GiB and maximum is " + std::to_string(type->max_size) +
        "GiB.");
  }
  bool provisioned = m.target_volume_type == "io1" || m.target_volume_type == "io2";
  if (request.iops && !provisioned && m.target_volume_type != "gp3") {
    throw AwsError::invalid_parameter_combination("The parameter iops is not supported for " +
                                                  m.target_volume_type + " volumes.");
  }
  if (request.throughput && m.target_volume_type != "gp3") {
    throw AwsError::invalid_parameter_combination("The parameter throughput is not supported for " +
                                                  m.target_volume_type + " volumes.");
  }
  if (m.target_multi_attach && !provisioned) {
    throw AwsError::invalid_parameter_combination(
        "The parameter MultiAttachEnabled is only supported with io1 and io2 volumes.");
  }
  // Targets: what was asked, else what the volume keeps (iops/throughput defaults follow the type).
  if (request.iops) {
    m.target_iops = request.iops;
  } else if (m.target_volume_type == m.original_volume_type) {
    m.target_iops = v->iops;
  } else if (m.target_volume_type == "gp3") {
    m.target_iops = 3000;
  } else if (m.target_volume_type == "gp2") {
    m.target_iops = std::clamp<int64_t>(m.target_size * 3, 100, 16000);
  } else if (provisioned) {
    m.target_iops = v->iops ? v->iops : std::optional<int64_t>(3000);
  }
  if (m.target_volume_type == "gp2" && !request.iops) {
    m.target_iops = std::clamp<int64_t>(m.target_size * 3, 100, 16000);
  }
  if (m.target_volume_type == "gp3") {
    m.target_throughput = request.throughput ? request.throughput
                          : v->throughput    ? v->throughput
                                             : std::optional<int64_t>(125);
  }
  bool changed = m.target_size != m.original_size ||
                 m.target_volume_type != m.original_volume_type ||
                 m.target_iops != m.original_iops || m.target_throughput != m.original_throughput ||
                 m.target_multi_attach != m.original_multi_attach;
  if (!changed) {
    throw AwsError::invalid_parameter_combination(
        "New configuration for volume " + v->volume_id +
        " is the same as the current one: modify at least one of size, type, iops, throughput "
        "or multi-attach.");
  }
  if (request.dry_run) throw AwsError::dry_run();
  m.progress = 0;
  m.start_time = ctx.now_ms;
  m.request_id = ctx.request_id;
  store::VolumeModificationTable::put(tx, m);
  deps_.scheduler.schedule(tx, work::kVolumeModify, v->volume_id,
                           ctx.now_ms + deps_.config.timing.modify_ms);
  tx.commit();
  return m;
}

void VolumeService::advance_modification(store::Transaction& tx, const store::WorkItem& item) {
  auto m = store::VolumeModificationTable::by_id(tx, item.resource);
  auto v = store::VolumeTable::by_id(tx, item.resource);
  if (!m || !v) return;
  int64_t now = deps_.clock.now_ms();
  if (m->state == "modifying") {
    v->size = m->target_size;
    v->volume_type = m->target_volume_type;
    v->iops = m->target_iops;
    v->throughput = m->target_throughput;
    v->multi_attach = m->target_multi_attach;
    store::VolumeTable::update(tx, *v);
    m->state = "optimizing";
    m->progress = 50;
    store::VolumeModificationTable::put(tx, *m);
    deps_.scheduler.schedule(tx, work::kVolumeModify, v->volume_id,
                             now + deps_.config.timing.modify_ms);
  } else if (m->state == "optimizing") {
    m->state = "completed";
    m->progress = 100;
    m->end_time = now;
    store::VolumeModificationTable::put(tx, *m);
  } else {
    return;
  }
  publish_volume_notification(
      deps_, tx,
      {v->account, v->region, v->volume_id, "modifyVolume", m->state, "", m->request_id, {}});
}

VolumeModificationPage VolumeService::describe_modifications(
    const RequestContext& ctx, const DescribeVolumesModificationsRequest& request) {
  for (const auto& f : request.filters) {
    if (!modification_filter_names().count(f.name)) throw invalid_filter(f.name);
  }
  check_max_results(request.max_results, 1, 500);
  std::string after;
  if (request.next_token) {
    if (request.next_token->rfind("vol-", 0) != 0) throw invalid_next_token(*request.next_token);
    after = *request.next_token;
  }
  if (request.dry_run) throw AwsError::dry_run();
  int64_t limit = request.max_results.value_or(0);
  store::Transaction tx(deps_.db);
  std::vector<store::VolumeModificationRow> rows;
  if (!request.volume_ids.empty()) {
    std::set<std::string> seen;
    for (const auto& id : request.volume_ids) {
      if (id.rfind("vol-", 0) != 0) throw volume_id_malformed(id);
      if (!seen.insert(id).second) continue;
      if (!store::VolumeTable::get(tx, ctx.account, ctx.region, id)) throw volume_not_found(id);
      auto m = store::VolumeModificationTable::get(tx, ctx.account, ctx.region, id);
      if (!m) throw modification_not_found(id);
      if (id > after) rows.push_back(std::move(*m));
    }
  } else {
    rows = store::VolumeModificationTable::list(tx, ctx.account, ctx.region, after, 0);
  }
  tx.commit();
  VolumeModificationPage page;
  for (auto& m : rows) {
    if (!modification_matches(request.filters, m)) continue;
    if (limit > 0 && static_cast<int64_t>(page.modifications.size()) == limit) {
      page.next_token = page.modifications.back().volume_id;
      break;
    }
    page.modifications.push_back(std::move(m));
  }
  return page;
}

}  // namespace ebs::ec2
