// SnapshotLockService: EBS snapshot locks. LockSnapshot locks a pending or completed snapshot in
// governance or compliance mode (or changes its lock, within what the lock's state allows),
// UnlockSnapshot removes a governance lock, a compliance lock still in its cooling-off period or a
// pending lock, DescribeLockedSnapshots lists the caller's locks. A scheduler row per lock moves it
// on the emulator clock (cooling-off end, expiry). The transitions are snapshot_lock_state's; the
// events (lockSnapshot, cooloffperiodExpiry, lockDurationExpiry) snapshot_lock_events'.
//
// As a SnapshotObserver it refuses DeleteSnapshot of a locked snapshot (SnapshotLocked), applies a
// pending lock when its snapshot completes (or drops it with a lockSnapshot failed event when the
// snapshot fails), and forgets a deleted snapshot's expired lock. Typed requests in, rows out; no
// HTTP, no XML, no SQL here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "ec2/snapshot_lock_state.hpp"
#include "ec2/snapshot_service.hpp"
#include "store/ec2/snapshot_lock_table.hpp"

namespace ebs::ec2 {

struct LockSnapshotRequest {
  std::string snapshot_id;
  lock::LockRequest lock;
  bool dry_run = false;
};

struct DescribeLockedSnapshotsRequest {
  std::vector<std::string> snapshot_ids;
  std::vector<Filter> filters;  // lock-state
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
};

struct LockedSnapshotsPage {
  std::vector<store::SnapshotLockRow> locks;
  std::optional<std::string> next_token;
};

class SnapshotLockService : public SnapshotObserver {
 public:
  explicit SnapshotLockService(ServiceDeps& deps);
  // Registers the scheduler handler of lock work. Call once before the scheduler starts.
  void register_work();

  store::SnapshotLockRow lock(const RequestContext& ctx, const LockSnapshotRequest& r);
  void unlock(const RequestContext& ctx, const std::string& snapshot_id, bool dry_run);
  LockedSnapshotsPage describe(const RequestContext& ctx, const DescribeLockedSnapshotsRequest& r);

  // Fixtures: store a lock as a fixture document describes it (its state already computed), or
  // forget one; both in the loader's transaction.
  void put_fixture(store::Transaction& tx, const store::SnapshotLockRow& row) { save(tx, row); }
  void clear_fixture(store::Transaction& tx, const std::string& snapshot_id) {
    forget(tx, snapshot_id);
  }

  // SnapshotObserver.
  void before_delete(store::Transaction& tx, const store::SnapshotRow& s) override;
  void after_delete(store::Transaction& tx, const store::SnapshotRow& s) override;
  void after_finish(store::Transaction& tx, const store::SnapshotRow& s, bool ok) override;

 private:
  void save(store::Transaction& tx, const store::SnapshotLockRow& row);
  void forget(store::Transaction& tx, const std::string& snapshot_id);
  void run_work(store::Transaction& tx, const store::WorkItem& item);

  ServiceDeps& deps_;
};

}  // namespace ebs::ec2
