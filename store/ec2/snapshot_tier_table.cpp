#include "store/ec2/snapshot_tier_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT snapshot_id, account, region, status, status_detail, start_time, due_at, end_time,"
    " progress, archival_complete_time, restore_days, restore_expiry_time, request_id"
    " FROM snapshot_tiers ";

SnapshotTierRow read_row(Statement& st) {
  SnapshotTierRow r;
  r.snapshot_id = st.text(0);
  r.account = st.text(1);
  r.region = st.text(2);
  r.status = st.text(3);
  r.status_detail = st.text(4);
  r.start_time = st.int64(5);
  r.due_at = st.int64(6);
  r.end_time = st.int64_or_null(7);
  r.progress = st.int64(8);
  r.archival_complete_time = st.int64_or_null(9);
  r.restore_days = st.int64_or_null(10);
  r.restore_expiry_time = st.int64_or_null(11);
  r.request_id = st.text(12);
  return r;
}

}  // namespace

ModuleSchema SnapshotTierTable::schema() {
  return {"ec2_snapshot_tiers", {{1, R"SQL(
CREATE TABLE snapshot_tiers (
  snapshot_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  status TEXT NOT NULL,
  status_detail TEXT NOT NULL DEFAULT '',
  start_time INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  end_time INTEGER,
  progress INTEGER NOT NULL DEFAULT 0,
  archival_complete_time INTEGER,
  restore_days INTEGER,
  restore_expiry_time INTEGER,
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX snapshot_tiers_scope ON snapshot_tiers (account, region, snapshot_id);
)SQL"}}};
}

void SnapshotTierTable::put(Transaction& tx, const SnapshotTierRow& r) {
  tx.prepare(
        "INSERT OR REPLACE INTO snapshot_tiers (snapshot_id, account, region, status,"
        " status_detail, start_time, due_at, end_time, progress, archival_complete_time,"
        " restore_days, restore_expiry_time, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?)")
      .bind_all(r.snapshot_id, r.account, r.region, r.status, r.status_detail, r.start_time,
                r.due_at, r.end_time, r.progress, r.archival_complete_time, r.restore_days,
                r.restore_expiry_time, r.request_id)
      .run();
}

std::optional<SnapshotTierRow> SnapshotTierTable::get(Transaction& tx,
                                                      const std::string& snapshot_id) {
  auto& st = tx.prepare(std::string(kSelect) + "WHERE snapshot_id = ?");
  st.bind(1, snapshot_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

void SnapshotTierTable::remove(Transaction& tx, const std::string& snapshot_id) {
  tx.prepare("DELETE FROM snapshot_tiers WHERE snapshot_id = ?").bind(1, snapshot_id).run();
}

std::vector<SnapshotTierRow> SnapshotTierTable::list(Transaction& tx, const std::string& account,
                                                     const std::string& region) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE (? = '' OR account = ?) AND (? = '' OR region = ?)"
                        " ORDER BY snapshot_id");
  st.bind_all(account, account, region, region);
  std::vector<SnapshotTierRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

}  // namespace ebs::store
