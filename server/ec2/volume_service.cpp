#include "ec2/volume_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "ec2/ec2_errors.hpp"
#include "ec2/regions.hpp"
#include "ec2/volume_filters.hpp"
#include "store/ec2/tag_table.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kCreateWork = "ec2.volume.create";

struct VolumeTypeLimits {
  const char* name;
  int64_t min_size, max_size;
};
constexpr VolumeTypeLimits kVolumeTypes[] = {
    {"standard", 1, 1024}, {"gp2", 1, 16384}, {"gp3", 1, 16384}, {"io1", 4, 16384},
    {"io2", 4, 65536},     {"st1", 125, 16384}, {"sc1", 125, 16384}};

const VolumeTypeLimits* volume_type(const std::string& name) {
  for (const auto& t : kVolumeTypes) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

void validate_tags(const std::vector<TagSpecification>& specs, const std::string& type) {
  for (const auto& spec : specs) {
    if (spec.resource_type.empty()) {
      throw AwsError::invalid_parameter_value(
          "Tag specification resource type must have a value");
    }
    if (spec.resource_type != type) {
      throw AwsError::invalid_parameter_value("'" + spec.resource_type +
                                              "' is not a valid taggable resource type for this "
                                              "operation.");
    }
    for (const auto& tag : spec.tags) {
      if (tag.key.empty() || tag.key.size() > 127) {
        throw AwsError::invalid_parameter_value("Tag key must be between 1 and 127 characters");
      }
      if (tag.key.rfind("aws:", 0) == 0) {
        throw AwsError::invalid_parameter_value(
            "Tag keys starting with 'aws:' are reserved for internal use");
      }
      if (tag.value.size() > 256) {
        throw AwsError::invalid_parameter_value("Tag value must be at most 256 characters");
      }
    }
  }
}

}  // namespace

VolumeService::VolumeService(ServiceDeps& deps) : deps_(deps) {}

std::string VolumeService::volume_arn(const std::string& region, const std::string& account,
                                      const std::string& volume_id) {
  return "arn:aws:ec2:" + region + ":" + account + ":volume/" + volume_id;
}

void VolumeService::register_work() {
  deps_.scheduler.on(kCreateWork, [this](store::Transaction& tx, const store::WorkItem& item) {
    finish_create(tx, item);
  });
}

store::VolumeRow VolumeService::create(const RequestContext& ctx,
                                       const CreateVolumeRequest& request) {
  std::string zone;
  if (request.availability_zone) {
    zone = *request.availability_zone;
  } else if (request.availability_zone_id) {
    for (const auto& z : zone_names(ctx.region)) {
      if (zone_id(z) == *request.availability_zone_id) zone = z;
    }
    if (zone.empty()) throw zone_not_found(*request.availability_zone_id);
  } else {
    throw AwsError::missing_parameter("AvailabilityZone");
  }
  if (!is_zone_of(zone, ctx.region)) throw zone_not_found(zone);

  const VolumeTypeLimits* type = volume_type(request.volume_type);
  if (!type) {
    throw AwsError("InvalidParameterValue", "Value (" + request.volume_type +
                                                ") for parameter volumeType is invalid. Valid "
                                                "volume types are standard, io1, io2, gp2, sc1, "
                                                "st1 and gp3.");
  }
  if (!request.size && !request.snapshot_id) {
    throw AwsError::missing_parameter("size/snapshot");
  }
  if (request.size && (*request.size < type->min_size || *request.size > type->max_size)) {
    throw AwsError::invalid_parameter_value(
        "Volume of " + std::to_string(*request.size) + "GiB is too " +
        (*request.size < type->min_size ? "small" : "large") + "; minimum is " +
        std::to_string(type->min_size) + "GiB and maximum is " +
        std::to_string(type->max_size) + "GiB.");
  }
  bool provisioned = request.volume_type == "io1" || request.volume_type == "io2";
  if (provisioned && !request.iops) throw AwsError::missing_parameter("iops");
  if (request.iops && !provisioned && request.volume_type != "gp3") {
    throw AwsError("InvalidParameterCombination",
                   "The parameter iops is not supported for " + request.volume_type + " volumes.");
  }
  if (request.throughput && request.volume_type != "gp3") {
    throw AwsError("InvalidParameterCombination",
                   "The parameter throughput is not supported for " + request.volume_type +
                       " volumes.");
  }
  if (request.kms_key_id && !request.encrypted) {
    throw AwsError("InvalidParameterDependency",
                   "The parameter KmsKeyId requires the parameter Encrypted to be set.");
  }
  if (request.multi_attach && !provisioned) {
    throw AwsError::invalid_parameter_combination(
        "The parameter MultiAttachEnabled is only supported with io1 and io2 volumes.");
  }
  validate_tags(request.tag_specifications, "volume");
  if (request.dry_run) throw AwsError::dry_run();

  store::Transaction tx(deps_.db);
  if (request.client_token) {
    if (auto existing = store::VolumeTable::by_client_token(tx, ctx.account, ctx.region,
                                                            *request.client_token)) {
      bool same = existing->availability_zone == zone &&
                  (!request.size || *request.size == existing->size) &&
                  existing->volume_type == request.volume_type;
      if (!same) {
        throw AwsError("IdempotentParameterMismatch",
                       "Client token " + *request.client_token +
                           " has already been used with different parameters.");
      }
      tx.commit();
      return *existing;
    }
  }

  store::VolumeRow v;
  v.volume_id = deps_.ids.resource_id("vol");
  v.account = ctx.account;
  v.region = ctx.region;
  v.availability_zone = zone;
  v.size = request.size.value_or(0);
  v.snapshot_id = request.snapshot_id.value_or("");
  v.state = "creating";
  v.create_time = ctx.now_ms;
  v.volume_type = request.volume_type;
  v.iops = request.iops;
  if (!v.iops && (v.volume_type == "gp2" || v.volume_type == "gp3")) {
    v.iops = v.volume_type == "gp3" ? 3000 : std::clamp<int64_t>(v.size * 3, 100, 16000);
  }
  v.throughput = request.throughput;
  if (!v.throughput && v.volume_type == "gp3") v.throughput = 125;
  v.encrypted = request.encrypted;
  v.kms_key_id = request.kms_key_id;
  v.multi_attach = request.multi_attach;
  v.client_token = request.client_token;
  v.request_id = ctx.request_id;
  store::VolumeTable::insert(tx, v);
  for (const auto& spec : request.tag_specifications) {
    for (const auto& tag : spec.tags) {
      store::TagTable::put(tx, ctx.account, ctx.region,
                           {v.volume_id, "volume", tag.key, tag.value});
    }
  }
  deps_.scheduler.schedule(tx, kCreateWork, v.volume_id,
                           ctx.now_ms + deps_.config.timing.volume_create_ms);
  tx.commit();
  spdlog::info("volume {} creating ({} GiB {}, {} {})", v.volume_id, v.size, v.volume_type,
               v.account, v.availability_zone);
  return v;
}

