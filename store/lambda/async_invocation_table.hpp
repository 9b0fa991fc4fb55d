// AsyncInvocationTable: Lambda's accepted asynchronous invocations (Invoke with
// InvocationType=Event) until they end. A row is written before the 202 is answered and deleted
// when the invocation succeeds or its last retry fails, so an acknowledged invocation (or its
// pending retry) survives a crash and is resumed at start-up. Own module: "lambda_async".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct AsyncInvocationRow {
  int64_t id = 0;
  std::string request_id;  // the same for every attempt, as Lambda does
  std::string account;
  std::string region;
  std::string function;  // FunctionName as given (name, ARN or partial ARN)
  std::optional<std::string> qualifier;
  std::string payload;  // JSON text; empty means {}
  std::string source;   // api
  int64_t attempt = 0;  // 0 = first run, 1 and 2 = retries
  int64_t due_at = 0;   // emulated ms
};

class AsyncInvocationTable {
 public:
  static ModuleSchema schema();

  static int64_t insert(Transaction& tx, const AsyncInvocationRow& row);  // returns id
  // Every pending row, earliest due first.
  static std::vector<AsyncInvocationRow> all(Transaction& tx);
  static void reschedule(Transaction& tx, int64_t id, int64_t attempt, int64_t due_at);
  static void remove(Transaction& tx, int64_t id);
};

}  // namespace ebs::store
