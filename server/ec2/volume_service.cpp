#include "ec2/volume_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "ec2/ebs_events.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/regions.hpp"
#include "ec2/volume_filters.hpp"
#include "ec2/work_kinds.hpp"
#include "store/ec2/tag_table.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kCreateWork = work::kVolumeCreate;

struct VolumeTypeLimits {
  const char* name;
  int64_t min_size, max_size;
};
constexpr VolumeTypeLimits kVolumeTypes[] = {
    {"standard", 1, 1024}, {"gp2", 1, 16384},   {"gp3", 1, 16384},  {"io1", 4, 16384},
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
      throw AwsError::invalid_parameter_value("Tag specification resource type must have a value");
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
  return ec2::volume_arn(region, account, volume_id);
}

void VolumeService::register_work() {
  deps_.scheduler.on(kCreateWork, [this](store::Transaction& tx, const store::WorkItem& item) {
    finish_create(tx, item);
  });
  deps_.scheduler.on(
      work::kVolumeDelete,
      [this](store::Transaction& tx, const store::WorkItem& item) { finish_delete(tx, item); });
  deps_.scheduler.on(
      work::kVolumeAttach,
      [this](store::Transaction& tx, const store::WorkItem& item) { finish_attach(tx, item); });
  deps_.scheduler.on(
      work::kVolumeDetach,
      [this](store::Transaction& tx, const store::WorkItem& item) { finish_detach(tx, item); });
  deps_.scheduler.on(work::kVolumeModify,
                     [this](store::Transaction& tx, const store::WorkItem& item) {
                       advance_modification(tx, item);
                     });
}

std::optional<KeyProblem> VolumeService::key_problem(store::Transaction& tx,
                                                     const store::VolumeRow& volume) {
  if (!volume.encrypted || !key_check_) return std::nullopt;
  return key_check_(tx, volume.account, volume.region, volume.kms_key_id.value_or(""));
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
        std::to_string(type->min_size) + "GiB and maximum is " + std::to_string(type->max_size) +
        "GiB.");
  }
  bool provisioned = request.volume_type == "io1" || request.volume_type == "io2";
  if (provisioned && !request.iops) throw AwsError::missing_parameter("iops");
  if (request.iops && !provisioned && request.volume_type != "gp3") {
    throw AwsError("InvalidParameterCombination",
                   "The parameter iops is not supported for " + request.volume_type + " volumes.");
  }
  if (request.throughput && request.volume_type != "gp3") {
    throw AwsError("InvalidParameterCombination", "The parameter throughput is not supported for " +
                                                      request.volume_type + " volumes.");
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
  if (request.volume_initialization_rate) {
    // [inf] AWS's wording of these two refusals is not published.
    if (!request.snapshot_id) {
      throw AwsError::invalid_parameter_combination(
          "The parameter VolumeInitializationRate is supported only for volumes created from "
          "snapshots.");
    }
    int64_t rate = *request.volume_initialization_rate;
    if (rate < 100 || rate > 300) {
      throw AwsError::invalid_parameter_value(
          "Value (" + std::to_string(rate) +
          ") for parameter VolumeInitializationRate is invalid. Valid range: 100 - 300 MiB/s.");
    }
  }
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

  // CreateVolume from a snapshot (own or shared): size defaults to the snapshot's, smaller is
  // refused; an encrypted snapshot gives an encrypted volume with its key unless another key is
  // asked for.
  std::optional<SnapshotSource> source;
  if (request.snapshot_id) {
    if (!snapshot_resolver_) throw snapshot_not_found(*request.snapshot_id);
    source = snapshot_resolver_(tx, ctx, *request.snapshot_id);
    if (request.size && *request.size < source->size_gib) {
      throw AwsError::invalid_parameter_value(
          "Volume of size " + std::to_string(*request.size) + "GB is smaller than snapshot '" +
          *request.snapshot_id + "', expect size >= " + std::to_string(source->size_gib) + "GB");
    }
  }

  store::VolumeRow v;
  v.volume_id = deps_.ids.resource_id("vol");
  v.account = ctx.account;
  v.region = ctx.region;
  v.availability_zone = zone;
  v.size = request.size.value_or(source ? source->size_gib : 0);
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
  v.encrypted = request.encrypted || (source && source->encrypted);
  v.kms_key_id = (request.kms_key_id || !source) ? request.kms_key_id : source->kms_key_arn;
  if (encryption_resolver_) {
    auto e = encryption_resolver_(tx, ctx, request.encrypted, request.kms_key_id,
                                  source && source->encrypted,
                                  source ? source->kms_key_arn : std::nullopt);
    v.encrypted = e.encrypted;
    v.kms_key_id = e.kms_key_id;
  }
  v.multi_attach = request.multi_attach;
  v.client_token = request.client_token;
  v.request_id = ctx.request_id;
  store::VolumeTable::insert(tx, v);
  if (source && initialization_.created) {
    initialization_.created(tx, ctx, v, request.volume_initialization_rate);
  }
  for (const auto& spec : request.tag_specifications) {
    for (const auto& tag : spec.tags) {
      store::TagTable::put(tx, ctx.account, ctx.region,
                           {v.volume_id, "volume", tag.key, tag.value});
    }
  }
  deps_.scheduler.schedule(tx, kCreateWork, v.volume_id,
                           ctx.now_ms + deps_.config.timing.volume_create_ms);
  tx.commit();
  spdlog::debug("volume {} creating ({} GiB {}, {} {})", v.volume_id, v.size, v.volume_type,
                v.account, v.availability_zone);
  return v;
}

