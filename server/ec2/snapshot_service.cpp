#include "ec2/snapshot_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "ec2/ec2_errors.hpp"
#include "ec2/owned_snapshot.hpp"
#include "ec2/regions.hpp"
#include "ec2/snapshot_events.hpp"
#include "ec2/snapshot_filters.hpp"
#include "store/ec2/tag_table.hpp"
#include "store/ec2/volume_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kFinishWork = "ec2.snapshot.finish";
constexpr const char* kCopyVolumeId = "vol-ffffffff";  // what AWS reports for copies
constexpr const char* kInvalidSource = "Source snapshot ID is not valid";
constexpr int64_t kMaxPermissionChanges = 500;

bool is_account_id(const std::string& v) {
  return v.size() == 12 &&
         std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

AwsError user_id_malformed(const std::string& v) {
  return AwsError("InvalidUserID.Malformed", "Invalid user id: \"" + v + "\"");
}

AwsError snapshot_invalid_state(const std::string& state) {
  return incorrect_state("Snapshot is in invalid state - " + state);
}

void validate_tags(const std::vector<TagSpecification>& specs) {
  for (const auto& spec : specs) {
    if (spec.resource_type.empty()) {
      throw AwsError::invalid_parameter_value("Tag specification resource type must have a value");
    }
    if (spec.resource_type != "snapshot") {
      throw AwsError::invalid_parameter_value(
          "'" + spec.resource_type + "' is not a valid taggable resource type for this operation.");
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

// Applies `base` then the tag specifications (later keys win), stores them, returns them sorted.
SnapshotTags put_tags(store::Transaction& tx, const store::SnapshotRow& s, SnapshotTags base,
                      const std::vector<TagSpecification>& specs) {
  std::map<std::string, std::string> tags(base.begin(), base.end());
  for (const auto& spec : specs) {
    for (const auto& t : spec.tags) tags[t.key] = t.value;
  }
  for (const auto& [k, v] : tags) {
    store::TagTable::put(tx, s.account, s.region, {s.snapshot_id, "snapshot", k, v});
  }
  return SnapshotTags(tags.begin(), tags.end());
}

// Who may create volumes from a snapshot: its owner, accounts granted explicitly, everyone if
// public.
struct Access {
  bool own = false;
  bool explicit_grant = false;  // to the caller
  bool is_public = false;
  std::vector<std::string> grantees;
  bool granted_to(const std::string& account) const {
    return std::find(grantees.begin(), grantees.end(), account) != grantees.end();
  }
  bool allowed() const { return own || explicit_grant || is_public; }
};

// `public_ok` false: the grant to "all" is in force for nobody (block-all-sharing).
Access access_of(store::Transaction& tx, const store::SnapshotRow& s, const std::string& caller,
                 bool public_ok) {
  Access a;
  a.own = s.account == caller;
  a.grantees = store::SnapshotTable::grantees(tx, s.snapshot_id);
  a.is_public = public_ok && a.granted_to("all");
  a.explicit_grant = a.granted_to(caller);
  return a;
}

}  // namespace

SnapshotService::SnapshotService(ServiceDeps& deps) : deps_(deps) {
  instance_volumes_ = [](store::Transaction& tx, const RequestContext& ctx,
                         const std::string& instance_id) {
    std::vector<InstanceVolume> out;
    for (const auto& v : store::VolumeTable::for_instance(tx, instance_id)) {
      if (v.account != ctx.account || v.region != ctx.region) continue;
      bool boot = false;
      for (const auto& a : v.attachments) {
        boot = boot || (a.instance_id == instance_id &&
                        (a.device == "/dev/xvda" || a.device == "/dev/sda1"));
      }
      out.push_back({v.volume_id, boot});
    }
    if (out.empty()) throw instance_not_found(instance_id);
    return out;
  };
}

void SnapshotService::register_work() {
  deps_.scheduler.on(kFinishWork, [this](store::Transaction& tx, const store::WorkItem& item) {
    run_work(tx, item);
  });
}

int64_t SnapshotService::progress_at(const store::SnapshotRow& s, int64_t now_ms) {
  if (s.state == "completed") return 100;
  if (s.state != "pending") return s.progress;
  int64_t span = s.complete_at - s.start_time;
  if (span <= 0) return 0;
  return std::clamp<int64_t>((now_ms - s.start_time) * 100 / span, 0, 99);
}

store::SnapshotRow SnapshotService::new_snapshot(const RequestContext& ctx, int64_t duration_ms) {
  store::SnapshotRow s;
  s.snapshot_id = deps_.ids.resource_id("snap");
  s.account = ctx.account;
  s.region = ctx.region;
  s.state = "pending";
  s.start_time = ctx.now_ms;
  s.complete_at = ctx.now_ms + std::max<int64_t>(duration_ms, 0);
  s.request_id = ctx.request_id;
  return s;
}

void SnapshotService::schedule_completion(store::Transaction& tx, const store::SnapshotRow& s) {
  if (deps_.config.timing.manual) return;  // a test completes it through the admin API
  deps_.scheduler.schedule(tx, kFinishWork, s.snapshot_id, s.complete_at);
}

SnapshotView SnapshotService::view(store::Transaction& tx, const std::string& caller,
                                   store::SnapshotRow row, int64_t now_ms) {
  SnapshotView v;
  v.progress = progress_at(row, now_ms);
  // Tags are the owner's: an account a snapshot is shared with does not see them.
  if (row.account == caller) v.tags = store::TagTable::for_resource(tx, row.snapshot_id);
  v.row = std::move(row);
  for (auto* o : observers_) o->decorate(tx, v);
  return v;
}

bool SnapshotService::public_ok(store::Transaction& tx, const store::SnapshotRow& s) {
  return !sharing_.public_allowed || sharing_.public_allowed(tx, s.account, s.region);
}

std::optional<store::SnapshotRow> SnapshotService::visible(store::Transaction& tx,
                                                           const RequestContext& ctx,
                                                           const std::string& snapshot_id) {
  auto row = store::SnapshotTable::by_id(tx, snapshot_id);
  if (!row || row->region != ctx.region) return std::nullopt;
  if (!access_of(tx, *row, ctx.account, public_ok(tx, *row)).allowed()) return std::nullopt;
  return row;
}

SnapshotResolver SnapshotService::resolver() {
  return [this](store::Transaction& tx, const RequestContext& ctx, const std::string& id) {
    check_snapshot_id(id);
    auto row = visible(tx, ctx, id);
    if (!row) throw snapshot_not_found(id);
    if (row->state != "completed") throw snapshot_invalid_state(row->state);
    for (auto* o : observers_) o->before_use(tx, *row);
    SnapshotSource source;
    source.size_gib = row->volume_size;
    source.encrypted = row->encrypted;
    source.kms_key_arn = row->kms_key_id;
    return source;
  };
}

// ---- CreateSnapshot / CreateSnapshots --------------------------------------------------------

SnapshotView SnapshotService::create(const RequestContext& ctx,
                                     const CreateSnapshotRequest& request) {
  if (request.volume_id.rfind("vol-", 0) != 0) throw volume_id_malformed(request.volume_id);
  if (request.description.size() > 255) {
    throw AwsError::invalid_parameter_value("The description must be at most 255 characters.");
  }
  validate_tags(request.tag_specifications);
  if (request.dry_run) throw AwsError::dry_run();

  store::Transaction tx(deps_.db);
  auto volume = store::VolumeTable::get(tx, ctx.account, ctx.region, request.volume_id);
  if (!volume) throw volume_not_found(request.volume_id);
  if (volume->state != "available" && volume->state != "in-use") {
    throw incorrect_state("Volume '" + volume->volume_id + "' is in the '" + volume->state +
                          "' state.");
  }
  auto s = new_snapshot(ctx, deps_.config.timing.snapshot_ms +
                                 deps_.config.timing.snapshot_ms_per_gib * volume->size);
  s.volume_id = volume->volume_id;
  s.source_volume_id = volume->volume_id;
  s.volume_size = volume->size;
  s.encrypted = volume->encrypted;
  s.kms_key_id = volume->kms_key_id;
  s.description = request.description;
  store::SnapshotTable::insert(tx, s);
  auto tags = put_tags(tx, s, {}, request.tag_specifications);
  schedule_completion(tx, s);
  tx.commit();
  spdlog::debug("snapshot {} pending (from {}, {} {})", s.snapshot_id, s.volume_id, s.account,
                s.region);
  SnapshotView v;
  v.row = std::move(s);
  v.tags = std::move(tags);
  return v;
}

std::vector<SnapshotView> SnapshotService::create_multi(const RequestContext& ctx,
                                                        const CreateSnapshotsRequest& request) {
  if (request.instance_id.rfind("i-", 0) != 0) throw instance_id_malformed(request.instance_id);
  for (const auto& id : request.exclude_data_volume_ids) {
    if (id.rfind("vol-", 0) != 0) throw volume_id_malformed(id);
  }
  if (request.copy_tags_from_source && *request.copy_tags_from_source != "volume") {
    throw AwsError::invalid_parameter_value("Value (" + *request.copy_tags_from_source +
                                            ") for parameter CopyTagsFromSource is invalid. "
                                            "Expected: 'volume'.");
  }
  validate_tags(request.tag_specifications);
  if (request.dry_run) throw AwsError::dry_run();

  store::Transaction tx(deps_.db);
  std::vector<SnapshotView> out;
  std::string batch = deps_.ids.uuid();
  for (const auto& iv : instance_volumes_(tx, ctx, request.instance_id)) {
    if (iv.boot && request.exclude_boot_volume) continue;
    const auto& ex = request.exclude_data_volume_ids;
    if (!iv.boot && std::find(ex.begin(), ex.end(), iv.volume_id) != ex.end()) continue;
    auto volume = store::VolumeTable::by_id(tx, iv.volume_id);
    if (!volume) continue;
    auto s = new_snapshot(ctx, deps_.config.timing.snapshot_ms +
                                   deps_.config.timing.snapshot_ms_per_gib * volume->size);
    s.volume_id = volume->volume_id;
    s.source_volume_id = volume->volume_id;
    s.volume_size = volume->size;
    s.encrypted = volume->encrypted;
    s.kms_key_id = volume->kms_key_id;
    s.description = request.description;
    s.batch_id = batch;
    store::SnapshotTable::insert(tx, s);
    SnapshotTags base;
    if (request.copy_tags_from_source) base = store::TagTable::for_resource(tx, volume->volume_id);
    auto tags = put_tags(tx, s, std::move(base), request.tag_specifications);
    schedule_completion(tx, s);
    SnapshotView v;
    v.row = std::move(s);
    v.tags = std::move(tags);
    out.push_back(std::move(v));
  }
  if (out.empty()) {
    throw AwsError::invalid_parameter_value("The instance '" + request.instance_id +
                                            "' has no volumes to snapshot.");
  }
  tx.commit();
  spdlog::debug("snapshots of {}: {} pending", request.instance_id, out.size());
  return out;
}

// ---- CopySnapshot ------------------------------------------------------------------------------

SnapshotView SnapshotService::copy(const RequestContext& ctx, const CopySnapshotRequest& request) {
  check_snapshot_id(request.source_snapshot_id);
  if (!is_region(request.source_region)) {
    throw AwsError::invalid_parameter_value("Value (" + request.source_region +
                                            ") for parameter sourceRegion is invalid.");
  }
  if (request.kms_key_id && request.encrypted != true) {
    throw AwsError("InvalidParameterDependency",
                   "The parameter KmsKeyId requires the parameter Encrypted to be set.");
  }
  // AWS takes 15 to 2880 minutes in 15-minute increments (the model only says 1..2880).
  if (request.completion_duration_minutes &&
      (*request.completion_duration_minutes < 15 || *request.completion_duration_minutes > 2880 ||
       *request.completion_duration_minutes % 15 != 0)) {
    throw AwsError::invalid_parameter_value(
        "Value (" + std::to_string(*request.completion_duration_minutes) +
        ") for parameter CompletionDurationMinutes is invalid. Expecting a value between 15 and "
        "2880 in 15 minute increments.");
  }
  if (request.description.size() > 255) {
    throw AwsError::invalid_parameter_value("The description must be at most 255 characters.");
  }
  validate_tags(request.tag_specifications);

  store::Transaction tx(deps_.db);
  RequestContext source_ctx = ctx;
  source_ctx.region = request.source_region;
  auto source = visible(tx, source_ctx, request.source_snapshot_id);
  bool same_region = request.source_region == ctx.region;
  // Within a region the source is checked at once; across regions the destination cannot see it,
  // so an invalid source is accepted and the copy fails asynchronously (as AWS does).
  if (same_region && !source) throw snapshot_not_found(request.source_snapshot_id);
  if (source && source->state != "completed") throw snapshot_invalid_state(source->state);
  if (source) {
    for (auto* o : observers_) o->before_use(tx, *source);
  }
  if (source && source->encrypted && request.encrypted == false) {
    throw AwsError::invalid_parameter_value(
        "The parameter Encrypted cannot be false for an encrypted source snapshot.");
  }
  if (request.dry_run) throw AwsError::dry_run();

  auto s = new_snapshot(ctx, deps_.config.timing.copy_ms);
  s.kind = "copy";
  s.volume_id = kCopyVolumeId;
  s.source_region = request.source_region;
  s.source_snapshot_id = request.source_snapshot_id;
  s.description = request.description.empty() ? "[Copied " + request.source_snapshot_id + " from " +
                                                    request.source_region + "]"
                                              : request.description;
  if (source) {
    s.volume_size = source->volume_size;
    s.source_volume_id = source->source_volume_id;
  }
  s.encrypted = (source && source->encrypted) || request.encrypted.value_or(false);
  if (request.kms_key_id) {
    s.kms_key_id = request.kms_key_id;
  } else if (source && source->encrypted && same_region) {
    s.kms_key_id = source->kms_key_id;
  }  // else: the destination's default EBS key (resolved by KMS when it exists)
  if (copy_encryption_) {
    auto e = copy_encryption_(tx, ctx, request.encrypted.value_or(false), request.kms_key_id,
                              source && source->encrypted);
    s.encrypted = e.encrypted;
    s.kms_key_id = e.kms_key_id;
  }
  store::SnapshotTable::insert(tx, s);
  auto tags = put_tags(tx, s, {}, request.tag_specifications);
  schedule_completion(tx, s);
  for (auto* o : observers_) o->after_copy(tx, s, request);
  tx.commit();
  spdlog::debug("snapshot {} pending (copy of {} from {})", s.snapshot_id,
                request.source_snapshot_id, request.source_region);
  SnapshotView v;
  v.row = std::move(s);
  v.tags = std::move(tags);
  return v;
}

// ---- completion ------------------------------------------------------------------------------

void SnapshotService::run_work(store::Transaction& tx, const store::WorkItem& item) {
  auto s = store::SnapshotTable::by_id(tx, item.resource);
  if (!s || s->state != "pending") return;
  if (s->kind == "copy") {
    RequestContext source_ctx;
    source_ctx.account = s->account;
    source_ctx.region = s->source_region.value_or(s->region);
    auto source = visible(tx, source_ctx, s->source_snapshot_id.value_or(""));
    if (!source || source->state == "error") return finish(tx, *s, false, kInvalidSource);
    if (source->state == "pending") {  // a cross-region source still being made: wait for it
      deps_.scheduler.schedule(
          tx, kFinishWork, s->snapshot_id,
          deps_.clock.now_ms() + std::max<int64_t>(deps_.config.timing.copy_ms, 50));
      return;
    }
    if (s->volume_size == 0) {  // accepted without seeing the source: take its facts now
      s->volume_size = source->volume_size;
      s->source_volume_id = source->source_volume_id;
      s->encrypted = s->encrypted || source->encrypted;
      store::SnapshotTable::set_source_facts(tx, s->snapshot_id, s->volume_size,
                                             s->source_volume_id, s->encrypted);
    }
  }
  // The KMS seam: an encrypted snapshot or copy whose key is unusable ends in `error`.
  if (s->encrypted && s->kms_key_id && key_check_) {
    if (auto cause = key_check_(tx, s->account, s->region, *s->kms_key_id)) {
      return finish(tx, *s, false, *cause);
    }
  }
  // Injected faults (tests, /_emulator/faults): snapshots of a volume, or one snapshot, end in
  // error.
  if (auto cause =
          deps_.faults.snapshot_fault(s->account, s->region, s->volume_id, s->snapshot_id)) {
    return finish(tx, *s, false, *cause);
  }
  finish(tx, *s, true, "");
}

void SnapshotService::finish(store::Transaction& tx, const store::SnapshotRow& before, bool ok,
                             const std::string& cause) {
  int64_t now = deps_.clock.now_ms();
  bool incremental =
      before.kind == "copy" && !before.source_volume_id.empty() &&
      store::SnapshotTable::has_completed_copy_of(tx, before.account, before.region,
                                                  before.source_volume_id, before.snapshot_id);
  store::SnapshotRow s = before;
  s.state = ok ? "completed" : "error";
  s.status_message = ok ? "" : cause;
  s.end_time = now;
  s.progress = ok ? 100 : progress_at(before, now);
  store::SnapshotTable::finish(tx, s.snapshot_id, s.state, s.status_message, now, s.progress);
  store::WorkQueue::remove_for_resource(tx, s.snapshot_id);
  if (s.kind == "copy") {
    CopyTransfer transfer;
    for (auto* o : observers_) o->copy_transfer(tx, s, transfer);
    publish_copy_snapshot(deps_, tx, s, ok, cause, incremental, transfer);
  } else if (s.batch_id) {
    auto set = store::SnapshotTable::in_batch(tx, *s.batch_id);
    bool done = std::none_of(set.begin(), set.end(),
                             [](const store::SnapshotRow& r) { return r.state == "pending"; });
    if (done) publish_create_snapshots(deps_, tx, set);
  } else {
    publish_create_snapshot(deps_, tx, s, ok, cause);
  }
  for (auto* o : observers_) o->after_finish(tx, s, ok);
  spdlog::debug("snapshot {} {}{}", s.snapshot_id, s.state, ok ? "" : " (" + cause + ")");
}

SnapshotView SnapshotService::complete_now(const std::string& snapshot_id) {
  store::Transaction tx(deps_.db);
  auto s = store::SnapshotTable::by_id(tx, snapshot_id);
  if (!s) throw snapshot_not_found(snapshot_id);
  if (s->state != "pending") throw snapshot_invalid_state(s->state);
  store::WorkItem item;
  item.kind = kFinishWork;
  item.resource = snapshot_id;
  for (const auto& w : store::WorkQueue::for_resource(tx, snapshot_id)) {
    if (w.kind == kFinishWork) store::WorkQueue::remove(tx, w.id);  // other modules' rows stay
  }
  run_work(tx, item);
  auto after = store::SnapshotTable::by_id(tx, snapshot_id);
  auto v = view(tx, after->account, *after, deps_.clock.now_ms());
  tx.commit();
  return v;
}

SnapshotView SnapshotService::fail_now(const std::string& snapshot_id, const std::string& cause) {
  store::Transaction tx(deps_.db);
  auto s = store::SnapshotTable::by_id(tx, snapshot_id);
  if (!s) throw snapshot_not_found(snapshot_id);
  if (s->state != "pending") throw snapshot_invalid_state(s->state);
  finish(tx, *s, false, cause);
  auto after = store::SnapshotTable::by_id(tx, snapshot_id);
  auto v = view(tx, after->account, *after, deps_.clock.now_ms());
  tx.commit();
  return v;
}

// ---- DescribeSnapshots -------------------------------------------------------------------------

SnapshotPage SnapshotService::describe(const RequestContext& ctx,
                                       const DescribeSnapshotsRequest& request) {
  check_max_results(request.max_results, 5, 1000, !request.snapshot_ids.empty(), "snapshotSet");
  for (const auto& o : request.owners) {
    if (o != "self" && o != "amazon" && o != "aws-marketplace" && !is_account_id(o)) {
      throw user_id_malformed(o);
    }
  }
  for (const auto& r : request.restorable_by) {
    if (r != "self" && r != "all" && !is_account_id(r)) throw user_id_malformed(r);
  }
  for (const auto& id : request.snapshot_ids) check_snapshot_id(id);
  SnapshotFilter filter(request.filters);
  if (request.dry_run) throw AwsError::dry_run();
  std::string after;
  if (request.next_token) {
    if (request.next_token->rfind("snap-", 0) != 0) throw invalid_next_token(*request.next_token);
    after = *request.next_token;
  }
  const int64_t limit = request.max_results.value_or(0);
  const std::string& me = ctx.account;
  const int64_t now = ctx.now_ms;

  auto owner_ok = [&](const store::SnapshotRow& s) {
    if (request.owners.empty()) return true;
    for (const auto& o : request.owners) {
      if ((o == "self" && s.account == me) || o == s.account) return true;
    }
    return false;
  };
  auto restorable_ok = [&](const store::SnapshotRow& s, const Access& a) {
    if (request.restorable_by.empty()) return true;
    for (const auto& r : request.restorable_by) {
      if (r == "self" && (a.own || a.explicit_grant)) return true;
      if (r == "all" && a.is_public) return true;
      if (is_account_id(r)) {
        if (r == me && (a.own || a.explicit_grant)) return true;
        if (a.own && (r == s.account || a.granted_to(r))) return true;
      }
    }
    return false;
  };
  bool only_self = !request.owners.empty() &&
                   std::all_of(request.owners.begin(), request.owners.end(),
                               [&](const std::string& o) { return o == "self" || o == me; });

  store::Transaction tx(deps_.db);
  SnapshotPage page;
  // Returns false once the page is full.
  auto consider = [&](store::SnapshotRow s) {
    if (!owner_ok(s)) return true;
    auto a = access_of(tx, s, me, public_ok(tx, s));
    if (!a.allowed() || !restorable_ok(s, a)) return true;
    auto v = view(tx, me, std::move(s), now);
    if (!filter.matches(v.row, v.progress, v.tags)) return true;
    if (limit > 0 && static_cast<int64_t>(page.snapshots.size()) == limit) {
      page.next_token = page.snapshots.back().row.snapshot_id;
      return false;
    }
    page.snapshots.push_back(std::move(v));
    return true;
  };

  if (!request.snapshot_ids.empty()) {
    std::set<std::string> seen;
    for (const auto& id : request.snapshot_ids) {
      if (!seen.insert(id).second) continue;
      auto s = store::SnapshotTable::by_id(tx, id);
      if (!s || s->region != ctx.region) throw snapshot_not_found(id);
      consider(std::move(*s));  // an inaccessible id is silently omitted
    }
  } else if (auto ids = filter.candidate_ids(tx, me, ctx.region)) {
    for (const auto& id : *ids) {
      if (id <= after) continue;
      auto s = store::SnapshotTable::by_id(tx, id);
      if (!s || s->region != ctx.region) continue;
      if (!consider(std::move(*s))) break;
    }
  } else {
    // Merge, in id order, the caller's own snapshots with those granted to it and the public ones,
    // a batch at a time, until the page is full.
    const int64_t batch = std::max<int64_t>(limit + 1, 256);
    std::string cursor = after;
    bool more = true;
    while (more) {
      std::vector<std::vector<store::SnapshotRow>> sources;
      sources.push_back(store::SnapshotTable::list_owned(tx, me, ctx.region, cursor, batch));
      if (!only_self) {
        sources.push_back(
            store::SnapshotTable::list_granted(tx, ctx.region, me, me, cursor, batch));
        sources.push_back(
            store::SnapshotTable::list_granted(tx, ctx.region, "all", me, cursor, batch));
      }
      std::optional<std::string> bound;  // rows beyond the shortest full batch are not final yet
      for (const auto& src : sources) {
        if (static_cast<int64_t>(src.size()) == batch) {
          if (!bound || src.back().snapshot_id < *bound) bound = src.back().snapshot_id;
        }
      }
      more = bound.has_value();
      std::map<std::string, store::SnapshotRow> merged;
      for (auto& src : sources) {
        for (auto& s : src) {
          if (bound && s.snapshot_id > *bound) break;
          merged.emplace(s.snapshot_id, std::move(s));
        }
      }
      bool full = false;
      for (auto& [id, s] : merged) {
        cursor = id;
        if (!consider(std::move(s))) {
          full = true;
          break;
        }
      }
      if (full) break;
    }
  }
  tx.commit();
  return page;
}

// ---- DeleteSnapshot ----------------------------------------------------------------------------

void SnapshotService::remove(const RequestContext& ctx, const std::string& snapshot_id,
                             bool dry_run) {
  check_snapshot_id(snapshot_id);
  store::Transaction tx(deps_.db);
  auto s = owned_snapshot(tx, ctx, snapshot_id);
  if (dry_run) throw AwsError::dry_run();
  for (auto* o : observers_) o->before_delete(tx, s);
  store::SnapshotTable::remove(tx, s.snapshot_id);
  store::WorkQueue::remove_for_resource(tx, s.snapshot_id);
  for (auto* o : observers_) o->after_delete(tx, s);
  tx.commit();
  spdlog::debug("snapshot {} deleted", snapshot_id);
}

// ---- snapshot attributes ---------------------------------------------------------------------

namespace {

void check_attribute(const std::string& attribute, bool product_codes_ok) {
  if (attribute == "createVolumePermission") return;
  if (attribute == "productCodes" && product_codes_ok) return;
  throw AwsError::invalid_parameter_value("Value (" + attribute +
                                          ") for parameter attribute is invalid. Unknown "
                                          "attribute.");
}

std::string grantee_of(const PermissionChange& c) {
  if (c.user_id && c.group) {
    throw AwsError::invalid_parameter_combination(
        "A createVolumePermission item cannot have both a userId and a group.");
  }
  if (c.group) {
    if (*c.group != "all") {
      throw AwsError::invalid_parameter_value("Value (" + *c.group +
                                              ") for parameter group is invalid. Only 'all' is "
                                              "supported.");
    }
    return "all";
  }
  if (!c.user_id) throw AwsError::missing_parameter("userId");
  if (!is_account_id(*c.user_id)) throw user_id_malformed(*c.user_id);
  return *c.user_id;
}

}  // namespace

void SnapshotService::modify_attribute(const RequestContext& ctx,
                                       const ModifySnapshotAttributeRequest& request) {
  check_snapshot_id(request.snapshot_id);
  if (request.attribute) check_attribute(*request.attribute, false);
  if (!request.add.empty() && !request.remove.empty()) {
    throw AwsError::invalid_parameter_combination(
        "You cannot add and remove create volume permissions in the same request.");
  }
  if (request.add.empty() && request.remove.empty()) {
    throw AwsError::missing_parameter("createVolumePermission");
  }
  if (static_cast<int64_t>(request.add.size() + request.remove.size()) > kMaxPermissionChanges) {
    throw AwsError::invalid_parameter_value(
        "You can add or remove at most 500 create volume permissions in one request.");
  }
  std::vector<std::string> add, remove;
  for (const auto& c : request.add) add.push_back(grantee_of(c));
  for (const auto& c : request.remove) remove.push_back(grantee_of(c));

  store::Transaction tx(deps_.db);
  auto s = owned_snapshot(tx, ctx, request.snapshot_id);
  bool adds_public = std::find(add.begin(), add.end(), "all") != add.end();
  bool adds_account =
      std::any_of(add.begin(), add.end(), [](const std::string& g) { return g != "all"; });
  if (s.encrypted && adds_public) {
    throw AwsError::invalid_parameter_value("Encrypted snapshots cannot be made public.");
  }
  bool default_key = !s.kms_key_id || s.kms_key_id->find("alias/aws/ebs") != std::string::npos;
  if (s.encrypted && adds_account && default_key) {
    throw AwsError("OperationNotPermitted",
                   "Encrypted snapshots with EBS default key cannot be shared");
  }
  if (adds_public && sharing_.before_make_public) sharing_.before_make_public(tx, s);
  if (request.dry_run) throw AwsError::dry_run();
  bool was_public = access_of(tx, s, ctx.account, public_ok(tx, s)).is_public;
  for (const auto& g : add) {
    bool added = store::SnapshotTable::grant(tx, s.snapshot_id, s.region, g);
    // shareSnapshot goes to the receiving account, only when a private snapshot is shared with it.
    if (added && g != "all" && g != s.account && !was_public && !adds_public) {
      publish_share_snapshot(deps_, tx, s, g, ctx.now_ms);
    }
  }
  for (const auto& g : remove) store::SnapshotTable::revoke(tx, s.snapshot_id, g);
  if (!remove.empty() && sharing_.sharing_narrowed) sharing_.sharing_narrowed(tx, s);
  tx.commit();
}

SnapshotAttribute SnapshotService::describe_attribute(const RequestContext& ctx,
                                                      const SnapshotAttributeRequest& request) {
  check_snapshot_id(request.snapshot_id);
  check_attribute(request.attribute, true);
  store::Transaction tx(deps_.db);
  auto s = owned_snapshot(tx, ctx, request.snapshot_id);
  if (request.dry_run) throw AwsError::dry_run();
  SnapshotAttribute out;
  out.snapshot_id = s.snapshot_id;
  out.attribute = request.attribute;
  if (request.attribute == "createVolumePermission") {
    auto grantees = store::SnapshotTable::grantees(tx, s.snapshot_id);
    for (const auto& g : grantees) {
      if (g == "all") out.permissions.insert(out.permissions.begin(), {std::nullopt, g});
    }
    for (const auto& g : grantees) {
      if (g != "all") out.permissions.push_back({g, std::nullopt});
    }
  }
  tx.commit();
  return out;
}

void SnapshotService::reset_attribute(const RequestContext& ctx,
                                      const SnapshotAttributeRequest& request) {
  check_snapshot_id(request.snapshot_id);
  check_attribute(request.attribute, false);
  store::Transaction tx(deps_.db);
  auto s = owned_snapshot(tx, ctx, request.snapshot_id);
  if (request.dry_run) throw AwsError::dry_run();
  store::SnapshotTable::revoke_all(tx, s.snapshot_id);
  if (sharing_.sharing_narrowed) sharing_.sharing_narrowed(tx, s);
  tx.commit();
}

}  // namespace ebs::ec2
