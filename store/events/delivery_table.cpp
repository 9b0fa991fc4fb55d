#include "store/events/delivery_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kColumns =
    "id, event_id, account, region, bus, rule_arn, target_id, target_arn, target_json, payload,"
    " hop, status, attempts, created_at, next_attempt_at, updated_at, last_status,"
    " last_error_code, last_error, dead_letter_arn, dead_letter_attributes";

DeliveryRow read(Statement& st) {
  DeliveryRow r;
  r.id = st.int64(0);
  r.event_id = st.text(1);
  r.account = st.text(2);
  r.region = st.text(3);
  r.bus = st.text(4);
  r.rule_arn = st.text(5);
  r.target_id = st.text(6);
  r.target_arn = st.text(7);
  r.target_json = st.text(8);
  r.payload = st.text(9);
  r.hop = st.int64(10);
  r.status = st.text(11);
  r.attempts = st.int64(12);
  r.created_at = st.int64(13);
  r.next_attempt_at = st.int64(14);
  r.updated_at = st.int64(15);
  r.last_status = st.int64_or_null(16);
  r.last_error_code = st.text_or_null(17);
  r.last_error = st.text_or_null(18);
  r.dead_letter_arn = st.text_or_null(19);
  r.dead_letter_attributes = st.text_or_null(20);
  return r;
}

}  // namespace

int64_t DeliveryTable::insert(Transaction& tx, const DeliveryRow& r) {
  tx.prepare(
        "INSERT INTO deliveries (event_id, account, region, bus, rule_arn, target_id, target_arn,"
        " target_json, payload, hop, status, attempts, created_at, next_attempt_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.event_id, r.account, r.region, r.bus, r.rule_arn, r.target_id, r.target_arn,
                r.target_json, r.payload, r.hop, r.status, r.attempts, r.created_at,
                r.next_attempt_at, r.updated_at)
      .run();
  return tx.db().last_insert_rowid();
}

std::optional<DeliveryRow> DeliveryTable::get(Transaction& tx, int64_t id) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns + " FROM deliveries WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return read(st);
}

std::vector<DeliveryRow> DeliveryTable::due(Transaction& tx, int64_t now_ms, int limit) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns +
                        " FROM deliveries WHERE status IN ('pending', 'retrying') AND"
                        " next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?");
  st.bind_all(now_ms, limit);
  std::vector<DeliveryRow> out;
  while (st.step()) out.push_back(read(st));
  return out;
}

std::vector<DeliveryTable::DueRef> DeliveryTable::pending_after(Transaction& tx, int64_t after_id,
                                                                int limit) {
  auto& st = tx.prepare(
      "SELECT id, target_arn FROM deliveries WHERE status = 'pending' AND id > ? ORDER BY id"
      " LIMIT ?");
  st.bind_all(after_id, limit);
  std::vector<DueRef> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1)});
  return out;
}

std::vector<DeliveryTable::DueRef> DeliveryTable::retries_due(Transaction& tx, int64_t now_ms,
                                                              int limit) {
  auto& st = tx.prepare(
      "SELECT id, target_arn FROM deliveries WHERE status IN ('pending', 'retrying') AND"
      " status = 'retrying' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?");
  st.bind_all(now_ms, limit);
  std::vector<DueRef> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1)});
  return out;
}

std::optional<int64_t> DeliveryTable::next_due_after(Transaction& tx, int64_t now_ms) {
  auto& st = tx.prepare(
      "SELECT MIN(next_attempt_at) FROM deliveries WHERE status IN ('pending', 'retrying') AND"
      " next_attempt_at > ?");
  st.bind_all(now_ms);
  if (!st.step()) return std::nullopt;
  return st.int64_or_null(0);
}

void DeliveryTable::update_outcome(Transaction& tx, const DeliveryRow& r) {
  tx.prepare(
        "UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, updated_at = ?,"
        " last_status = ?, last_error_code = ?, last_error = ?, dead_letter_arn = ?,"
        " dead_letter_attributes = ? WHERE id = ?")
      .bind_all(r.status, r.attempts, r.next_attempt_at, r.updated_at, r.last_status,
                r.last_error_code, r.last_error, r.dead_letter_arn, r.dead_letter_attributes, r.id)
      .run();
}

void DeliveryTable::add_attempt(Transaction& tx, const AttemptRow& a) {
  tx.prepare(
        "INSERT OR REPLACE INTO delivery_attempts (delivery_id, attempt, started_at, finished_at,"
        " status_code, error_code, error, response) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(a.delivery_id, a.attempt, a.started_at, a.finished_at, a.status_code, a.error_code,
                a.error, a.response)
      .run();
}

std::vector<AttemptRow> DeliveryTable::attempts(Transaction& tx, int64_t delivery_id) {
  auto& st = tx.prepare(
      "SELECT delivery_id, attempt, started_at, finished_at, status_code, error_code, error,"
      " response FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt");
  st.bind_all(delivery_id);
  std::vector<AttemptRow> out;
  while (st.step()) {
    out.push_back({st.int64(0), st.int64(1), st.int64(2), st.int64(3), st.int64_or_null(4),
                   st.text_or_null(5), st.text_or_null(6), st.text_or_null(7)});
  }
  return out;
}

std::vector<DeliveryRow> DeliveryTable::query(Transaction& tx, const DeliveryQuery& q) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns +
                        " FROM deliveries WHERE id > ?1 AND (?2 IS NULL OR account = ?2) AND"
                        " (?3 IS NULL OR region = ?3) AND (?4 IS NULL OR status = ?4) AND"
                        " (?5 IS NULL OR event_id = ?5) AND (?6 IS NULL OR rule_arn = ?6) AND"
                        " (?7 IS NULL OR target_id = ?7) ORDER BY id LIMIT ?8");
  st.bind(1, q.after_id)
      .bind(2, q.account)
      .bind(3, q.region)
      .bind(4, q.status)
      .bind(5, q.event_id)
      .bind(6, q.rule_arn)
      .bind(7, q.target_id)
      .bind(8, q.limit);
  std::vector<DeliveryRow> out;
  while (st.step()) out.push_back(read(st));
  return out;
}

int64_t DeliveryTable::count_open(Transaction& tx) {
  auto& st = tx.prepare("SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'retrying')");
  st.step();
  return st.int64(0);
}

}  // namespace ebs::store