void VolumeService::finish_create(store::Transaction& tx, const store::WorkItem& item) {
  auto volume = store::VolumeTable::by_id(tx, item.resource);
  if (!volume || volume->state != "creating") return;
  store::VolumeTable::set_state(tx, volume->volume_id, "available");
  nlohmann::ordered_json detail;
  detail["result"] = "available";
  detail["cause"] = "";
  detail["event"] = "createVolume";
  detail["request-id"] = volume->request_id;
  deps_.events.publish(
      tx, volume->account, volume->region, "default",
      make_event(deps_.ids, "aws.ec2", "EBS Volume Notification", volume->account, volume->region,
                 deps_.clock.now_ms(),
                 {volume_arn(volume->region, volume->account, volume->volume_id)}, detail));
  spdlog::info("volume {} available", volume->volume_id);
}

VolumePage VolumeService::describe(const RequestContext& ctx,
                                   const DescribeVolumesRequest& request) {
  if (request.max_results) {
    if (!request.volume_ids.empty()) {
      throw AwsError::invalid_parameter_combination(
          "The parameter volumeSet cannot be used with the parameter maxResults");
    }
    if (*request.max_results < 5 || *request.max_results > 500) {
      throw AwsError::invalid_parameter_value(
          "Value ( " + std::to_string(*request.max_results) +
          " ) for parameter maxResults is invalid. Expecting a value between 5 and 500.");
    }
  }
  VolumeFilter filter(request.filters);  // validates filter names
  if (request.dry_run) throw AwsError::dry_run();

  std::string after;
  if (request.next_token) {
    if (request.next_token->rfind("vol-", 0) != 0) throw invalid_next_token(*request.next_token);
    after = *request.next_token;
  }
  int64_t limit = request.max_results.value_or(0);

  store::Transaction tx(deps_.db);
  VolumePage page;
  std::vector<store::VolumeRow> candidates;
  if (!request.volume_ids.empty()) {
    std::set<std::string> seen;
    for (const auto& id : request.volume_ids) {
      if (id.rfind("vol-", 0) != 0) throw volume_id_malformed(id);
      if (!seen.insert(id).second) continue;
      auto v = store::VolumeTable::get(tx, ctx.account, ctx.region, id);
      if (!v) throw volume_not_found(id);
      candidates.push_back(std::move(*v));
    }
  } else if (auto ids = filter.candidate_ids(tx, ctx.account, ctx.region)) {
    for (const auto& id : *ids) {
      if (id <= after) continue;
      if (auto v = store::VolumeTable::get(tx, ctx.account, ctx.region, id)) {
        candidates.push_back(std::move(*v));
      }
    }
  } else {
    candidates = store::VolumeTable::list(tx, ctx.account, ctx.region, after,
                                          filter.empty() && limit > 0 ? limit + 1 : 0);
  }
  for (auto& v : candidates) {
    auto tags = store::TagTable::for_resource(tx, v.volume_id);
    if (!filter.matches(v, tags)) continue;
    if (limit > 0 && static_cast<int64_t>(page.volumes.size()) == limit) {
      page.next_token = page.volumes.back().volume_id;
      break;
    }
    page.volumes.push_back(std::move(v));
    page.tags.push_back(std::move(tags));
  }
  tx.commit();
  return page;
}

}  // namespace ebs::ec2
