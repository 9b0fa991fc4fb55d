#include "ec2/instance_service.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "core/time_format.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/instance_filters.hpp"
#include "ec2/regions.hpp"
#include "ec2/volume_types.hpp"
#include "ec2/work_kinds.hpp"
#include "store/ec2/tag_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kRootDevice = "/dev/xvda";
constexpr int64_t kMaxInstancesPerCall = 20;
constexpr const char* kUserShutdown =
    "Client.UserInitiatedShutdown|Client.UserInitiatedShutdown: User initiated shutdown";
constexpr const char* kInvalidKey =
    "Client.InvalidKMSKey.InvalidState|Client.InvalidKMSKey.InvalidState: The KMS key provided is "
    "in an incorrect state";

std::string user_initiated(int64_t now_ms) {
  std::string t = iso8601_s(now_ms);  // 2025-01-02T03:04:05Z
  t[10] = ' ';
  t.pop_back();
  return "User initiated (" + t + " GMT)";
}

void validate_tag_specs(const std::vector<TagSpecification>& specs) {
  for (const auto& spec : specs) {
    if (spec.resource_type != "instance" && spec.resource_type != "volume") {
      throw AwsError::invalid_parameter_value(
          "'" + spec.resource_type + "' is not a valid taggable resource type for this operation.");
    }
    for (const auto& tag : spec.tags) {
      if (tag.key.empty() || tag.key.size() > 127 || tag.value.size() > 256) {
        throw AwsError::invalid_parameter_value("Tag key must be between 1 and 127 characters");
      }
      if (tag.key.rfind("aws:", 0) == 0) {
        throw AwsError::invalid_parameter_value(
            "Tag keys starting with 'aws:' are reserved for internal use");
      }
    }
  }
}

std::vector<Tag> tags_for(const std::vector<TagSpecification>& specs, const std::string& type) {
  std::vector<Tag> out;
  for (const auto& spec : specs) {
    if (spec.resource_type == type) out.insert(out.end(), spec.tags.begin(), spec.tags.end());
  }
  return out;
}

LaunchVolume launch_volume(const BlockDeviceMappingRequest& m, const std::vector<Tag>& tags) {
  LaunchVolume v;
  v.device = m.device_name;
  v.size = m.volume_size.value_or(8);
  v.volume_type = m.volume_type.value_or("gp2");
  v.iops = m.iops;
  v.throughput = m.throughput;
  v.encrypted = m.encrypted.value_or(false) || m.kms_key_id.has_value();
  v.kms_key_id = m.kms_key_id;
  v.delete_on_termination = m.delete_on_termination.value_or(true);
  v.tags = tags;
  const VolumeTypeLimits* type = find_volume_type(v.volume_type);
  if (!type) throw AwsError::invalid_parameter_value(invalid_volume_type_message(v.volume_type));
  if (v.size < type->min_size || v.size > type->max_size) {
    throw AwsError::invalid_parameter_value("Volume of " + std::to_string(v.size) +
                                            "GiB is out of range for " + v.volume_type +
                                            " volumes.");
  }
  if ((v.volume_type == "io1" || v.volume_type == "io2") && !v.iops) {
    throw AwsError::missing_parameter("iops");
  }
  return v;
}

}  // namespace

int instance_state_code(const std::string& state) {
  if (state == "pending") return 0;
  if (state == "running") return 16;
  if (state == "shutting-down") return 32;
  if (state == "terminated") return 48;
  if (state == "stopping") return 64;
  return 80;  // stopped
}

InstanceService::InstanceService(ServiceDeps& deps, VolumeService& volumes)
    : deps_(deps), volumes_(volumes) {}

void InstanceService::register_work() {
  deps_.scheduler.on(
      work::kInstanceState,
      [this](store::Transaction& tx, const store::WorkItem& item) { advance(tx, item); });
}

void InstanceService::schedule_next(store::Transaction& tx, const std::string& instance_id,
                                    int64_t now_ms) {
  store::WorkQueue::remove_for_resource(tx, instance_id);
  deps_.scheduler.schedule(tx, work::kInstanceState, instance_id,
                           now_ms + deps_.config.timing.instance_ms);
}

