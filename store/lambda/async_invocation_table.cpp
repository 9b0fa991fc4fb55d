#include "store/lambda/async_invocation_table.hpp"

namespace ebs::store {

ModuleSchema AsyncInvocationTable::schema() {
  return {"lambda_async", {{1, R"SQL(
CREATE TABLE lambda_async_invocations (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  function TEXT NOT NULL,
  qualifier TEXT,
  payload TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'api',
  attempt INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER NOT NULL
);
)SQL"}}};
}

int64_t AsyncInvocationTable::insert(Transaction& tx, const AsyncInvocationRow& r) {
  static const std::string kSql =
      "INSERT INTO lambda_async_invocations (request_id, account, region, function, qualifier, "
      "payload, source, attempt, due_at) VALUES (?,?,?,?,?,?,?,?,?)";
  tx.prepare(kSql)
      .bind_all(r.request_id, r.account, r.region, r.function, r.qualifier, r.payload, r.source,
                r.attempt, r.due_at)
      .run();
  return tx.db().last_insert_rowid();
}

std::vector<AsyncInvocationRow> AsyncInvocationTable::all(Transaction& tx) {
  static const std::string kSql =
      "SELECT id, request_id, account, region, function, qualifier, payload, source, attempt, "
      "due_at FROM lambda_async_invocations ORDER BY due_at, id";
  auto& s = tx.prepare(kSql);
  std::vector<AsyncInvocationRow> out;
  while (s.step()) {
    AsyncInvocationRow r;
    r.id = s.int64(0);
    r.request_id = s.text(1);
    r.account = s.text(2);
    r.region = s.text(3);
    r.function = s.text(4);
    r.qualifier = s.text_or_null(5);
    r.payload = s.text(6);
    r.source = s.text(7);
    r.attempt = s.int64(8);
    r.due_at = s.int64(9);
    out.push_back(std::move(r));
  }
  return out;
}

void AsyncInvocationTable::reschedule(Transaction& tx, int64_t id, int64_t attempt,
                                      int64_t due_at) {
  static const std::string kSql =
      "UPDATE lambda_async_invocations SET attempt = ?, due_at = ? WHERE id = ?";
  tx.prepare(kSql).bind_all(attempt, due_at, id).run();
}

void AsyncInvocationTable::remove(Transaction& tx, int64_t id) {
  static const std::string kSql = "DELETE FROM lambda_async_invocations WHERE id = ?";
  tx.prepare(kSql).bind(1, id).run();
}

}  // namespace ebs::store