void VolumeService::finish_create(store::Transaction& tx, const store::WorkItem& item) {
  auto volume = store::VolumeTable::by_id(tx, item.resource);
  if (!volume || volume->state != "creating") return;
  if (auto problem = key_problem(tx, *volume)) {
    // AWS rolls the volume back silently: it becomes NotFound; the event is the only signal.
    store::VolumeTable::remove(tx, volume->volume_id);
    publish_volume_notification(deps_, tx,
                                {volume->account,
                                 volume->region,
                                 volume->volume_id,
                                 "createVolume",
                                 "failed",
                                 problem->cause,
                                 volume->request_id,
                                 {}});
    spdlog::info("volume {} failed: {}", volume->volume_id, problem->cause);
    return;
  }
  store::VolumeTable::set_state(tx, volume->volume_id, "available");
  if (initialization_.available) initialization_.available(tx, *volume);
  publish_volume_notification(deps_, tx,
                              {volume->account,
                               volume->region,
                               volume->volume_id,
                               "createVolume",
                               "available",
                               "",
                               volume->request_id,
                               {}});
  spdlog::debug("volume {} available", volume->volume_id);
}

store::VolumeRow VolumeService::create_for_launch(store::Transaction& tx, const RequestContext& ctx,
                                                  const std::string& zone,
                                                  const std::string& instance_id,
                                                  const LaunchVolume& spec) {
  store::VolumeRow v;
  v.volume_id = deps_.ids.resource_id("vol");
  v.account = ctx.account;
  v.region = ctx.region;
  v.availability_zone = zone;
  v.size = spec.size;
  v.state = "in-use";
  v.create_time = ctx.now_ms;
  v.volume_type = spec.volume_type;
  v.iops = spec.iops;
  if (!v.iops && (v.volume_type == "gp2" || v.volume_type == "gp3")) {
    v.iops = v.volume_type == "gp3" ? 3000 : std::clamp<int64_t>(v.size * 3, 100, 16000);
  }
  v.throughput = spec.throughput;
  if (!v.throughput && v.volume_type == "gp3") v.throughput = 125;
  v.encrypted = spec.encrypted;
  v.kms_key_id = spec.kms_key_id;
  if (encryption_resolver_) {
    auto e = encryption_resolver_(tx, ctx, spec.encrypted, spec.kms_key_id, false, std::nullopt);
    v.encrypted = e.encrypted;
    v.kms_key_id = e.kms_key_id;
  }
  v.request_id = ctx.request_id;
  store::VolumeTable::insert(tx, v);
  store::AttachmentRow a{v.volume_id, instance_id, spec.device,
                         "attaching", ctx.now_ms,  spec.delete_on_termination};
  store::VolumeTable::put_attachment(tx, a);
  v.attachments.push_back(a);
  for (const auto& tag : spec.tags) {
    store::TagTable::put(tx, ctx.account, ctx.region, {v.volume_id, "volume", tag.key, tag.value});
  }
  return v;
}

