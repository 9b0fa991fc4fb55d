// WorkQueue: the persistent table of asynchronous work (the scheduler's rows). Every transition AWS
// makes later than the API call (volume creating -> available, snapshot pending -> completed, a
// delivery retry, a key deletion at the end of its window) is a row with the emulated time it is
// due.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct WorkItem {
  int64_t id = 0;
  int64_t due_at_ms = 0;
  std::string kind;      // e.g. "ec2.volume.create"
  std::string resource;  // the resource it acts on, for cancel/complete-by-id (e.g. "vol-0abc")
  std::string payload;   // JSON text
  int64_t attempts = 0;
};

class WorkQueue {
 public:
  static ModuleSchema schema();

  static int64_t add(Transaction& tx, const std::string& kind, const std::string& resource,
                     int64_t due_at_ms, const std::string& payload);
  // Due items (due_at <= now), oldest first.
  static std::vector<WorkItem> due(Transaction& tx, int64_t now_ms, int limit);
  static std::optional<int64_t> next_due_at(Transaction& tx);
  static std::vector<WorkItem> for_resource(Transaction& tx, const std::string& resource);
  static std::vector<WorkItem> all(Transaction& tx);
  static void remove(Transaction& tx, int64_t id);
  static void remove_for_resource(Transaction& tx, const std::string& resource);
  static void postpone(Transaction& tx, int64_t id, int64_t due_at_ms);
  static void set_due(Transaction& tx, int64_t id, int64_t due_at_ms);
};

}  // namespace ebs::store
