#include "store/events/event_table.hpp"

namespace ebs::store {

ModuleSchema EventTable::schema() {
  return {"events",
          {{1, R"SQL(
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  bus TEXT NOT NULL,
  source TEXT NOT NULL,
  detail_type TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX events_scope ON events(account, region, seq);
)SQL"},
           {2, R"SQL(
CREATE TABLE event_buses (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  name TEXT NOT NULL,
  arn TEXT NOT NULL,
  description TEXT,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  PRIMARY KEY (account, region, name)
);
CREATE TABLE event_rules (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  bus TEXT NOT NULL,
  name TEXT NOT NULL,
  arn TEXT NOT NULL,
  event_pattern TEXT,
  schedule_expression TEXT,
  state TEXT NOT NULL,
  description TEXT,
  role_arn TEXT,
  managed_by TEXT,
  created_by TEXT NOT NULL,
  PRIMARY KEY (account, region, bus, name)
);
CREATE TABLE event_targets (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  bus TEXT NOT NULL,
  rule TEXT NOT NULL,
  target_id TEXT NOT NULL,
  arn TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (account, region, bus, rule, target_id)
);
CREATE INDEX event_targets_arn ON event_targets(account, region, bus, arn);
CREATE TABLE event_tags (
  arn TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (arn, key)
);
CREATE TABLE event_connections (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  name TEXT NOT NULL,
  arn TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (account, region, name)
);
CREATE TABLE event_api_destinations (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  name TEXT NOT NULL,
  arn TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (account, region, name)
);
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  bus TEXT NOT NULL,
  rule_arn TEXT NOT NULL,
  target_id TEXT NOT NULL,
  target_arn TEXT NOT NULL,
  target_json TEXT NOT NULL,
  payload TEXT NOT NULL,
  hop INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_status INTEGER,
  last_error_code TEXT,
  last_error TEXT,
  dead_letter_arn TEXT,
  dead_letter_attributes TEXT
);
CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX deliveries_event ON deliveries(event_id);
CREATE TABLE delivery_attempts (
  delivery_id INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  status_code INTEGER,
  error_code TEXT,
  error TEXT,
  response TEXT,
  PRIMARY KEY (delivery_id, attempt)
);
)SQL"}}};
}

int64_t EventTable::insert(Transaction& tx, const EventRow& r) {
  tx.prepare(
        "INSERT INTO events (event_id, account, region, bus, source, detail_type, received_at, "
        "json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.event_id, r.account, r.region, r.bus, r.source, r.detail_type, r.received_at,
                r.json)
      .run();
  return tx.db().last_insert_rowid();
}

std::vector<EventRow> EventTable::query(Transaction& tx, const EventQuery& q) {
  auto& st = tx.prepare(
      "SELECT seq, event_id, account, region, bus, source, detail_type, received_at, json"
      " FROM events WHERE seq > ?1 AND (?2 IS NULL OR account = ?2) AND (?3 IS NULL OR region = ?3)"
      " AND (?4 IS NULL OR source = ?4) AND (?5 IS NULL OR detail_type = ?5)"
      " AND (?6 IS NULL OR bus = ?6) ORDER BY seq LIMIT ?7");
  st.bind(1, q.after_seq)
      .bind(2, q.account)
      .bind(3, q.region)
      .bind(4, q.source)
      .bind(5, q.detail_type)
      .bind(6, q.bus)
      .bind(7, q.limit);
  std::vector<EventRow> out;
  while (st.step()) {
    out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                   st.text(6), st.int64(7), st.text(8)});
  }
  return out;
}

}  // namespace ebs::store