InstanceView InstanceService::view(store::Transaction& tx, store::InstanceRow row) {
  InstanceView v;
  v.block_devices = store::VolumeTable::attachments_of_instance(tx, row.instance_id);
  v.tags = store::TagTable::for_resource(tx, row.instance_id);
  v.instance = std::move(row);
  return v;
}

Reservation InstanceService::run(const RequestContext& ctx, const RunInstancesRequest& request) {
  if (request.image_id.empty()) throw AwsError::missing_parameter("ImageId");
  if (request.image_id.rfind("ami-", 0) != 0) throw ami_id_malformed(request.image_id);
  if (!request.min_count) throw AwsError::missing_parameter("MinCount");
  if (!request.max_count) throw AwsError::missing_parameter("MaxCount");
  if (*request.min_count < 1) {
    throw AwsError::invalid_parameter_value(
        "Invalid value '" + std::to_string(*request.min_count) +
        "' for minCount. Requested instance count must be greater than zero.");
  }
  if (*request.max_count < *request.min_count) {
    throw AwsError::invalid_parameter_value(
        "Invalid value '" + std::to_string(*request.max_count) +
        "' for maxCount. maxCount must be greater than or equal to minCount.");
  }
  if (*request.min_count > kMaxInstancesPerCall) {
    throw AwsError("InstanceLimitExceeded", "You have requested more instances (" +
                                                std::to_string(*request.min_count) +
                                                ") than your current instance limit of " +
                                                std::to_string(kMaxInstancesPerCall) +
                                                " allows for the specified instance type.");
  }
  int64_t count = std::min(*request.max_count, kMaxInstancesPerCall);
  std::string zone = request.availability_zone.value_or(ctx.region + "a");
  if (!is_zone_of(zone, ctx.region)) {
    throw AwsError::invalid_parameter_value("Invalid availability zone: [" + zone + "]");
  }
  validate_tag_specs(request.tag_specifications);
  auto volume_tags = tags_for(request.tag_specifications, "volume");
  // The root volume (8 GiB gp2 unless its mapping says otherwise), then the data volumes.
  std::vector<LaunchVolume> volumes;
  BlockDeviceMappingRequest root;
  root.device_name = kRootDevice;
  std::set<std::string> devices;
  for (size_t i = 0; i < request.block_device_mappings.size(); ++i) {
    const auto& m = request.block_device_mappings[i];
    if (m.device_name.empty()) {
      throw AwsError::missing_parameter("BlockDeviceMapping." + std::to_string(i + 1) +
                                        ".DeviceName");
    }
    if (!devices.insert(m.device_name).second) {
      throw AwsError::invalid_parameter_value("The device '" + m.device_name +
                                              "' is used in more than one block-device mapping");
    }
    if (m.device_name == kRootDevice) root = m;
  }
  volumes.push_back(launch_volume(root, volume_tags));
  for (const auto& m : request.block_device_mappings) {
    if (m.device_name == kRootDevice || m.no_device || !m.has_ebs) continue;
    volumes.push_back(launch_volume(m, volume_tags));
  }
  if (request.dry_run) throw AwsError::dry_run();

  store::Transaction tx(deps_.db);
  Reservation reservation;
  reservation.owner_id = ctx.account;
  if (request.client_token) {
    auto existing =
        store::InstanceTable::by_client_token(tx, ctx.account, ctx.region, *request.client_token);
    if (!existing.empty()) {
      reservation.reservation_id = existing.front().reservation_id;
      for (auto& row : existing) reservation.instances.push_back(view(tx, std::move(row)));
      tx.commit();
      return reservation;
    }
  }
  reservation.reservation_id = deps_.ids.resource_id("r");
  auto instance_tags = tags_for(request.tag_specifications, "instance");
  for (int64_t n = 0; n < count; ++n) {
    store::InstanceRow row;
    row.instance_id = deps_.ids.resource_id("i");
    row.account = ctx.account;
    row.region = ctx.region;
    row.reservation_id = reservation.reservation_id;
    row.image_id = request.image_id;
    row.instance_type = request.instance_type;
    row.availability_zone = zone;
    row.state = "pending";
    row.launch_time = ctx.now_ms;
    row.root_device_name = kRootDevice;
    row.launch_index = n;
    row.client_token = request.client_token;
    store::InstanceTable::insert(tx, row);
    for (const auto& tag : instance_tags) {
      store::TagTable::put(tx, ctx.account, ctx.region,
                           {row.instance_id, "instance", tag.key, tag.value});
    }
    for (const auto& spec : volumes) {
      volumes_.create_for_launch(tx, ctx, zone, row.instance_id, spec);
    }
    schedule_next(tx, row.instance_id, ctx.now_ms);
    reservation.instances.push_back(view(tx, std::move(row)));
  }
  tx.commit();
  spdlog::debug("reservation {}: {} instance(s) pending", reservation.reservation_id, count);
  return reservation;
}

