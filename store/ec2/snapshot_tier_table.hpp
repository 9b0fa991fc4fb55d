// SnapshotTierTable: the archive-tier record of a snapshot (module "ec2_snapshot_tiers"): the last
// tiering operation (ModifySnapshotTier archive, RestoreSnapshotTier temporary or permanent), when
// it started and ended, how it ended, and the end of a temporary restore. A snapshot that was never
// archived has no row. The tier itself (`standard` | `archive`) is the snapshots table's
// storage_tier column, so DescribeSnapshots and its `storage-tier` filter read it as before.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct SnapshotTierRow {
  std::string snapshot_id;
  std::string account;
  std::string region;
  // The API's TieringOperationStatus: archival-in-progress | archival-completed | archival-failed |
  // temporary-restore-in-progress | temporary-restore-completed | temporary-restore-failed |
  // permanent-restore-in-progress | permanent-restore-completed | permanent-restore-failed.
  std::string status;
  std::string status_detail;
  int64_t start_time = 0;           // the last operation's start (tieringStartTime, ...)
  int64_t due_at = 0;               // when the operation in progress ends
  std::optional<int64_t> end_time;  // when it ended
  int64_t progress = 0;             // frozen percent once ended
  std::optional<int64_t> archival_complete_time;
  std::optional<int64_t> restore_days;         // temporary restores
  std::optional<int64_t> restore_expiry_time;  // temporary restore completed: when it re-archives
  std::string request_id;                      // of the API call that started the operation
};

class SnapshotTierTable {
 public:
  static ModuleSchema schema();

  static void put(Transaction& tx, const SnapshotTierRow& row);  // insert or replace
  static std::optional<SnapshotTierRow> get(Transaction& tx, const std::string& snapshot_id);
  static void remove(Transaction& tx, const std::string& snapshot_id);
  // Rows in account+region (both "" = everywhere), ordered by snapshot id.
  static std::vector<SnapshotTierRow> list(Transaction& tx, const std::string& account,
                                           const std::string& region);
};

}  // namespace ebs::store
