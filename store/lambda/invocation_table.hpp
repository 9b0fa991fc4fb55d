// InvocationTable: the record of every Lambda invocation (API Invoke, asynchronous, EventBridge
// target): its event, result, error and log, for /_emulator/invocations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct InvocationRow {
  int64_t seq = 0;
  std::string request_id;
  std::string account;
  std::string region;
  std::string function_name;
  std::string invocation_type;  // RequestResponse | Event
  std::string source;           // api | events:<rule arn> | ...
  int64_t started_at = 0;
  double duration_ms = 0;
  std::string status;  // ok | function-error | timeout | runtime-error | unreachable
  std::string event;
  std::string payload;
  std::optional<std::string> function_error;  // Unhandled, or none
  std::string log;
};

struct InvocationQuery {
  std::optional<std::string> account;
  std::optional<std::string> region;
  std::optional<std::string> function_name;
  int64_t after_seq = 0;
  int64_t limit = 1000;
};

class InvocationTable {
 public:
  static int64_t insert(Transaction& tx, const InvocationRow& row);  // returns seq
  static std::vector<InvocationRow> query(Transaction& tx, const InvocationQuery& q);
};

}  // namespace ebs::store
