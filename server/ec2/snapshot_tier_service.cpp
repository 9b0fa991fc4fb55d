#include "ec2/snapshot_tier_service.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "ec2/ec2_errors.hpp"
#include "ec2/filter_match.hpp"
#include "ec2/owned_snapshot.hpp"
#include "ec2/snapshot_tier_events.hpp"
#include "store/ec2/snapshot_table.hpp"
#include "store/ec2/tag_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kTierWork = "ec2.snapshot.tier";  // persisted: never rename

std::string work_resource(const std::string& snapshot_id) { return snapshot_id + "#tier"; }

const std::set<std::string>& status_filter_names() {
  static const std::set<std::string> kNames = {"snapshot-id", "volume-id",
                                               "last-tiering-operation"};
  return kNames;
}

}  // namespace

SnapshotTierService::SnapshotTierService(ServiceDeps& deps) : deps_(deps) {}

void SnapshotTierService::register_work() {
  deps_.scheduler.on(kTierWork, [this](store::Transaction& tx, const store::WorkItem& item) {
    run_work(tx, item);
  });
}

// Stores the record, the tier it gives the snapshot, and the one scheduler row of what comes next.
void SnapshotTierService::save(store::Transaction& tx, const store::SnapshotTierRow& row) {
  store::SnapshotTierTable::put(tx, row);
  store::SnapshotTable::set_storage_tier(tx, row.snapshot_id, tier::tier_of(row));
  store::WorkQueue::remove_for_resource(tx, work_resource(row.snapshot_id));
  if (tier::in_progress(row)) {
    if (!deps_.config.timing.manual) {
      deps_.scheduler.schedule(tx, kTierWork, work_resource(row.snapshot_id), row.due_at);
    }
  } else if (tier::is_temporary_restore(row)) {
    deps_.scheduler.schedule(tx, kTierWork, work_resource(row.snapshot_id),
                             *row.restore_expiry_time);
  }
}

// ---- ModifySnapshotTier / RestoreSnapshotTier
// ----------------------------------------------------

ModifySnapshotTierResult SnapshotTierService::modify(const RequestContext& ctx,
                                                     const ModifySnapshotTierRequest& r) {
  check_snapshot_id(r.snapshot_id);
  tier::check_target_tier(r.storage_tier);
  store::Transaction tx(deps_.db);
  auto s = owned_snapshot(tx, ctx, r.snapshot_id);
  auto current = store::SnapshotTierTable::get(tx, s.snapshot_id);
  auto row =
      tier::start_archive(s, current, ctx.now_ms, deps_.config.timing.snapshot_ms, ctx.request_id);
  if (r.dry_run) throw AwsError::dry_run();
  save(tx, row);
  tx.commit();
  spdlog::debug("snapshot {} archival in progress", s.snapshot_id);
  return {s.snapshot_id, row.start_time};
}

RestoreSnapshotTierResult SnapshotTierService::restore(const RequestContext& ctx,
                                                       const RestoreSnapshotTierRequest& r) {
  check_snapshot_id(r.snapshot_id);
  tier::check_restore_request(r.restore);
  store::Transaction tx(deps_.db);
  auto s = owned_snapshot(tx, ctx, r.snapshot_id);
  auto current = store::SnapshotTierTable::get(tx, s.snapshot_id);
  bool immediate = false;
  auto row = tier::start_restore(s, current, r.restore, ctx.now_ms, deps_.config.timing.snapshot_ms,
                                 ctx.request_id, &immediate);
  if (r.dry_run) throw AwsError::dry_run();
  save(tx, row);
  if (immediate) publish_tiering_result(deps_, tx, row, true, "");
  tx.commit();
  spdlog::debug("snapshot {} {}", s.snapshot_id, row.status);
  RestoreSnapshotTierResult out;
  out.snapshot_id = s.snapshot_id;
  out.restore_start_time = row.start_time;
  out.is_permanent_restore = r.restore.permanent_restore.value_or(false);
  if (!out.is_permanent_restore) out.restore_duration = r.restore.temporary_restore_days;
  return out;
}

// ---- the work: an operation ends, a temporary restore expires -----------------------------------

void SnapshotTierService::end_operation(store::Transaction& tx, const store::SnapshotTierRow& row,
                                        bool ok, const std::string& cause) {
  auto done = tier::finish(row, ok, cause, deps_.clock.now_ms());
  save(tx, done);
  publish_tiering_result(deps_, tx, done, ok, cause);
  spdlog::debug("snapshot {} {}", done.snapshot_id, done.status);
}

