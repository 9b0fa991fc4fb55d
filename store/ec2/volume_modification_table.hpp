// VolumeModificationTable: the latest modification of each volume (ModifyVolume,
// DescribeVolumesModifications): target and original configuration, state and progress.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct VolumeModificationRow {
  std::string volume_id;
  std::string account;
  std::string region;
  std::string state;  // modifying | optimizing | completed | failed
  std::string status_message;
  int64_t target_size = 0;
  std::optional<int64_t> target_iops;
  std::string target_volume_type;
  std::optional<int64_t> target_throughput;
  bool target_multi_attach = false;
  int64_t original_size = 0;
  std::optional<int64_t> original_iops;
  std::string original_volume_type;
  std::optional<int64_t> original_throughput;
  bool original_multi_attach = false;
  int64_t progress = 0;
  int64_t start_time = 0;
  std::optional<int64_t> end_time;
  std::string request_id;  // the ModifyVolume request id, for the modifyVolume events
};

class VolumeModificationTable {
 public:
  // Inserts or replaces the volume's modification (AWS keeps the latest one per volume).
  static void put(Transaction& tx, const VolumeModificationRow& row);
  static std::optional<VolumeModificationRow> get(Transaction& tx, const std::string& account,
                                                  const std::string& region,
                                                  const std::string& volume_id);
  static std::optional<VolumeModificationRow> by_id(Transaction& tx, const std::string& volume_id);
  // Modifications of an account+region with volume id > after_id, ordered, at most `limit` (0 =
  // all).
  static std::vector<VolumeModificationRow> list(Transaction& tx, const std::string& account,
                                                 const std::string& region,
                                                 const std::string& after_id, int64_t limit);
  static void remove(Transaction& tx, const std::string& volume_id);
};

}  // namespace ebs::store
