// SnapshotLockTable: the lock of a snapshot (module "ec2_snapshot_locks"), as LockSnapshot set it
// and the emulator clock moved it: mode, state, when it was made, its duration or expiration date,
// when the duration started (the snapshot's completion, for a lock made while it was pending), and
// the compliance cooling-off period. One row per locked snapshot; UnlockSnapshot deletes it, an
// expired lock stays (state `expired`) until the snapshot is deleted or locked again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct SnapshotLockRow {
  std::string snapshot_id;
  std::string account;
  std::string region;
  std::string mode;  // governance | compliance
  // pending-governance | pending-compliance (the snapshot is still pending) | governance |
  // compliance-cooloff | compliance | expired
  std::string state;
  int64_t created_on = 0;
  std::optional<int64_t> duration_days;    // LockDuration (absent with ExpirationDate)
  std::optional<int64_t> expiration_date;  // ExpirationDate (absent with LockDuration)
  std::optional<int64_t> duration_start;   // set once the lock applies
  std::optional<int64_t> expires_on;       // known once the lock applies (or from the date)
  std::optional<int64_t> cool_off_hours;   // compliance only
  std::optional<int64_t> cool_off_expires_on;
};

class SnapshotLockTable {
 public:
  static ModuleSchema schema();

  static void put(Transaction& tx, const SnapshotLockRow& row);  // insert or replace
  static std::optional<SnapshotLockRow> get(Transaction& tx, const std::string& snapshot_id);
  static void remove(Transaction& tx, const std::string& snapshot_id);
  // Locks in account+region (both "" = everywhere) with snapshot_id > after_id, ordered by id, at
  // most limit (0 = all).
  static std::vector<SnapshotLockRow> list(Transaction& tx, const std::string& account,
                                           const std::string& region,
                                           const std::string& after_id = "", int64_t limit = 0);
};

}  // namespace ebs::store