void SnapshotTierService::run_work(store::Transaction& tx, const store::WorkItem& item) {
  std::string id = item.resource.substr(0, item.resource.find('#'));
  auto row = store::SnapshotTierTable::get(tx, id);
  if (!row || !store::SnapshotTable::by_id(tx, id)) return;
  int64_t now = deps_.clock.now_ms();
  if (tier::in_progress(*row)) {
    if (row->due_at <= now) return end_operation(tx, *row, true, "");
  } else if (tier::is_temporary_restore(*row) && *row->restore_expiry_time <= now) {
    publish_restore_expiry(deps_, tx, *row, now);
    save(tx, tier::expire_restore(*row, now));
    spdlog::debug("snapshot {} temporary restore expired: archived again", id);
    return;
  }
  save(tx, *row);  // not due yet (the clock moved back?): reschedule
}

store::SnapshotTierRow SnapshotTierService::end_now(const std::string& snapshot_id, bool ok,
                                                    const std::string& cause) {
  store::Transaction tx(deps_.db);
  if (!store::SnapshotTable::by_id(tx, snapshot_id)) throw snapshot_not_found(snapshot_id);
  auto row = store::SnapshotTierTable::get(tx, snapshot_id);
  if (!row || !tier::in_progress(*row)) {
    throw incorrect_state("The snapshot '" + snapshot_id +
                          "' has no tiering operation in progress.");
  }
  end_operation(tx, *row, ok, cause);
  auto after = store::SnapshotTierTable::get(tx, snapshot_id);
  tx.commit();
  return *after;
}

store::SnapshotTierRow SnapshotTierService::complete_now(const std::string& snapshot_id) {
  return end_now(snapshot_id, true, "");
}

store::SnapshotTierRow SnapshotTierService::fail_now(const std::string& snapshot_id,
                                                     const std::string& cause) {
  return end_now(snapshot_id, false, cause);
}

// ---- DescribeSnapshotTierStatus ----------------------------------------------------------------

SnapshotTierStatusPage SnapshotTierService::describe_status(
    const RequestContext& ctx, const DescribeSnapshotTierStatusRequest& r) {
  check_max_results(r.max_results, 5, 1000);
  for (const auto& f : r.filters) {
    if (!status_filter_names().count(f.name)) throw invalid_filter(f.name);
  }
  std::string after;
  if (r.next_token) {
    if (r.next_token->rfind("snap-", 0) != 0) throw invalid_next_token(*r.next_token);
    after = *r.next_token;
  }
  if (r.dry_run) throw AwsError::dry_run();
  const int64_t limit = r.max_results.value_or(0);
  const int64_t batch = 256;
  SnapshotTierStatusPage page;
  store::Transaction tx(deps_.db);
  std::string cursor = after;
  while (true) {
    auto rows = store::SnapshotTable::list_owned(tx, ctx.account, ctx.region, cursor, batch);
    for (auto& s : rows) {
      cursor = s.snapshot_id;
      SnapshotTierStatus item;
      item.tier = store::SnapshotTierTable::get(tx, s.snapshot_id);
      bool ok = true;
      for (const auto& f : r.filters) {
        std::string value = f.name == "snapshot-id" ? s.snapshot_id
                            : f.name == "volume-id" ? s.volume_id
                            : item.tier             ? item.tier->status
                                                    : "";
        ok = ok && any_matches(f.values, value);
      }
      if (!ok) continue;
      if (limit > 0 && static_cast<int64_t>(page.items.size()) == limit) {
        page.next_token = page.items.back().snapshot.snapshot_id;
        tx.commit();
        return page;
      }
      item.progress = item.tier ? tier::progress_at(*item.tier, ctx.now_ms) : 0;
      item.tags = store::TagTable::for_resource(tx, s.snapshot_id);
      item.snapshot = std::move(s);
      page.items.push_back(std::move(item));
    }
    if (static_cast<int64_t>(rows.size()) < batch) break;
  }
  tx.commit();
  return page;
}

// ---- SnapshotObserver --------------------------------------------------------------------------

void SnapshotTierService::before_use(store::Transaction&, const store::SnapshotRow& s) {
  if (s.storage_tier == "archive") throw tier::archived_snapshot_in_use(s.snapshot_id);
}

void SnapshotTierService::after_delete(store::Transaction& tx, const store::SnapshotRow& s) {
  clear_fixture(tx, s.snapshot_id);
}

void SnapshotTierService::clear_fixture(store::Transaction& tx, const std::string& snapshot_id) {
  store::SnapshotTierTable::remove(tx, snapshot_id);
  store::WorkQueue::remove_for_resource(tx, work_resource(snapshot_id));
}

void SnapshotTierService::decorate(store::Transaction& tx, SnapshotView& v) {
  if (v.row.storage_tier != "standard") return;
  auto row = store::SnapshotTierTable::get(tx, v.row.snapshot_id);
  if (row && tier::is_temporary_restore(*row)) v.restore_expiry_time = row->restore_expiry_time;
}

}  // namespace ebs::ec2
