// FastSnapshotRestoreTable: the Fast Snapshot Restore state of each (account, snapshot, zone): the
// account is the one that enabled it (DescribeFastSnapshotRestores' ownerId), which may differ from
// the snapshot's owner when the snapshot is shared with it. A row exists from `enabling` until it
// reaches `disabled` (then it goes). Its own module schema ("fast_snapshot_restore"), so that it
// migrates independently of the snapshot tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct FastSnapshotRestoreRow {
  std::string account;  // who enabled it
  std::string region;
  std::string snapshot_id;
  std::string availability_zone;
  std::string snapshot_owner;
  std::string state;  // enabling | optimizing | enabled | disabling | disabled
  std::string state_transition_reason;
  std::optional<int64_t> enabling_time;
  std::optional<int64_t> optimizing_time;
  std::optional<int64_t> enabled_time;
  std::optional<int64_t> disabling_time;
  std::optional<int64_t> disabled_time;
};

class FastSnapshotRestoreTable {
 public:
  static ModuleSchema schema();
  static void put(Transaction& tx, const FastSnapshotRestoreRow& row);  // insert or replace
  static std::optional<FastSnapshotRestoreRow> get(Transaction& tx, const std::string& account,
                                                   const std::string& snapshot_id,
                                                   const std::string& zone);
  static void remove(Transaction& tx, const std::string& account, const std::string& snapshot_id,
                     const std::string& zone);
  // The rows of account+region, ordered by (snapshot id, zone).
  static std::vector<FastSnapshotRestoreRow> list(Transaction& tx, const std::string& account,
                                                  const std::string& region);
  // Every account's rows of one snapshot, ordered by (account, zone).
  static std::vector<FastSnapshotRestoreRow> for_snapshot(Transaction& tx,
                                                          const std::string& snapshot_id);
  // Rows on snapshots owned by `owner` in region that other accounts enabled.
  static std::vector<FastSnapshotRestoreRow> on_snapshots_of(Transaction& tx,
                                                             const std::string& owner,
                                                             const std::string& region);
  static std::vector<FastSnapshotRestoreRow> all(Transaction& tx);  // fixtures export
};

}  // namespace ebs::store
