#include "store/lambda/invocation_table.hpp"

namespace ebs::store {

int64_t InvocationTable::insert(Transaction& tx, const InvocationRow& r) {
  static const std::string kSql =
      "INSERT INTO lambda_invocations (request_id, account, region, function_name, "
      "invocation_type, source, started_at, duration_ms, status, event, payload, function_error, "
      "log) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
  tx.prepare(kSql)
      .bind_all(r.request_id, r.account, r.region, r.function_name, r.invocation_type, r.source,
                r.started_at, r.duration_ms, r.status, r.event, r.payload, r.function_error, r.log)
      .run();
  static const std::string kLast = "SELECT last_insert_rowid()";
  auto& s = tx.prepare(kLast);
  s.step();
  return s.int64(0);
}

std::vector<InvocationRow> InvocationTable::query(Transaction& tx, const InvocationQuery& q) {
  static const std::string kSql =
      "SELECT seq, request_id, account, region, function_name, invocation_type, source, "
      "started_at, duration_ms, status, event, payload, function_error, log "
      "FROM lambda_invocations WHERE seq > ? AND (? IS NULL OR account = ?) "
      "AND (? IS NULL OR region = ?) AND (? IS NULL OR function_name = ?) ORDER BY seq LIMIT ?";
  auto& s = tx.prepare(kSql).bind_all(q.after_seq, q.account, q.account, q.region, q.region,
                                      q.function_name, q.function_name,
                                      q.limit > 0 ? q.limit : int64_t{-1});
  std::vector<InvocationRow> out;
  while (s.step()) {
    InvocationRow r;
    r.seq = s.int64(0);
    r.request_id = s.text(1);
    r.account = s.text(2);
    r.region = s.text(3);
    r.function_name = s.text(4);
    r.invocation_type = s.text(5);
    r.source = s.text(6);
    r.started_at = s.int64(7);
    r.duration_ms = s.real(8);
    r.status = s.text(9);
    r.event = s.text(10);
    r.payload = s.text(11);
    r.function_error = s.text_or_null(12);
    r.log = s.text(13);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ebs::store
