#include "store/ec2/snapshot_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kColumns =
    "s.snapshot_id, s.account, s.region, s.volume_id, s.volume_size, s.state, s.status_message,"
    " s.start_time, s.complete_at, s.end_time, s.progress, s.description, s.encrypted,"
    " s.kms_key_id, s.storage_tier, s.kind, s.source_region, s.source_snapshot_id,"
    " s.source_volume_id, s.batch_id, s.request_id";

std::string select(const std::string& rest) {
  return std::string("SELECT ") + kColumns + " FROM snapshots s " + rest;
}

SnapshotRow read_row(Statement& st) {
  SnapshotRow s;
  s.snapshot_id = st.text(0);
  s.account = st.text(1);
  s.region = st.text(2);
  s.volume_id = st.text(3);
  s.volume_size = st.int64(4);
  s.state = st.text(5);
  s.status_message = st.text(6);
  s.start_time = st.int64(7);
  s.complete_at = st.int64(8);
  s.end_time = st.int64_or_null(9);
  s.progress = st.int64(10);
  s.description = st.text(11);
  s.encrypted = st.boolean(12);
  s.kms_key_id = st.text_or_null(13);
  s.storage_tier = st.text(14);
  s.kind = st.text(15);
  s.source_region = st.text_or_null(16);
  s.source_snapshot_id = st.text_or_null(17);
  s.source_volume_id = st.text(18);
  s.batch_id = st.text_or_null(19);
  s.request_id = st.text(20);
  return s;
}

std::vector<SnapshotRow> read_rows(Statement& st) {
  std::vector<SnapshotRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

}  // namespace

void SnapshotTable::insert(Transaction& tx, const SnapshotRow& s) {
  tx.prepare(
        "INSERT INTO snapshots (snapshot_id, account, region, volume_id, volume_size, state,"
        " status_message, start_time, complete_at, end_time, progress, description, encrypted,"
        " kms_key_id, storage_tier, kind, source_region, source_snapshot_id, source_volume_id,"
        " batch_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?)")
      .bind_all(s.snapshot_id, s.account, s.region, s.volume_id, s.volume_size, s.state,
                s.status_message, s.start_time, s.complete_at, s.end_time, s.progress,
                s.description, s.encrypted, s.kms_key_id, s.storage_tier, s.kind, s.source_region,
                s.source_snapshot_id, s.source_volume_id, s.batch_id, s.request_id)
      .run();
}

void SnapshotTable::finish(Transaction& tx, const std::string& snapshot_id,
                           const std::string& state, const std::string& status_message,
                           int64_t end_time, int64_t progress) {
  tx.prepare(
        "UPDATE snapshots SET state = ?, status_message = ?, end_time = ?, progress = ?"
        " WHERE snapshot_id = ?")
      .bind_all(state, status_message, end_time, progress, snapshot_id)
      .run();
}

void SnapshotTable::set_source_facts(Transaction& tx, const std::string& snapshot_id,
                                     int64_t volume_size, const std::string& source_volume_id,
                                     bool encrypted) {
  tx.prepare(
        "UPDATE snapshots SET volume_size = ?, source_volume_id = ?, encrypted = ?"
        " WHERE snapshot_id = ?")
      .bind_all(volume_size, source_volume_id, encrypted, snapshot_id)
      .run();
}

void SnapshotTable::set_storage_tier(Transaction& tx, const std::string& snapshot_id,
                                     const std::string& tier) {
  tx.prepare("UPDATE snapshots SET storage_tier = ? WHERE snapshot_id = ?")
      .bind_all(tier, snapshot_id)
      .run();
}

void SnapshotTable::remove(Transaction& tx, const std::string& snapshot_id) {
  tx.prepare("DELETE FROM snapshot_permissions WHERE snapshot_id = ?").bind(1, snapshot_id).run();
  tx.prepare("DELETE FROM tags WHERE resource_id = ?").bind(1, snapshot_id).run();
  tx.prepare("DELETE FROM snapshots WHERE snapshot_id = ?").bind(1, snapshot_id).run();
}

