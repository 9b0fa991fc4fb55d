// VolumeService: deletion (deleting -> deleted, the deleteVolume event) and attachments (attaching
// -> attached -> detaching -> detached, the volume available <-> in-use), including the volumes
// that RunInstances creates and TerminateInstances releases.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "ec2/ebs_events.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/volume_service.hpp"
#include "ec2/work_kinds.hpp"
#include "store/ec2/instance_table.hpp"
#include "store/ec2/tag_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::ec2 {
namespace {

std::string payload(std::initializer_list<std::pair<const char*, std::string>> fields) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : fields) j[k] = v;
  return j.dump();
}

std::string field(const std::string& payload, const char* name) {
  auto j = nlohmann::json::parse(payload, nullptr, false);
  if (j.is_discarded() || !j.contains(name) || !j[name].is_string()) return "";
  return j[name].get<std::string>();
}

void check_volume_id(const std::string& id) {
  if (id.empty()) throw AwsError::missing_parameter("VolumeId");
  if (id.rfind("vol-", 0) != 0) throw volume_id_malformed(id);
}

void check_instance_id(const std::string& id) {
  if (id.empty()) throw AwsError::missing_parameter("InstanceId");
  if (id.rfind("i-", 0) != 0) throw instance_id_malformed(id);
}

}  // namespace

void VolumeService::remove(const RequestContext& ctx, const DeleteVolumeRequest& request) {
  check_volume_id(request.volume_id);
  store::Transaction tx(deps_.db);
  auto v = store::VolumeTable::get(tx, ctx.account, ctx.region, request.volume_id);
  if (!v) throw volume_not_found(request.volume_id);
  if (!v->attachments.empty()) {
    throw volume_in_use("Volume " + v->volume_id + " is currently attached to " +
                        v->attachments.front().instance_id);
  }
  if (v->state == "deleting") {  // already on its way: nothing new to do
    if (request.dry_run) throw AwsError::dry_run();
    tx.commit();
    return;
  }
  if (v->state != "available" && v->state != "error") {
    throw incorrect_state("The volume '" + v->volume_id + "' is '" + v->state + "'.");
  }
  if (request.dry_run) throw AwsError::dry_run();
  store::VolumeTable::set_state(tx, v->volume_id, "deleting");
  deps_.scheduler.schedule(tx, work::kVolumeDelete, v->volume_id,
                           ctx.now_ms + deps_.config.timing.volume_delete_ms,
                           payload({{"request_id", ctx.request_id}}));
  tx.commit();
}

void VolumeService::finish_delete(store::Transaction& tx, const store::WorkItem& item) {
  auto v = store::VolumeTable::by_id(tx, item.resource);
  if (!v || v->state != "deleting") return;
  delete_now(tx, *v, field(item.payload, "request_id"));
}

void VolumeService::delete_now(store::Transaction& tx, const store::VolumeRow& v,
                               const std::string& request_id) {
  // The volume passes through `deleted` and, as in AWS, soon reads as NotFound: the row goes at
  // once.
  store::VolumeTable::remove(tx, v.volume_id);
  if (initialization_.deleted) initialization_.deleted(tx, v.volume_id);
  for (const auto& w : store::WorkQueue::for_resource(tx, v.volume_id)) {
    store::WorkQueue::remove(tx, w.id);
  }
  publish_volume_notification(
      deps_, tx, {v.account, v.region, v.volume_id, "deleteVolume", "deleted", "", request_id, {}});
  spdlog::debug("volume {} deleted", v.volume_id);
}

store::AttachmentRow VolumeService::attach(const RequestContext& ctx,
                                           const AttachVolumeRequest& request) {
  if (request.device.empty()) throw AwsError::missing_parameter("Device");
  check_instance_id(request.instance_id);
  check_volume_id(request.volume_id);
  store::Transaction tx(deps_.db);
  auto v = store::VolumeTable::get(tx, ctx.account, ctx.region, request.volume_id);
  if (!v) throw volume_not_found(request.volume_id);
  auto instance = store::InstanceTable::get(tx, ctx.account, ctx.region, request.instance_id);
  if (!instance || instance->state == "terminated") throw instance_not_found(request.instance_id);
  if (v->state == "in-use") {
    bool here = false;
    for (const auto& a : v->attachments) here = here || a.instance_id == request.instance_id;
    if (!v->multi_attach || here) {
      throw volume_in_use(v->volume_id + " is already attached to an instance");
    }
    if (v->attachments.size() >= 16) {
      throw AwsError("AttachmentLimitExceeded",
                     "Volume " + v->volume_id + " has reached its attachment limit.");
    }
  } else if (v->state != "available") {
    throw volume_not_available(v->volume_id);
  }
  if (instance->state != "running" && instance->state != "stopped") {
    throw instance_not_running(instance->instance_id);
  }
  if (v->availability_zone != instance->availability_zone) {
    throw zone_mismatch(v->volume_id, instance->instance_id);
  }
  for (const auto& a : store::VolumeTable::attachments_of_instance(tx, instance->instance_id)) {
    if (a.device == request.device) {
      throw AwsError::invalid_parameter_value("Invalid value '" + request.device +
                                              "' for unixDevice. Attachment point " +
                                              request.device + " is already in use");
    }
  }
  if (request.dry_run) throw AwsError::dry_run();
  store::AttachmentRow a{
      v->volume_id, instance->instance_id, request.device, "attaching", ctx.now_ms, false};
  store::VolumeTable::put_attachment(tx, a);
  store::VolumeTable::set_state(tx, v->volume_id, "in-use");
  deps_.scheduler.schedule(tx, work::kVolumeAttach, v->volume_id,
                           ctx.now_ms + deps_.config.timing.attach_ms,
                           payload({{"instance_id", instance->instance_id}}));
  tx.commit();
  return a;
}