void InstanceService::advance(store::Transaction& tx, const store::WorkItem& item) {
  auto row = store::InstanceTable::by_id(tx, item.resource);
  if (!row) return;
  if (row->state == "pending") {
    for (const auto& a : store::VolumeTable::attachments_of_instance(tx, row->instance_id)) {
      if (a.device != row->root_device_name) continue;
      auto root = store::VolumeTable::by_id(tx, a.volume_id);
      if (root && volumes_.key_problem(tx, *root)) {
        // AWS: pending -> terminated, reason Client.InvalidKMSKey.InvalidState.
        volumes_.release_instance_volumes(tx, row->instance_id);
        store::InstanceTable::set_state(tx, row->instance_id, "terminated", "", kInvalidKey);
        return;
      }
    }
    volumes_.reattach_instance_volumes(tx, row->instance_id);  // a start after a stop
    volumes_.complete_launch_attachments(tx, row->instance_id);
    store::InstanceTable::set_state(tx, row->instance_id, "running", "", "");
  } else if (row->state == "stopping") {
    store::InstanceTable::set_state(tx, row->instance_id, "stopped", row->transition_reason,
                                    kUserShutdown);
  } else if (row->state == "shutting-down") {
    volumes_.release_instance_volumes(tx, row->instance_id);
    store::InstanceTable::set_state(tx, row->instance_id, "terminated", row->transition_reason,
                                    kUserShutdown);
  }
}

std::vector<store::InstanceRow> InstanceService::load(store::Transaction& tx,
                                                      const RequestContext& ctx,
                                                      const std::vector<std::string>& ids) {
  if (ids.empty()) throw AwsError::missing_parameter("InstanceId");
  std::vector<store::InstanceRow> rows;
  std::vector<std::string> missing;
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (id.rfind("i-", 0) != 0) throw instance_id_malformed(id);
    if (!seen.insert(id).second) continue;
    auto row = store::InstanceTable::get(tx, ctx.account, ctx.region, id);
    if (!row) {
      missing.push_back(id);
    } else {
      rows.push_back(std::move(*row));
    }
  }
  if (missing.size() == 1) throw instance_not_found(missing.front());
  if (!missing.empty()) {
    std::string list;
    for (const auto& id : missing) list += (list.empty() ? "" : ", ") + id;
    throw AwsError("InvalidInstanceID.NotFound", "The instance IDs '" + list + "' do not exist");
  }
  return rows;
}

std::vector<InstanceStateChange> InstanceService::stop(const RequestContext& ctx,
                                                       const std::vector<std::string>& ids,
                                                       bool dry_run) {
  store::Transaction tx(deps_.db);
  auto rows = load(tx, ctx, ids);
  for (const auto& r : rows) {
    if (r.state == "pending") {
      throw incorrect_instance_state("Instance '" + r.instance_id +
                                     "' cannot be stopped as it has never reached the 'running' "
                                     "state.");
    }
    if (r.state == "shutting-down" || r.state == "terminated") {
      throw incorrect_instance_state("The instance '" + r.instance_id +
                                     "' is not in a state from which it can be stopped.");
    }
  }
  if (dry_run) throw AwsError::dry_run();
  std::vector<InstanceStateChange> changes;
  for (const auto& r : rows) {
    if (r.state == "running") {
      store::InstanceTable::set_state(tx, r.instance_id, "stopping", user_initiated(ctx.now_ms),
                                      "");
      schedule_next(tx, r.instance_id, ctx.now_ms);
      changes.push_back({r.instance_id, "stopping", r.state});
    } else {
      changes.push_back({r.instance_id, r.state, r.state});
    }
  }
  tx.commit();
  return changes;
}

