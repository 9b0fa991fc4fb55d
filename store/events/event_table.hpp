// EventTable: every event put on any bus (by AWS services or PutEvents), oldest first, as
// delivered. Its schema() is the whole "events" module: the event log (v1) and the EventBridge
// tables (v2: buses, rules, targets, tags, connections, API destinations, deliveries and their
// attempts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct EventRow {
  int64_t seq = 0;
  std::string event_id;
  std::string account;
  std::string region;
  std::string bus;
  std::string source;
  std::string detail_type;
  int64_t received_at = 0;
  std::string json;  // the event exactly as delivered
};

struct EventQuery {
  std::optional<std::string> account, region, source, detail_type, bus;
  int64_t after_seq = 0;
  int64_t limit = 1000;
};

class EventTable {
 public:
  static ModuleSchema schema();
  static int64_t insert(Transaction& tx, const EventRow& row);
  static std::vector<EventRow> query(Transaction& tx, const EventQuery& q);
};

}  // namespace ebs::store
