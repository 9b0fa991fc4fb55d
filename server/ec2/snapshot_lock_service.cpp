#include "ec2/snapshot_lock_service.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "ec2/ec2_errors.hpp"
#include "ec2/owned_snapshot.hpp"
#include "ec2/snapshot_lock_events.hpp"
#include "store/ec2/snapshot_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kLockWork = "ec2.snapshot.lock";  // persisted: never rename

std::string work_resource(const std::string& snapshot_id) { return snapshot_id + "#lock"; }

bool matches(const std::vector<Filter>& filters, const store::SnapshotLockRow& row) {
  for (const auto& f : filters) {
    bool ok = false;
    for (const auto& v : f.values) ok = ok || filter_value_matches(v, row.state);
    if (!ok) return false;
  }
  return true;
}

}  // namespace

SnapshotLockService::SnapshotLockService(ServiceDeps& deps) : deps_(deps) {}

void SnapshotLockService::register_work() {
  deps_.scheduler.on(kLockWork, [this](store::Transaction& tx, const store::WorkItem& item) {
    run_work(tx, item);
  });
}

// Stores the lock and the one scheduler row of its next change.
void SnapshotLockService::save(store::Transaction& tx, const store::SnapshotLockRow& row) {
  store::SnapshotLockTable::put(tx, row);
  store::WorkQueue::remove_for_resource(tx, work_resource(row.snapshot_id));
  if (auto next = lock::next_change(row)) {
    deps_.scheduler.schedule(tx, kLockWork, work_resource(row.snapshot_id), *next);
  }
}

void SnapshotLockService::forget(store::Transaction& tx, const std::string& snapshot_id) {
  store::SnapshotLockTable::remove(tx, snapshot_id);
  store::WorkQueue::remove_for_resource(tx, work_resource(snapshot_id));
}

// ---- LockSnapshot / UnlockSnapshot -------------------------------------------------------------

store::SnapshotLockRow SnapshotLockService::lock(const RequestContext& ctx,
                                                 const LockSnapshotRequest& r) {
  check_snapshot_id(r.snapshot_id);
  lock::check_request(r.lock, ctx.now_ms);
  store::Transaction tx(deps_.db);
  auto s = owned_snapshot(tx, ctx, r.snapshot_id);
  auto current = store::SnapshotLockTable::get(tx, s.snapshot_id);
  auto row = lock::apply(s, current, r.lock, ctx.now_ms);
  if (r.dry_run) throw AwsError::dry_run();
  save(tx, row);
  if (!lock::is_pending(row)) publish_lock_succeeded(deps_, tx, row);
  tx.commit();
  spdlog::debug("snapshot {} lock {}", s.snapshot_id, row.state);
  return row;
}

void SnapshotLockService::unlock(const RequestContext& ctx, const std::string& snapshot_id,
                                 bool dry_run) {
  check_snapshot_id(snapshot_id);
  store::Transaction tx(deps_.db);
  auto s = owned_snapshot(tx, ctx, snapshot_id);
  auto current = store::SnapshotLockTable::get(tx, s.snapshot_id);
  if (!current) throw lock::not_locked(s.snapshot_id);
  lock::check_unlock(*current);
  if (dry_run) throw AwsError::dry_run();
  forget(tx, s.snapshot_id);
  tx.commit();
  spdlog::debug("snapshot {} unlocked", s.snapshot_id);
}

// ---- DescribeLockedSnapshots -------------------------------------------------------------------

LockedSnapshotsPage SnapshotLockService::describe(const RequestContext& ctx,
                                                  const DescribeLockedSnapshotsRequest& r) {
  check_max_results(r.max_results, 5, 1000);
  for (const auto& id : r.snapshot_ids) check_snapshot_id(id);
  for (const auto& f : r.filters) {
    if (f.name != "lock-state") throw invalid_filter(f.name);
  }
  std::string after;
  if (r.next_token) {
    if (r.next_token->rfind("snap-", 0) != 0) throw invalid_next_token(*r.next_token);
    after = *r.next_token;
  }
  if (r.dry_run) throw AwsError::dry_run();
  const int64_t limit = r.max_results.value_or(0);
  LockedSnapshotsPage page;
  store::Transaction tx(deps_.db);
  std::vector<store::SnapshotLockRow> rows;
  if (!r.snapshot_ids.empty()) {
    std::set<std::string> ids;
    for (const auto& id : r.snapshot_ids) {
      owned_snapshot(tx, ctx, id);  // an unknown (or another account's) snapshot: NotFound
      ids.insert(id);
    }
    for (const auto& id : ids) {
      if (id <= after) continue;
      if (auto row = store::SnapshotLockTable::get(tx, id)) rows.push_back(std::move(*row));
    }
  } else {
    rows = store::SnapshotLockTable::list(tx, ctx.account, ctx.region, after, 0);
  }
  for (auto& row : rows) {
    if (!matches(r.filters, row)) continue;
    if (limit > 0 && static_cast<int64_t>(page.locks.size()) == limit) {
      page.next_token = page.locks.back().snapshot_id;
      break;
    }
    page.locks.push_back(std::move(row));
  }
  tx.commit();
  return page;
}

// ---- the clock moves a lock --------------------------------------------------------------------

void SnapshotLockService::run_work(store::Transaction& tx, const store::WorkItem& item) {
  std::string id = item.resource.substr(0, item.resource.find('#'));
  auto row = store::SnapshotLockTable::get(tx, id);
  if (!row) return;
  auto moved = lock::advance(*row, deps_.clock.now_ms());
  save(tx, *row);
  if (moved.cool_off_ended) {
    auto at_cool_off_end = *row;
    at_cool_off_end.state = "compliance";
    publish_cool_off_expiry(deps_, tx, at_cool_off_end);
  }
  if (moved.expired) publish_lock_expiry(deps_, tx, *row);
  if (moved.cool_off_ended || moved.expired) {
    spdlog::debug("snapshot {} lock {}", id, row->state);
  }
}

// ---- SnapshotObserver --------------------------------------------------------------------------

void SnapshotLockService::before_delete(store::Transaction& tx, const store::SnapshotRow& s) {
  auto row = store::SnapshotLockTable::get(tx, s.snapshot_id);
  if (row && lock::is_locked(*row)) throw lock::locked_snapshot(s.snapshot_id);
}

void SnapshotLockService::after_delete(store::Transaction& tx, const store::SnapshotRow& s) {
  forget(tx, s.snapshot_id);
}

void SnapshotLockService::after_finish(store::Transaction& tx, const store::SnapshotRow& s,
                                       bool ok) {
  auto row = store::SnapshotLockTable::get(tx, s.snapshot_id);
  if (!row || !lock::is_pending(*row)) return;
  int64_t now = deps_.clock.now_ms();
  if (!ok) {
    publish_lock_failed(deps_, tx, *row, now);
    forget(tx, s.snapshot_id);
    spdlog::debug("snapshot {} failed: its pending lock is dropped", s.snapshot_id);
    return;
  }
  auto applied = lock::activate(*row, now);
  save(tx, applied);
  publish_lock_succeeded(deps_, tx, applied);
  spdlog::debug("snapshot {} completed: lock {}", s.snapshot_id, applied.state);
}

}  // namespace ebs::ec2
