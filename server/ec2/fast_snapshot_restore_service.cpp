#include "ec2/fast_snapshot_restore_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>

#include "ec2/ec2_errors.hpp"
#include "ec2/fsr_events.hpp"
#include "ec2/owned_snapshot.hpp"
#include "ec2/regions.hpp"
#include "ec2/work_kinds.hpp"
#include "store/work_queue.hpp"

namespace ebs::ec2 {
namespace {

bool active(const std::string& state) {
  return state == "enabling" || state == "optimizing" || state == "enabled";
}

std::string work_resource(const store::FastSnapshotRestoreRow& r) {
  return "fsr/" + r.account + "/" + r.snapshot_id + "/" + r.availability_zone;
}

void check_snapshot_ids(const std::vector<std::string>& ids) {
  if (ids.empty()) throw AwsError::missing_parameter("SourceSnapshotId");
  for (const auto& id : ids) check_snapshot_id(id);
}

FastSnapshotRestoreError pair_error(const std::string& zone, const std::string& zone_id,
                                    const AwsError& e) {
  return {zone_id.empty() ? zone : "", zone_id, e.code(), e.message()};
}

// Adds `error` to the unsuccessful item of `snapshot_id` (one item per snapshot).
void add_error(FastSnapshotRestoresResult& result, const std::string& snapshot_id,
               FastSnapshotRestoreError error) {
  for (auto& item : result.unsuccessful) {
    if (item.snapshot_id == snapshot_id) {
      item.errors.push_back(std::move(error));
      return;
    }
  }
  result.unsuccessful.push_back({snapshot_id, {std::move(error)}});
}

const std::set<std::string>& filter_names() {
  static const std::set<std::string> kNames = {"availability-zone", "availability-zone-id",
                                               "owner-alias",       "owner-id",
                                               "snapshot-id",       "state"};
  return kNames;
}

bool matches(const store::FastSnapshotRestoreRow& r, const std::vector<Filter>& filters) {
  for (const auto& f : filters) {
    std::string value;
    if (f.name == "availability-zone") {
      value = r.availability_zone;
    } else if (f.name == "availability-zone-id") {
      value = zone_id(r.availability_zone);
    } else if (f.name == "owner-id") {
      value = r.account;
    } else if (f.name == "snapshot-id") {
      value = r.snapshot_id;
    } else if (f.name == "state") {
      value = r.state;
    } else if (f.name == "owner-alias") {
      return false;  // an alias is "for future use": no row has one
    }
    bool any = std::any_of(f.values.begin(), f.values.end(),
                           [&](const std::string& p) { return filter_value_matches(p, value); });
    if (!any) return false;
  }
  return true;
}

// A new row of `ctx`'s FSR of snapshot `id` (owned by `owner`) in `zone`, in no state yet.
store::FastSnapshotRestoreRow new_row(const RequestContext& ctx, const std::string& id,
                                      const std::string& zone, const std::string& owner) {
  store::FastSnapshotRestoreRow r;
  r.account = ctx.account;
  r.region = ctx.region;
  r.snapshot_id = id;
  r.availability_zone = zone;
  r.snapshot_owner = owner;
  return r;
}

std::string page_key(const store::FastSnapshotRestoreRow& r) {
  return r.snapshot_id + ":" + r.availability_zone;
}

}  // namespace

FastSnapshotRestoreService::FastSnapshotRestoreService(ServiceDeps& deps) : deps_(deps) {}

void FastSnapshotRestoreService::register_work() {
  deps_.scheduler.on(
      work::kFastSnapshotRestore,
      [this](store::Transaction& tx, const store::WorkItem& item) { run_work(tx, item); });
}

std::vector<FastSnapshotRestoreService::Pair> FastSnapshotRestoreService::pairs_of(
    const RequestContext& ctx, const FastSnapshotRestoresRequest& request) {
  bool by_name = !request.availability_zones.empty();
  bool by_id = !request.availability_zone_ids.empty();
  if (by_name && by_id) {
    throw AwsError::invalid_parameter_combination(
        "Only one of AvailabilityZone or AvailabilityZoneId can be specified.");
  }
  if (!by_name && !by_id) throw AwsError::missing_parameter("AvailabilityZone");
  std::vector<Pair> out;
  std::set<std::string> seen;
  if (by_name) {
    for (const auto& z : request.availability_zones) {
      if (seen.insert(z).second) out.push_back({z, ""});
    }
    return out;
  }
  for (const auto& id : request.availability_zone_ids) {
    if (!seen.insert(id).second) continue;
    std::string zone;
    for (const auto& z : zone_names(ctx.region)) {
      if (zone_id(z) == id) zone = z;
    }
    out.push_back({zone, id});
  }
  return out;
}

void FastSnapshotRestoreService::schedule(store::Transaction& tx,
                                          const store::FastSnapshotRestoreRow& row, int64_t at_ms) {
  auto resource = work_resource(row);
  store::WorkQueue::remove_for_resource(tx, resource);
  if (row.state == "enabled" || row.state == "disabled") return;
  nlohmann::json payload = {{"account", row.account},
                            {"snapshot_id", row.snapshot_id},
                            {"zone", row.availability_zone},
                            {"state", row.state}};
  deps_.scheduler.schedule(tx, work::kFastSnapshotRestore, resource,
                           at_ms + std::max<int64_t>(deps_.config.timing.fsr_ms, 0),
                           payload.dump());
}

void FastSnapshotRestoreService::transition(store::Transaction& tx,
                                            store::FastSnapshotRestoreRow& row,
                                            const std::string& state, const std::string& reason,
                                            int64_t now) {
  row.state = state;
  row.state_transition_reason = reason;
  if (state == "enabling") {
    row.enabling_time = now;
    row.optimizing_time = row.enabled_time = row.disabling_time = row.disabled_time = std::nullopt;
  } else if (state == "optimizing") {
    row.optimizing_time = now;
  } else if (state == "enabled") {
    row.enabled_time = now;
  } else if (state == "disabling") {
    row.disabling_time = now;
  } else if (state == "disabled") {
    row.disabled_time = now;
  }
  if (state == "disabled") {
    store::FastSnapshotRestoreTable::remove(tx, row.account, row.snapshot_id,
                                            row.availability_zone);
  } else {
    store::FastSnapshotRestoreTable::put(tx, row);
  }
  schedule(tx, row, now);
  publish_fsr_state_change(deps_, tx, row, now);
  spdlog::debug("fast snapshot restore {} {} ({}): {}", row.snapshot_id, row.availability_zone,
                row.account, state);
}

// ---- EnableFastSnapshotRestores / DisableFastSnapshotRestores --------------------------------

FastSnapshotRestoresResult FastSnapshotRestoreService::for_each_pair(
    const RequestContext& ctx, const FastSnapshotRestoresRequest& request, const PairStep& step) {
  check_snapshot_ids(request.source_snapshot_ids);
  auto pairs = pairs_of(ctx, request);
  if (request.dry_run) throw AwsError::dry_run();

  store::Transaction tx(deps_.db);
  FastSnapshotRestoresResult result;
  std::set<std::string> done;
  for (const auto& id : request.source_snapshot_ids) {
    if (!done.insert(id).second) continue;
    auto snapshot = visible_ ? visible_(tx, ctx, id) : std::nullopt;
    for (const auto& p : pairs) {
      if (p.zone.empty() || !is_zone_of(p.zone, ctx.region)) {
        add_error(
            result, id,
            pair_error(p.zone, p.zone_id, zone_not_found(p.zone.empty() ? p.zone_id : p.zone)));
        continue;
      }
      auto outcome = step(tx, id, snapshot, p.zone);
      if (auto* error = std::get_if<AwsError>(&outcome)) {
        add_error(result, id, pair_error(p.zone, p.zone_id, *error));
      } else {
        result.successful.push_back(std::get<store::FastSnapshotRestoreRow>(std::move(outcome)));
      }
    }
  }
  tx.commit();
  return result;
}

FastSnapshotRestoresResult FastSnapshotRestoreService::enable(
    const RequestContext& ctx, const FastSnapshotRestoresRequest& request) {
  return for_each_pair(
      ctx, request,
      [&](store::Transaction& tx, const std::string& id,
          const std::optional<store::SnapshotRow>& snapshot,
          const std::string& zone) -> PairOutcome {
        if (!snapshot) return snapshot_not_found(id);
        if (snapshot->state != "completed") {
          return incorrect_state("Snapshot is in invalid state - " + snapshot->state);
        }
        auto row = store::FastSnapshotRestoreTable::get(tx, ctx.account, id, zone);
        if (row && active(row->state)) return *row;  // already on its way: reported as it is
        auto r = new_row(ctx, id, zone, snapshot->account);
        transition(tx, r, "enabling", kUserInitiated, ctx.now_ms);
        return r;
      });
}

FastSnapshotRestoresResult FastSnapshotRestoreService::disable(
    const RequestContext& ctx, const FastSnapshotRestoresRequest& request) {
  return for_each_pair(ctx, request,
                       [&](store::Transaction& tx, const std::string& id,
                           const std::optional<store::SnapshotRow>& snapshot,
                           const std::string& zone) -> PairOutcome {
                         auto row = store::FastSnapshotRestoreTable::get(tx, ctx.account, id, zone);
                         if (!row) {
                           if (!snapshot) return snapshot_not_found(id);
                           // Nothing to disable: reported as disabled, with no transition and no
                           // event.
                           auto r = new_row(ctx, id, zone, snapshot->account);
                           r.state = "disabled";
                           r.state_transition_reason = kLifecycle;
                           return r;
                         }
                         if (active(row->state))
                           transition(tx, *row, "disabling", kUserInitiated, ctx.now_ms);
                         return *row;
                       });
}

// ---- DescribeFastSnapshotRestores --------------------------------------------------------------

FastSnapshotRestorePage FastSnapshotRestoreService::describe(
    const RequestContext& ctx, const DescribeFastSnapshotRestoresRequest& request) {
  check_max_results(request.max_results, 0, 200);
  for (const auto& f : request.filters) {
    if (!filter_names().count(f.name)) throw invalid_filter(f.name);
  }
  std::string after;
  if (request.next_token) {
    if (request.next_token->rfind("snap-", 0) != 0 ||
        request.next_token->find(':') == std::string::npos) {
      throw invalid_next_token(*request.next_token);
    }
    after = *request.next_token;
  }
  if (request.dry_run) throw AwsError::dry_run();
  const int64_t limit = request.max_results.value_or(0);

  store::Transaction tx(deps_.db);
  FastSnapshotRestorePage page;
  for (auto& r : store::FastSnapshotRestoreTable::list(tx, ctx.account, ctx.region)) {
    if (!after.empty() && page_key(r) <= after) continue;
    if (!matches(r, request.filters)) continue;
    if (limit > 0 && static_cast<int64_t>(page.restores.size()) == limit) {
      page.next_token = page_key(page.restores.back());
      break;
    }
    page.restores.push_back(std::move(r));
  }
  tx.commit();
  return page;
}

// ---- transitions -----------------------------------------------------------------------------

void FastSnapshotRestoreService::run_work(store::Transaction& tx, const store::WorkItem& item) {
  auto payload = nlohmann::json::parse(item.payload, nullptr, false);
  if (!payload.is_object()) return;
  auto row = store::FastSnapshotRestoreTable::get(tx, payload.value("account", ""),
                                                  payload.value("snapshot_id", ""),
                                                  payload.value("zone", ""));
  if (!row || row->state != payload.value("state", "")) return;  // stale work
  if (row->state == "enabling") {
    transition(tx, *row, "optimizing", kLifecycle, item.due_at_ms);
  } else if (row->state == "optimizing") {
    transition(tx, *row, "enabled", kLifecycle, item.due_at_ms);
  } else if (row->state == "disabling") {
    // A snapshot that went away keeps its reason to the end.
    std::string reason = row->state_transition_reason == kSnapshotGone ? kSnapshotGone : kLifecycle;
    transition(tx, *row, "disabled", reason, item.due_at_ms);
  }
}

bool FastSnapshotRestoreService::enabled_in(store::Transaction& tx, const std::string& account,
                                            const std::string& snapshot_id,
                                            const std::string& zone) {
  auto row = store::FastSnapshotRestoreTable::get(tx, account, snapshot_id, zone);
  return row && row->state == "enabled";
}

void FastSnapshotRestoreService::check_deletable(store::Transaction& tx,
                                                 const store::SnapshotRow& snapshot) {
  for (const auto& r : store::FastSnapshotRestoreTable::for_snapshot(tx, snapshot.snapshot_id)) {
    if (r.account != snapshot.account) continue;
    // [obs] real AWS, DeleteSnapshot of a snapshot with FSR on (aws-nuke issue 453).
    throw AwsError("InvalidSnapshot.InUse",
                   "The snapshot " + snapshot.snapshot_id +
                       " is currently enabled for fast restores in " + r.availability_zone +
                       ". Fast snapshot restores must be disabled within all Availability Zones "
                       "before the snapshot may be deleted.");
  }
}

void FastSnapshotRestoreService::revalidate(store::Transaction& tx,
                                            const std::string& snapshot_id) {
  for (auto& r : store::FastSnapshotRestoreTable::for_snapshot(tx, snapshot_id)) {
    if (!active(r.state) && r.state_transition_reason == kSnapshotGone) continue;
    RequestContext ctx{r.account, r.region, "", deps_.clock.now_ms()};
    if (visible_ && visible_(tx, ctx, snapshot_id)) continue;
    if (active(r.state)) {
      transition(tx, r, "disabling", kSnapshotGone, deps_.clock.now_ms());
    } else {  // already disabling at the user's request: it ends for the new reason
      r.state_transition_reason = kSnapshotGone;
      store::FastSnapshotRestoreTable::put(tx, r);
    }
  }
}

void FastSnapshotRestoreService::revalidate_owner(store::Transaction& tx, const std::string& owner,
                                                  const std::string& region) {
  std::set<std::string> snapshots;
  for (const auto& r : store::FastSnapshotRestoreTable::on_snapshots_of(tx, owner, region)) {
    snapshots.insert(r.snapshot_id);
  }
  for (const auto& id : snapshots) revalidate(tx, id);
}

}  // namespace ebs::ec2
