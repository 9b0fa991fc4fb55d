#include "store/ec2/snapshot_lock_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT snapshot_id, account, region, mode, state, created_on, duration_days,"
    " expiration_date, duration_start, expires_on, cool_off_hours, cool_off_expires_on"
    " FROM snapshot_locks ";

SnapshotLockRow read_row(Statement& st) {
  SnapshotLockRow r;
  r.snapshot_id = st.text(0);
  r.account = st.text(1);
  r.region = st.text(2);
  r.mode = st.text(3);
  r.state = st.text(4);
  r.created_on = st.int64(5);
  r.duration_days = st.int64_or_null(6);
  r.expiration_date = st.int64_or_null(7);
  r.duration_start = st.int64_or_null(8);
  r.expires_on = st.int64_or_null(9);
  r.cool_off_hours = st.int64_or_null(10);
  r.cool_off_expires_on = st.int64_or_null(11);
  return r;
}

}  // namespace

ModuleSchema SnapshotLockTable::schema() {
  return {"ec2_snapshot_locks", {{1, R"SQL(
CREATE TABLE snapshot_locks (
  snapshot_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  mode TEXT NOT NULL,
  state TEXT NOT NULL,
  created_on INTEGER NOT NULL,
  duration_days INTEGER,
  expiration_date INTEGER,
  duration_start INTEGER,
  expires_on INTEGER,
  cool_off_hours INTEGER,
  cool_off_expires_on INTEGER
);
CREATE INDEX snapshot_locks_scope ON snapshot_locks (account, region, snapshot_id);
)SQL"}}};
}

void SnapshotLockTable::put(Transaction& tx, const SnapshotLockRow& r) {
  tx.prepare(
        "INSERT OR REPLACE INTO snapshot_locks (snapshot_id, account, region, mode, state,"
        " created_on, duration_days, expiration_date, duration_start, expires_on, cool_off_hours,"
        " cool_off_expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.snapshot_id, r.account, r.region, r.mode, r.state, r.created_on, r.duration_days,
                r.expiration_date, r.duration_start, r.expires_on, r.cool_off_hours,
                r.cool_off_expires_on)
      .run();
}

std::optional<SnapshotLockRow> SnapshotLockTable::get(Transaction& tx,
                                                      const std::string& snapshot_id) {
  auto& st = tx.prepare(std::string(kSelect) + "WHERE snapshot_id = ?");
  st.bind(1, snapshot_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

void SnapshotLockTable::remove(Transaction& tx, const std::string& snapshot_id) {
  tx.prepare("DELETE FROM snapshot_locks WHERE snapshot_id = ?").bind(1, snapshot_id).run();
}

std::vector<SnapshotLockRow> SnapshotLockTable::list(Transaction& tx, const std::string& account,
                                                     const std::string& region,
                                                     const std::string& after_id, int64_t limit) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE (? = '' OR account = ?) AND (? = '' OR region = ?)"
                        " AND snapshot_id > ? ORDER BY snapshot_id LIMIT ?");
  st.bind_all(account, account, region, region, after_id, limit > 0 ? limit : int64_t{-1});
  std::vector<SnapshotLockRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

}  // namespace ebs::store
