// SnapshotTable: persistence of EBS snapshots (made by CreateSnapshot, CreateSnapshots and
// CopySnapshot) and of their createVolumePermission grants (an account id, or "all" for public).
// Listing is ordered by snapshot id so that DescribeSnapshots can page with the last id as its
// token.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct SnapshotRow {
  std::string snapshot_id;
  std::string account;  // owner
  std::string region;
  std::string volume_id;  // the source volume; "vol-ffffffff" for copies, as AWS reports them
  int64_t volume_size = 0;
  std::string state;           // pending | completed | error
  std::string status_message;  // set when state is error
  int64_t start_time = 0;
  int64_t complete_at = 0;          // planned completion (progress moves from start to it)
  std::optional<int64_t> end_time;  // when it reached completed or error
  int64_t progress = 0;             // frozen percent once completed or error
  std::string description;
  bool encrypted = false;
  std::optional<std::string> kms_key_id;  // key ARN (or as given, until KMS resolves keys)
  std::string storage_tier = "standard";
  std::string kind = "create";                    // create | copy
  std::optional<std::string> source_region;       // copies: where the source lives
  std::optional<std::string> source_snapshot_id;  // copies
  std::string source_volume_id;                   // lineage: the volume the data came from
  std::optional<std::string> batch_id;            // CreateSnapshots: shared by the set
  std::string request_id;
};

class SnapshotTable {
 public:
  static void insert(Transaction& tx, const SnapshotRow& s);
  // Sets state, status message, end time and frozen progress.
  static void finish(Transaction& tx, const std::string& snapshot_id, const std::string& state,
                     const std::string& status_message, int64_t end_time, int64_t progress);
  // A cross-region copy learns its source's size, lineage and encryption when it runs.
  static void set_source_facts(Transaction& tx, const std::string& snapshot_id, int64_t volume_size,
                               const std::string& source_volume_id, bool encrypted);
  // ModifySnapshotTier / RestoreSnapshotTier: `standard` or `archive`.
  static void set_storage_tier(Transaction& tx, const std::string& snapshot_id,
                               const std::string& tier);
  static void remove(Transaction& tx, const std::string& snapshot_id);  // with tags and grants
  static std::optional<SnapshotRow> by_id(Transaction& tx, const std::string& snapshot_id);
  // Owned by account in region, id > after_id, ordered by id, at most limit (0 = all).
  static std::vector<SnapshotRow> list_owned(Transaction& tx, const std::string& account,
                                             const std::string& region, const std::string& after_id,
                                             int64_t limit);
  // In region, granted to `grantee` ("all" or an account id) and not owned by `exclude_owner`,
  // id > after_id, ordered by id, at most limit (0 = all).
  static std::vector<SnapshotRow> list_granted(Transaction& tx, const std::string& region,
                                               const std::string& grantee,
                                               const std::string& exclude_owner,
                                               const std::string& after_id, int64_t limit);
  // Snapshot ids in account+region tagged `key` (= value when given), ordered, through the tag
  // key/value index (forced: without statistics SQLite prefers the (account, region, resource_id)
  // index for the ORDER BY and scans every tag of the account).
  static std::vector<std::string> ids_with_tag(Transaction& tx, const std::string& account,
                                               const std::string& region, const std::string& key,
                                               const std::optional<std::string>& value);
  static std::vector<SnapshotRow> in_batch(Transaction& tx, const std::string& batch_id);
  // A completed copy in account+region whose data came from source_volume_id (incremental copies).
  static bool has_completed_copy_of(Transaction& tx, const std::string& account,
                                    const std::string& region, const std::string& source_volume_id,
                                    const std::string& except_snapshot_id);

  // createVolumePermission grants.
  static bool grant(Transaction& tx, const std::string& snapshot_id, const std::string& region,
                    const std::string& grantee);  // true if newly added
  static void revoke(Transaction& tx, const std::string& snapshot_id, const std::string& grantee);
  static void revoke_all(Transaction& tx, const std::string& snapshot_id);
  static std::vector<std::string> grantees(Transaction& tx, const std::string& snapshot_id);
};

}  // namespace ebs::store