std::optional<SnapshotRow> SnapshotTable::by_id(Transaction& tx, const std::string& snapshot_id) {
  auto& st = tx.prepare(select("WHERE s.snapshot_id = ?"));
  st.bind(1, snapshot_id);
  auto rows = read_rows(st);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<SnapshotRow> SnapshotTable::list_owned(Transaction& tx, const std::string& account,
                                                   const std::string& region,
                                                   const std::string& after_id, int64_t limit) {
  auto& st = tx.prepare(
      select("WHERE s.account = ? AND s.region = ? AND s.snapshot_id > ? ORDER BY s.snapshot_id"
             " LIMIT ?"));
  st.bind_all(account, region, after_id, limit > 0 ? limit : int64_t{-1});
  return read_rows(st);
}

std::vector<SnapshotRow> SnapshotTable::list_granted(Transaction& tx, const std::string& region,
                                                     const std::string& grantee,
                                                     const std::string& exclude_owner,
                                                     const std::string& after_id, int64_t limit) {
  auto& st = tx.prepare(
      select("JOIN snapshot_permissions p ON p.snapshot_id = s.snapshot_id"
             " WHERE p.region = ? AND p.grantee = ? AND p.snapshot_id > ? AND s.account <> ?"
             " ORDER BY p.snapshot_id LIMIT ?"));
  st.bind_all(region, grantee, after_id, exclude_owner, limit > 0 ? limit : int64_t{-1});
  return read_rows(st);
}

std::vector<std::string> SnapshotTable::ids_with_tag(Transaction& tx, const std::string& account,
                                                     const std::string& region,
                                                     const std::string& key,
                                                     const std::optional<std::string>& value) {
  Statement* st;
  if (value) {
    st = &tx.prepare(
        "SELECT resource_id FROM tags INDEXED BY tags_key_value WHERE account = ? AND region = ?"
        " AND key = ? AND value = ? AND resource_type = 'snapshot' ORDER BY resource_id");
    st->bind_all(account, region, key, *value);
  } else {
    st = &tx.prepare(
        "SELECT resource_id FROM tags INDEXED BY tags_key_value WHERE account = ? AND region = ?"
        " AND key = ? AND resource_type = 'snapshot' ORDER BY resource_id");
    st->bind_all(account, region, key);
  }
  std::vector<std::string> out;
  while (st->step()) out.push_back(st->text(0));
  return out;
}

std::vector<SnapshotRow> SnapshotTable::in_batch(Transaction& tx, const std::string& batch_id) {
  auto& st = tx.prepare(select("WHERE s.batch_id = ? ORDER BY s.snapshot_id"));
  st.bind(1, batch_id);
  return read_rows(st);
}

bool SnapshotTable::has_completed_copy_of(Transaction& tx, const std::string& account,
                                          const std::string& region,
                                          const std::string& source_volume_id,
                                          const std::string& except_snapshot_id) {
  auto& st = tx.prepare(
      "SELECT 1 FROM snapshots WHERE account = ? AND region = ? AND source_volume_id = ?"
      " AND kind = 'copy' AND state = 'completed' AND snapshot_id <> ? LIMIT 1");
  st.bind_all(account, region, source_volume_id, except_snapshot_id);
  return st.step();
}

bool SnapshotTable::grant(Transaction& tx, const std::string& snapshot_id,
                          const std::string& region, const std::string& grantee) {
  tx.prepare(
        "INSERT OR IGNORE INTO snapshot_permissions (snapshot_id, region, grantee)"
        " VALUES (?, ?, ?)")
      .bind_all(snapshot_id, region, grantee)
      .run();
  return tx.db().changes() > 0;
}

void SnapshotTable::revoke(Transaction& tx, const std::string& snapshot_id,
                           const std::string& grantee) {
  tx.prepare("DELETE FROM snapshot_permissions WHERE snapshot_id = ? AND grantee = ?")
      .bind_all(snapshot_id, grantee)
      .run();
}

void SnapshotTable::revoke_all(Transaction& tx, const std::string& snapshot_id) {
  tx.prepare("DELETE FROM snapshot_permissions WHERE snapshot_id = ?").bind(1, snapshot_id).run();
}

std::vector<std::string> SnapshotTable::grantees(Transaction& tx, const std::string& snapshot_id) {
  auto& st =
      tx.prepare("SELECT grantee FROM snapshot_permissions WHERE snapshot_id = ? ORDER BY grantee");
  st.bind(1, snapshot_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace ebs::store
