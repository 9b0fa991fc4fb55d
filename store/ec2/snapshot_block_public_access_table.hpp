// SnapshotBlockPublicAccessTable: the block public access for snapshots setting of each account and
// region (block-all-sharing | block-new-sharing). A missing row is AWS's default, `unblocked`. Its
// own module schema ("snapshot_block_public_access").
#pragma once

#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct SnapshotBlockPublicAccessRow {
  std::string account;
  std::string region;
  std::string state;  // block-all-sharing | block-new-sharing | unblocked
};

class SnapshotBlockPublicAccessTable {
 public:
  static ModuleSchema schema();
  static std::string state(Transaction& tx, const std::string& account, const std::string& region);
  // `unblocked` removes the row.
  static void set(Transaction& tx, const std::string& account, const std::string& region,
                  const std::string& state);
  static std::vector<SnapshotBlockPublicAccessRow> all(Transaction& tx);  // fixtures export
};

}  // namespace ebs::store
