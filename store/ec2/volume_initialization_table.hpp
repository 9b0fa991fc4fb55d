// VolumeInitializationTable: how each volume created from a snapshot is initialized: its
// provisioned volume initialization rate (MiB/s, or none: the default rate), whether it was
// created through Fast Snapshot Restore (then it is initialized at creation), and when its
// initialization finished. Volumes not created from a snapshot have no row. Its own module schema
// ("volume_initialization"), so that it migrates independently of the volume tables.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct VolumeInitializationRow {
  std::string volume_id;
  std::optional<int64_t> rate;  // VolumeInitializationRate, MiB/s
  bool fast_restored = false;
  std::optional<int64_t> initialized_at;  // when the initializeVolume event was emitted
};

class VolumeInitializationTable {
 public:
  static ModuleSchema schema();
  static void put(Transaction& tx, const VolumeInitializationRow& row);  // insert or replace
  static std::optional<VolumeInitializationRow> get(Transaction& tx, const std::string& volume_id);
  // The rows of those of `ids` that have one, by volume id (one statement per 256 ids).
  static std::map<std::string, VolumeInitializationRow> get_many(
      Transaction& tx, const std::vector<std::string>& ids);
  static void set_initialized(Transaction& tx, const std::string& volume_id, int64_t at_ms);
  static void remove(Transaction& tx, const std::string& volume_id);
};

}  // namespace ebs::store
