#include "store/ec2/fast_snapshot_restore_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT account, region, snapshot_id, availability_zone, snapshot_owner, state,"
    " state_transition_reason, enabling_time, optimizing_time, enabled_time, disabling_time,"
    " disabled_time FROM fast_snapshot_restores ";

FastSnapshotRestoreRow read_row(Statement& st) {
  FastSnapshotRestoreRow r;
  r.account = st.text(0);
  r.region = st.text(1);
  r.snapshot_id = st.text(2);
  r.availability_zone = st.text(3);
  r.snapshot_owner = st.text(4);
  r.state = st.text(5);
  r.state_transition_reason = st.text(6);
  r.enabling_time = st.int64_or_null(7);
  r.optimizing_time = st.int64_or_null(8);
  r.enabled_time = st.int64_or_null(9);
  r.disabling_time = st.int64_or_null(10);
  r.disabled_time = st.int64_or_null(11);
  return r;
}

std::vector<FastSnapshotRestoreRow> read_all(Statement& st) {
  std::vector<FastSnapshotRestoreRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

}  // namespace

ModuleSchema FastSnapshotRestoreTable::schema() {
  return {"fast_snapshot_restore", {{1, R"SQL(
CREATE TABLE fast_snapshot_restores (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  snapshot_id TEXT NOT NULL,
  availability_zone TEXT NOT NULL,
  snapshot_owner TEXT NOT NULL,
  state TEXT NOT NULL,
  state_transition_reason TEXT NOT NULL,
  enabling_time INTEGER,
  optimizing_time INTEGER,
  enabled_time INTEGER,
  disabling_time INTEGER,
  disabled_time INTEGER,
  PRIMARY KEY (account, snapshot_id, availability_zone)
);
CREATE INDEX fast_snapshot_restores_by_snapshot ON fast_snapshot_restores (snapshot_id);
CREATE INDEX fast_snapshot_restores_by_owner ON fast_snapshot_restores (snapshot_owner, region);
)SQL"}}};
}

void FastSnapshotRestoreTable::put(Transaction& tx, const FastSnapshotRestoreRow& r) {
  tx.prepare(
        "INSERT OR REPLACE INTO fast_snapshot_restores (account, region, snapshot_id,"
        " availability_zone, snapshot_owner, state, state_transition_reason, enabling_time,"
        " optimizing_time, enabled_time, disabling_time, disabled_time)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.account, r.region, r.snapshot_id, r.availability_zone, r.snapshot_owner, r.state,
                r.state_transition_reason, r.enabling_time, r.optimizing_time, r.enabled_time,
                r.disabling_time, r.disabled_time)
      .run();
}

std::optional<FastSnapshotRestoreRow> FastSnapshotRestoreTable::get(Transaction& tx,
                                                                    const std::string& account,
                                                                    const std::string& snapshot_id,
                                                                    const std::string& zone) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE account = ? AND snapshot_id = ? AND availability_zone = ?");
  st.bind_all(account, snapshot_id, zone);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

void FastSnapshotRestoreTable::remove(Transaction& tx, const std::string& account,
                                      const std::string& snapshot_id, const std::string& zone) {
  tx.prepare(
        "DELETE FROM fast_snapshot_restores WHERE account = ? AND snapshot_id = ? AND"
        " availability_zone = ?")
      .bind_all(account, snapshot_id, zone)
      .run();
}

std::vector<FastSnapshotRestoreRow> FastSnapshotRestoreTable::list(Transaction& tx,
                                                                   const std::string& account,
                                                                   const std::string& region) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE account = ? AND region = ? ORDER BY snapshot_id, availability_zone");
  st.bind_all(account, region);
  return read_all(st);
}

std::vector<FastSnapshotRestoreRow> FastSnapshotRestoreTable::for_snapshot(
    Transaction& tx, const std::string& snapshot_id) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE snapshot_id = ? ORDER BY account, availability_zone");
  st.bind(1, snapshot_id);
  return read_all(st);
}

std::vector<FastSnapshotRestoreRow> FastSnapshotRestoreTable::on_snapshots_of(
    Transaction& tx, const std::string& owner, const std::string& region) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE snapshot_owner = ? AND region = ? AND account <> snapshot_owner"
                        " ORDER BY account, snapshot_id, availability_zone");
  st.bind_all(owner, region);
  return read_all(st);
}

std::vector<FastSnapshotRestoreRow> FastSnapshotRestoreTable::all(Transaction& tx) {
  auto& st = tx.prepare(std::string(kSelect) + "ORDER BY account, snapshot_id, availability_zone");
  return read_all(st);
}

}  // namespace ebs::store
