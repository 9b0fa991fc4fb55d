// SnapshotTierService: the EBS snapshot archive tier. ModifySnapshotTier starts archiving a
// completed snapshot (it stays `standard`, `archival-in-progress`, until a scheduler row ends the
// work: `archive`); RestoreSnapshotTier restores an archived snapshot temporarily (for N days on
// the emulator clock, then it is archived again) or permanently, or changes the period or type of
// a temporarily restored one at once; DescribeSnapshotTierStatus lists the caller's snapshots with
// their last tiering operation. The transitions are snapshot_tier_state's; the events
// (archiveSnapshot, restoreSnapshot, restoreExpiry) snapshot_tier_events'.
//
// As a SnapshotObserver it refuses CreateVolume / CopySnapshot from an archived snapshot, adds
// restoreExpiryTime to DescribeSnapshots, and forgets a deleted snapshot's record. Work takes
// `timing.snapshot_ms`; with `timing.manual` it ends only through complete_now / fail_now (the
// admin API). Typed requests in, rows out; no HTTP, no XML, no SQL here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "ec2/snapshot_service.hpp"
#include "ec2/snapshot_tier_state.hpp"
#include "store/ec2/snapshot_tier_table.hpp"

namespace ebs::ec2 {

struct ModifySnapshotTierRequest {
  std::string snapshot_id;
  std::optional<std::string> storage_tier;
  bool dry_run = false;
};

struct ModifySnapshotTierResult {
  std::string snapshot_id;
  int64_t tiering_start_time = 0;
};

struct RestoreSnapshotTierRequest {
  std::string snapshot_id;
  tier::RestoreRequest restore;
  bool dry_run = false;
};

struct RestoreSnapshotTierResult {
  std::string snapshot_id;
  int64_t restore_start_time = 0;
  std::optional<int64_t> restore_duration;  // days, temporary restores
  bool is_permanent_restore = false;
};

struct DescribeSnapshotTierStatusRequest {
  std::vector<Filter> filters;
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
};

struct SnapshotTierStatus {
  store::SnapshotRow snapshot;
  SnapshotTags tags;
  std::optional<store::SnapshotTierRow> tier;  // absent: never archived
  int64_t progress = 0;                        // of the last operation, now
};

struct SnapshotTierStatusPage {
  std::vector<SnapshotTierStatus> items;
  std::optional<std::string> next_token;
};

class SnapshotTierService : public SnapshotObserver {
 public:
  explicit SnapshotTierService(ServiceDeps& deps);
  // Registers the scheduler handler of tiering work. Call once before the scheduler starts.
  void register_work();

  ModifySnapshotTierResult modify(const RequestContext& ctx, const ModifySnapshotTierRequest& r);
  RestoreSnapshotTierResult restore(const RequestContext& ctx, const RestoreSnapshotTierRequest& r);
  SnapshotTierStatusPage describe_status(const RequestContext& ctx,
                                         const DescribeSnapshotTierStatusRequest& r);

  // Test control (admin API): end the tiering operation in progress now, completed or failed.
  // Throws InvalidSnapshot.NotFound / IncorrectState.
  store::SnapshotTierRow complete_now(const std::string& snapshot_id);
  store::SnapshotTierRow fail_now(const std::string& snapshot_id, const std::string& cause);

  // Fixtures: store a settled tiering record as a fixture document describes it (the snapshot's
  // tier follows it), or forget one; both in the loader's transaction.
  void put_fixture(store::Transaction& tx, const store::SnapshotTierRow& row) { save(tx, row); }
  void clear_fixture(store::Transaction& tx, const std::string& snapshot_id);

  // SnapshotObserver.
  void before_use(store::Transaction& tx, const store::SnapshotRow& s) override;
  void after_delete(store::Transaction& tx, const store::SnapshotRow& s) override;
  void decorate(store::Transaction& tx, SnapshotView& v) override;

 private:
  void save(store::Transaction& tx, const store::SnapshotTierRow& row);
  void run_work(store::Transaction& tx, const store::WorkItem& item);
  store::SnapshotTierRow end_now(const std::string& snapshot_id, bool ok, const std::string& cause);
  void end_operation(store::Transaction& tx, const store::SnapshotTierRow& row, bool ok,
                     const std::string& cause);

  ServiceDeps& deps_;
};

}  // namespace ebs::ec2