VolumePage VolumeService::describe(const RequestContext& ctx,
                                   const DescribeVolumesRequest& request) {
  // The AWS CLI pages DescribeVolumes with MaxResults=1000 by default, which AWS accepts.
  check_max_results(request.max_results, 5, 1000, !request.volume_ids.empty(), "volumeSet");
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
  // Candidates are checked against the filters a chunk at a time (their tags read with one query)
  // until the page is full. They come from the explicit ids, else from the filters' indexes (tag,
  // volume-id, instance; or one coarse index paged in id order: status, zone, type, snapshot), else
  // from the table in id order: a page never reads much more than it shows.
  const int64_t chunk = limit > 0 && filter.empty() ? limit + 1 : 256;
  auto consider = [&](std::vector<store::VolumeRow> rows) {  // true when the page is full
    std::vector<std::string> ids;
    ids.reserve(rows.size());
    for (const auto& v : rows) ids.push_back(v.volume_id);
    auto tags = store::TagTable::for_resources(tx, ids);
    for (auto& v : rows) {
      auto found = tags.find(v.volume_id);
      auto own = found == tags.end() ? std::vector<std::pair<std::string, std::string>>{}
                                     : std::move(found->second);
      if (!filter.matches(v, own)) continue;
      if (limit > 0 && static_cast<int64_t>(page.volumes.size()) == limit) {
        page.next_token = page.volumes.back().volume_id;
        return true;
      }
      page.volumes.push_back(std::move(v));
      page.tags.push_back(std::move(own));
    }
    return false;
  };
  if (!request.volume_ids.empty()) {
    std::set<std::string> seen;
    std::vector<store::VolumeRow> found;
    for (const auto& id : request.volume_ids) {
      if (id.rfind("vol-", 0) != 0) throw volume_id_malformed(id);
      if (!seen.insert(id).second) continue;
      auto v = store::VolumeTable::get(tx, ctx.account, ctx.region, id);
      if (!v) throw volume_not_found(id);
      found.push_back(std::move(*v));
    }
    consider(std::move(found));
  } else if (auto index = filter.paging_index()) {
    std::string cursor = after;
    for (;;) {
      auto ids = store::VolumeTable::ids_where_after(tx, ctx.account, ctx.region, index->first,
                                                     index->second, cursor, chunk);
      if (ids.empty()) break;
      cursor = ids.back();
      if (consider(store::VolumeTable::get_many(tx, ctx.account, ctx.region, ids))) break;
      if (static_cast<int64_t>(ids.size()) < chunk) break;
    }
  } else if (auto ids = filter.candidate_ids(tx, ctx.account, ctx.region)) {
    auto it = std::upper_bound(ids->begin(), ids->end(), after);
    while (it != ids->end()) {
      auto stop = it + std::min<std::ptrdiff_t>(chunk, ids->end() - it);
      std::vector<std::string> part(it, stop);
      it = stop;
      if (consider(store::VolumeTable::get_many(tx, ctx.account, ctx.region, part))) break;
    }
  } else {
    std::string cursor = after;
    for (;;) {
      auto rows = store::VolumeTable::list(tx, ctx.account, ctx.region, cursor, chunk);
      if (rows.empty()) break;
      cursor = rows.back().volume_id;
      bool last = static_cast<int64_t>(rows.size()) < chunk;
      if (consider(std::move(rows)) || last) break;
    }
  }
  if (initialization_.decorate) initialization_.decorate(tx, page.volumes);
  tx.commit();
  return page;
}

}  // namespace ebs::ec2
