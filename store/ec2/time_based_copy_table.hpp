// TimeBasedCopyTable: the time-based snapshot copies (CopySnapshot with CompletionDurationMinutes):
// the requested duration, when the duration started, and why it was missed once it was. A copy
// without a row is a standard copy. It has its own module schema ("ec2_time_based_copies") so that
// it migrates independently of the snapshot tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct TimeBasedCopyRow {
  std::string snapshot_id;  // the copy
  int64_t completion_duration_minutes = 0;
  int64_t duration_start_time = 0;                     // epoch ms: the copy's start
  std::optional<std::string> missed_completion_cause;  // set when the duration ended first
};

class TimeBasedCopyTable {
 public:
  static ModuleSchema schema();
  static void insert(Transaction& tx, const TimeBasedCopyRow& row);
  static std::optional<TimeBasedCopyRow> get(Transaction& tx, const std::string& snapshot_id);
  static void set_missed(Transaction& tx, const std::string& snapshot_id, const std::string& cause);
  static void remove(Transaction& tx, const std::string& snapshot_id);
};

}  // namespace ebs::store