std::vector<InstanceStateChange> InstanceService::start(const RequestContext& ctx,
                                                        const std::vector<std::string>& ids,
                                                        bool dry_run) {
  store::Transaction tx(deps_.db);
  auto rows = load(tx, ctx, ids);
  for (const auto& r : rows) {
    if (r.state != "stopped" && r.state != "pending" && r.state != "running") {
      throw incorrect_instance_state("The instance '" + r.instance_id +
                                     "' is not in a state from which it can be started.");
    }
  }
  if (dry_run) throw AwsError::dry_run();
  std::vector<InstanceStateChange> changes;
  for (const auto& r : rows) {
    if (r.state == "stopped") {
      store::InstanceTable::set_state(tx, r.instance_id, "pending", "", "");
      schedule_next(tx, r.instance_id, ctx.now_ms);
      changes.push_back({r.instance_id, "pending", r.state});
    } else {
      changes.push_back({r.instance_id, r.state, r.state});
    }
  }
  tx.commit();
  return changes;
}

void InstanceService::reboot(const RequestContext& ctx, const std::vector<std::string>& ids,
                             bool dry_run) {
  store::Transaction tx(deps_.db);
  auto rows = load(tx, ctx, ids);
  for (const auto& r : rows) {
    if (r.state == "terminated" || r.state == "shutting-down") {
      throw incorrect_instance_state("The instance '" + r.instance_id +
                                     "' is not in a state from which it can be rebooted.");
    }
  }
  if (dry_run) throw AwsError::dry_run();
  for (const auto& r : rows) {
    if (r.state == "running") volumes_.reattach_instance_volumes(tx, r.instance_id);
  }
  tx.commit();  // a reboot keeps the instance running: no state change is visible
}

std::vector<InstanceStateChange> InstanceService::terminate(const RequestContext& ctx,
                                                            const std::vector<std::string>& ids,
                                                            bool dry_run) {
  store::Transaction tx(deps_.db);
  auto rows = load(tx, ctx, ids);
  if (dry_run) throw AwsError::dry_run();
  std::vector<InstanceStateChange> changes;
  for (const auto& r : rows) {
    if (r.state == "terminated" || r.state == "shutting-down") {
      changes.push_back({r.instance_id, r.state, r.state});
      continue;
    }
    store::InstanceTable::set_state(tx, r.instance_id, "shutting-down", user_initiated(ctx.now_ms),
                                    "");
    schedule_next(tx, r.instance_id, ctx.now_ms);
    changes.push_back({r.instance_id, "shutting-down", r.state});
  }
  tx.commit();
  return changes;
}

ReservationPage InstanceService::describe(const RequestContext& ctx,
                                          const DescribeInstancesRequest& request) {
  check_max_results(request.max_results, 5, 1000, !request.instance_ids.empty(), "instancesSet");
  InstanceFilter filter(request.filters);
  std::string after;
  if (request.next_token) {
    if (request.next_token->rfind("i-", 0) != 0) throw invalid_next_token(*request.next_token);
    after = *request.next_token;
  }
  if (request.dry_run) throw AwsError::dry_run();
  int64_t limit = request.max_results.value_or(0);
  store::Transaction tx(deps_.db);
  std::vector<store::InstanceRow> rows;
  if (!request.instance_ids.empty()) {
    rows = load(tx, ctx, request.instance_ids);
  } else {
    rows = store::InstanceTable::list(tx, ctx.account, ctx.region, after, 0);
  }
  ReservationPage page;
  std::map<std::string, size_t> index;  // reservation id -> position in page.reservations
  int64_t taken = 0;
  std::string last;
  for (auto& row : rows) {
    InstanceView v = view(tx, std::move(row));
    if (!filter.matches(v.instance, v.block_devices, v.tags)) continue;
    if (limit > 0 && taken == limit) {
      page.next_token = last;
      break;
    }
    ++taken;
    last = v.instance.instance_id;
    auto [it, added] = index.emplace(v.instance.reservation_id, page.reservations.size());
    if (added) page.reservations.push_back({v.instance.reservation_id, v.instance.account, {}});
    page.reservations[it->second].instances.push_back(std::move(v));
  }
  tx.commit();
  return page;
}

}  // namespace ebs::ec2