void VolumeService::finish_attach(store::Transaction& tx, const store::WorkItem& item) {
  auto v = store::VolumeTable::by_id(tx, item.resource);
  if (!v) return;
  std::string instance_id = field(item.payload, "instance_id");
  for (auto a : v->attachments) {
    if (a.instance_id != instance_id || a.state != "attaching") continue;
    if (auto problem = key_problem(tx, *v)) {
      // The key became unusable: the attachment fails and the volume is left as it was.
      store::VolumeTable::remove_attachment(tx, v->volume_id, instance_id);
      if (v->attachments.size() == 1) store::VolumeTable::set_state(tx, v->volume_id, "available");
      publish_volume_notification(deps_, tx,
                                  {v->account,
                                   v->region,
                                   v->volume_id,
                                   "attachVolume",
                                   "failed",
                                   problem->cause,
                                   "",
                                   {problem->key_arn}});
      return;
    }
    a.state = "attached";
    store::VolumeTable::put_attachment(tx, a);
  }
}

store::AttachmentRow VolumeService::detach(const RequestContext& ctx,
                                           const DetachVolumeRequest& request) {
  check_volume_id(request.volume_id);
  if (request.instance_id) check_instance_id(*request.instance_id);
  store::Transaction tx(deps_.db);
  auto v = store::VolumeTable::get(tx, ctx.account, ctx.region, request.volume_id);
  if (!v) throw volume_not_found(request.volume_id);
  if (request.instance_id) {
    auto instance = store::InstanceTable::get(tx, ctx.account, ctx.region, *request.instance_id);
    if (!instance) throw instance_not_found(*request.instance_id);
  }
  if (v->attachments.empty()) throw volume_not_attached(v->volume_id, v->state);
  const store::AttachmentRow* chosen = nullptr;
  for (const auto& a : v->attachments) {
    if (request.instance_id && a.instance_id != *request.instance_id) continue;
    if (request.device && a.device != *request.device) continue;
    chosen = &a;
    break;
  }
  if (!chosen) {
    throw attachment_not_found(v->volume_id,
                               request.instance_id.value_or(v->attachments.front().instance_id));
  }
  if (!request.instance_id && v->attachments.size() > 1) {
    throw AwsError::invalid_parameter_combination(
        "The volume " + v->volume_id +
        " is attached to more than one instance: specify the parameter InstanceId.");
  }
  store::AttachmentRow a = *chosen;
  if (a.state == "attaching") {
    throw incorrect_state("Volume '" + v->volume_id + "' is in the 'attaching' state.");
  }
  if (request.dry_run) throw AwsError::dry_run();
  if (a.state == "detaching") {  // already detaching: report it again
    tx.commit();
    return a;
  }
  a.state = "detaching";
  store::VolumeTable::put_attachment(tx, a);
  deps_.scheduler.schedule(tx, work::kVolumeDetach, v->volume_id,
                           ctx.now_ms + deps_.config.timing.detach_ms,
                           payload({{"instance_id", a.instance_id}}));
  tx.commit();
  return a;
}

void VolumeService::finish_detach(store::Transaction& tx, const store::WorkItem& item) {
  auto v = store::VolumeTable::by_id(tx, item.resource);
  if (!v) return;
  std::string instance_id = field(item.payload, "instance_id");
  size_t left = 0;
  for (const auto& a : v->attachments) {
    if (a.instance_id == instance_id && a.state == "detaching") {
      store::VolumeTable::remove_attachment(tx, v->volume_id, instance_id);
    } else {
      ++left;
    }
  }
  if (left == 0 && v->state == "in-use") {
    store::VolumeTable::set_state(tx, v->volume_id, "available");
  }
}

void VolumeService::complete_launch_attachments(store::Transaction& tx,
                                                const std::string& instance_id) {
  for (auto a : store::VolumeTable::attachments_of_instance(tx, instance_id)) {
    if (a.state != "attaching") continue;
    a.state = "attached";
    store::VolumeTable::put_attachment(tx, a);
  }
}

void VolumeService::reattach_instance_volumes(store::Transaction& tx,
                                              const std::string& instance_id) {
  for (const auto& a : store::VolumeTable::attachments_of_instance(tx, instance_id)) {
    if (a.state != "attached") continue;
    auto v = store::VolumeTable::by_id(tx, a.volume_id);
    if (!v) continue;
    if (auto problem = key_problem(tx, *v)) {
      // The attachment stays as it was; the event is the signal (aws-facts A.2).
      publish_volume_notification(deps_, tx,
                                  {v->account,
                                   v->region,
                                   v->volume_id,
                                   "reattachVolume",
                                   "failed",
                                   problem->cause,
                                   "",
                                   {problem->key_arn}});
    }
  }
}

void VolumeService::release_instance_volumes(store::Transaction& tx,
                                             const std::string& instance_id) {
  for (const auto& a : store::VolumeTable::attachments_of_instance(tx, instance_id)) {
    auto v = store::VolumeTable::by_id(tx, a.volume_id);
    if (!v) continue;
    if (a.delete_on_termination) {
      delete_now(tx, *v, "");
      continue;
    }
    store::VolumeTable::remove_attachment(tx, a.volume_id, instance_id);
    if (v->attachments.size() <= 1) store::VolumeTable::set_state(tx, v->volume_id, "available");
  }
}

}  // namespace ebs::ec2
