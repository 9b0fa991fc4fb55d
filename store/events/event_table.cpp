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
)SQL"}}};
}

int64_t EventTable::insert(Transaction& tx, const EventRow& r) {
  tx.prepare(
        "INSERT INTO events (event_id, account, region, bus, source, detail_type, received_at, json)"
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
