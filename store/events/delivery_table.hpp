// DeliveryTable: the outbox of EventBridge. One row per (event, matching target), written in the
// transaction that records the event; the delivery engine sends it, records each attempt in
// `delivery_attempts`, and moves it to succeeded / retrying / dead-lettered / dropped /
// unsupported. Rows still pending or retrying after a crash are simply due again at restart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct DeliveryRow {
  int64_t id = 0;
  std::string event_id;
  std::string account;
  std::string region;
  std::string bus;
  std::string rule_arn;
  std::string target_id;
  std::string target_arn;
  std::string target_json;  // the Target object as it was when the event matched
  std::string payload;      // the input after Input / InputPath / InputTransformer
  int64_t hop = 0;          // how many buses the event crossed before this one
  std::string status;       // pending, retrying, succeeded, dead-lettered, dropped, unsupported
  int64_t attempts = 0;
  int64_t created_at = 0;
  int64_t next_attempt_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> last_status;
  std::optional<std::string> last_error_code;
  std::optional<std::string> last_error;
  std::optional<std::string> dead_letter_arn;
  std::optional<std::string> dead_letter_attributes;  // JSON object
};

struct AttemptRow {
  int64_t delivery_id = 0;
  int64_t attempt = 0;
  int64_t started_at = 0;
  int64_t finished_at = 0;
  std::optional<int64_t> status_code;
  std::optional<std::string> error_code;
  std::optional<std::string> error;
  std::optional<std::string> response;
};

struct DeliveryQuery {
  std::optional<std::string> account, region, status, event_id, rule_arn, target_id;
  int64_t after_id = 0;
  int64_t limit = 1000;
};

class DeliveryTable {
 public:
  static int64_t insert(Transaction& tx, const DeliveryRow& row);
  static std::optional<DeliveryRow> get(Transaction& tx, int64_t id);
  // Pending or retrying rows due at `now_ms`, oldest due first.
  static std::vector<DeliveryRow> due(Transaction& tx, int64_t now_ms, int limit);
  // Light rows for the dispatcher: pending rows with id > `after_id` (new outbox rows are due at
  // once), and retrying rows due at `now_ms`; each (id, target ARN), by id / due time.
  struct DueRef {
    int64_t id = 0;
    std::string target_arn;
  };
  static std::vector<DueRef> pending_after(Transaction& tx, int64_t after_id, int limit);
  static std::vector<DueRef> retries_due(Transaction& tx, int64_t now_ms, int limit);
  // The earliest due time of a pending/retrying row later than `now_ms`.
  static std::optional<int64_t> next_due_after(Transaction& tx, int64_t now_ms);
  // Writes the outcome fields (status, attempts, next_attempt_at, updated_at, last_*,
  // dead_letter_*).
  static void update_outcome(Transaction& tx, const DeliveryRow& row);
  static void add_attempt(Transaction& tx, const AttemptRow& row);
  static std::vector<AttemptRow> attempts(Transaction& tx, int64_t delivery_id);
  static std::vector<DeliveryRow> query(Transaction& tx, const DeliveryQuery& q);
  // Counts by status (for /_emulator/deliveries summaries and benchmarks).
  static int64_t count_open(Transaction& tx);
};

}  // namespace ebs::store
