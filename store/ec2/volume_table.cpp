#include "store/ec2/volume_table.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT volume_id, account, region, availability_zone, size, snapshot_id, state, create_time,"
    " volume_type, iops, throughput, encrypted, kms_key_id, multi_attach, client_token, request_id"
    " FROM volumes ";

VolumeRow read_row(Statement& st) {
  VolumeRow v;
  v.volume_id = st.text(0);
  v.account = st.text(1);
  v.region = st.text(2);
  v.availability_zone = st.text(3);
  v.size = st.int64(4);
  v.snapshot_id = st.text(5);
  v.state = st.text(6);
  v.create_time = st.int64(7);
  v.volume_type = st.text(8);
  v.iops = st.int64_or_null(9);
  v.throughput = st.int64_or_null(10);
  v.encrypted = st.boolean(11);
  v.kms_key_id = st.text_or_null(12);
  v.multi_attach = st.boolean(13);
  v.client_token = st.text_or_null(14);
  v.request_id = st.text(15);
  return v;
}

// Reads the selected volumes, then all their attachments with one query (a page of 50 volumes is
// two statements, not 51).
std::vector<VolumeRow> read_rows(Transaction& tx, Statement& st) {
  std::vector<VolumeRow> out;
  while (st.step()) out.push_back(read_row(st));
  if (out.size() == 1) {
    out[0].attachments = VolumeTable::attachments(tx, out[0].volume_id);
  } else if (!out.empty()) {
    std::unordered_map<std::string, size_t> position;
    nlohmann::json ids = nlohmann::json::array();
    for (size_t i = 0; i < out.size(); ++i) {
      position.emplace(out[i].volume_id, i);
      ids.push_back(out[i].volume_id);
    }
    auto& a = tx.prepare(
        "SELECT volume_id, instance_id, device, state, attach_time, delete_on_termination"
        " FROM attachments WHERE volume_id IN (SELECT value FROM json_each(?))"
        " ORDER BY volume_id, instance_id");
    a.bind(1, ids.dump());
    while (a.step()) {
      auto it = position.find(a.text(0));
      if (it == position.end()) continue;
      out[it->second].attachments.push_back(
          {a.text(0), a.text(1), a.text(2), a.text(3), a.int64(4), a.boolean(5)});
    }
  }
  return out;
}

std::optional<VolumeRow> read_one(Transaction& tx, Statement& st) {
  auto rows = read_rows(tx, st);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

}  // namespace

void VolumeTable::insert(Transaction& tx, const VolumeRow& v) {
  tx.prepare(
        "INSERT INTO volumes (volume_id, account, region, availability_zone, size, snapshot_id,"
        " state, create_time, volume_type, iops, throughput, encrypted, kms_key_id, multi_attach,"
        " client_token, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(v.volume_id, v.account, v.region, v.availability_zone, v.size, v.snapshot_id,
                v.state, v.create_time, v.volume_type, v.iops, v.throughput, v.encrypted,
                v.kms_key_id, v.multi_attach, v.client_token, v.request_id)
      .run();
}

void VolumeTable::update(Transaction& tx, const VolumeRow& v) {
  tx.prepare(
        "UPDATE volumes SET availability_zone = ?, size = ?, snapshot_id = ?, state = ?,"
        " create_time = ?, volume_type = ?, iops = ?, throughput = ?, encrypted = ?,"
        " kms_key_id = ?, multi_attach = ?, client_token = ?, request_id = ? WHERE volume_id = ?")
      .bind_all(v.availability_zone, v.size, v.snapshot_id, v.state, v.create_time, v.volume_type,
                v.iops, v.throughput, v.encrypted, v.kms_key_id, v.multi_attach, v.client_token,
                v.request_id, v.volume_id)
      .run();
}

void VolumeTable::set_state(Transaction& tx, const std::string& volume_id,
                            const std::string& state) {
  tx.prepare("UPDATE volumes SET state = ? WHERE volume_id = ?").bind_all(state, volume_id).run();
}

void VolumeTable::remove(Transaction& tx, const std::string& volume_id) {
  tx.prepare("DELETE FROM attachments WHERE volume_id = ?").bind(1, volume_id).run();
  tx.prepare("DELETE FROM tags WHERE resource_id = ?").bind(1, volume_id).run();
  tx.prepare("DELETE FROM volume_modifications WHERE volume_id = ?").bind(1, volume_id).run();
  tx.prepare("DELETE FROM volumes WHERE volume_id = ?").bind(1, volume_id).run();
}

std::optional<VolumeRow> VolumeTable::get(Transaction& tx, const std::string& account,
                                          const std::string& region, const std::string& volume_id) {
  auto& st =
      tx.prepare(std::string(kSelect) + "WHERE volume_id = ? AND account = ? AND region = ?");
  st.bind_all(volume_id, account, region);
  return read_one(tx, st);
}

std::vector<VolumeRow> VolumeTable::get_many(Transaction& tx, const std::string& account,
                                             const std::string& region,
                                             const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  nlohmann::json list = ids;
  // CROSS JOIN keeps SQLite from walking the (account, region) index: each id is a primary-key
  // lookup, so 100 ids cost 100 lookups whatever the table size.
  static const std::string kSql =
      std::string(kSelect).replace(std::string(kSelect).find("FROM volumes "), 13,
                                   "FROM json_each(?) AS j CROSS JOIN volumes ON volumes.volume_id"
                                   " = j.value ") +
      "WHERE volumes.account = ? AND volumes.region = ? ORDER BY volumes.volume_id";
  auto& st = tx.prepare(kSql);
  st.bind_all(list.dump(), account, region);
  return read_rows(tx, st);
}

std::optional<VolumeRow> VolumeTable::by_id(Transaction& tx, const std::string& volume_id) {
  auto& st = tx.prepare(std::string(kSelect) + "WHERE volume_id = ?");
  st.bind(1, volume_id);
  return read_one(tx, st);
}

std::optional<VolumeRow> VolumeTable::by_client_token(Transaction& tx, const std::string& account,
                                                      const std::string& region,
                                                      const std::string& token) {
  auto& st =
      tx.prepare(std::string(kSelect) + "WHERE account = ? AND region = ? AND client_token = ?");
  st.bind_all(account, region, token);
  return read_one(tx, st);
}

std::vector<VolumeRow> VolumeTable::list(Transaction& tx, const std::string& account,
                                         const std::string& region, const std::string& after_id,
                                         int64_t limit) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE account = ? AND region = ? AND volume_id > ? ORDER BY volume_id"
                        " LIMIT ?");
  st.bind_all(account, region, after_id, limit > 0 ? limit : int64_t{-1});
  return read_rows(tx, st);
}

std::vector<VolumeRow> VolumeTable::for_instance(Transaction& tx, const std::string& instance_id) {
  auto& st =
      tx.prepare(std::string(kSelect) +
                 "WHERE volume_id IN (SELECT volume_id FROM attachments WHERE instance_id = ?)"
                 " ORDER BY volume_id");
  st.bind(1, instance_id);
  return read_rows(tx, st);
}

std::vector<std::string> VolumeTable::ids_where(Transaction& tx, const std::string& account,
                                                const std::string& region, Column column,
                                                const std::string& value) {
  // One named statement per indexed column (no SQL built from input).
  static constexpr const char* kByState =
      "SELECT volume_id FROM volumes WHERE account = ? AND region = ? AND state = ?"
      " ORDER BY volume_id";
  static constexpr const char* kByZone =
      "SELECT volume_id FROM volumes WHERE account = ? AND region = ? AND availability_zone = ?"
      " ORDER BY volume_id";
  static constexpr const char* kBySnapshot =
      "SELECT volume_id FROM volumes WHERE account = ? AND region = ? AND snapshot_id = ?"
      " ORDER BY volume_id";
  static constexpr const char* kByType =
      "SELECT volume_id FROM volumes WHERE account = ? AND region = ? AND volume_type = ?"
      " ORDER BY volume_id";
  const char* sql = column == Column::kState              ? kByState
                    : column == Column::kAvailabilityZone ? kByZone
                    : column == Column::kSnapshotId       ? kBySnapshot
                                                          : kByType;
  auto& st = tx.prepare(sql);
  st.bind_all(account, region, value);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<std::string> VolumeTable::ids_where_after(Transaction& tx, const std::string& account,
                                                      const std::string& region, Column column,
                                                      const std::string& value,
                                                      const std::string& after_id, int64_t limit) {
  static constexpr const char* kByState =
      "SELECT volume_id FROM volumes WHERE account = ? AND region = ? AND state = ?"
      " AND volume_id > ? ORDER BY volume_id LIMIT ?";
  static constexpr const char* kByZone =
      "SELECT volume_id FROM volumes WHERE account = ? AND region = ? AND availability_zone = ?"
      " AND volume_id > ? ORDER BY volume_id LIMIT ?";
  static constexpr const char* kBySnapshot =
      "SELECT volume_id FROM volumes WHERE account = ? AND region = ? AND snapshot_id = ?"
      " AND volume_id > ? ORDER BY volume_id LIMIT ?";
  static constexpr const char* kByType =
      "SELECT volume_id FROM volumes WHERE account = ? AND region = ? AND volume_type = ?"
      " AND volume_id > ? ORDER BY volume_id LIMIT ?";
  const char* sql = column == Column::kState              ? kByState
                    : column == Column::kAvailabilityZone ? kByZone
                    : column == Column::kSnapshotId       ? kBySnapshot
                                                          : kByType;
  auto& st = tx.prepare(sql);
  st.bind_all(account, region, value, after_id, limit > 0 ? limit : int64_t{-1});
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<std::string> VolumeTable::ids_attached_to(Transaction& tx,
                                                      const std::string& instance_id) {
  auto& st =
      tx.prepare("SELECT volume_id FROM attachments WHERE instance_id = ? ORDER BY volume_id");
  st.bind(1, instance_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<AttachmentRow> VolumeTable::attachments_of_instance(Transaction& tx,
                                                                const std::string& instance_id) {
  auto& st = tx.prepare(
      "SELECT volume_id, instance_id, device, state, attach_time, delete_on_termination"
      " FROM attachments WHERE instance_id = ? ORDER BY device, volume_id");
  st.bind(1, instance_id);
  std::vector<AttachmentRow> out;
  while (st.step()) {
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.int64(4), st.boolean(5)});
  }
  return out;
}

void VolumeTable::put_attachment(Transaction& tx, const AttachmentRow& a) {
  tx.prepare(
        "INSERT OR REPLACE INTO attachments (volume_id, instance_id, device, state, attach_time,"
        " delete_on_termination) VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(a.volume_id, a.instance_id, a.device, a.state, a.attach_time,
                a.delete_on_termination)
      .run();
}

void VolumeTable::remove_attachment(Transaction& tx, const std::string& volume_id,
                                    const std::string& instance_id) {
  tx.prepare("DELETE FROM attachments WHERE volume_id = ? AND instance_id = ?")
      .bind_all(volume_id, instance_id)
      .run();
}

std::vector<AttachmentRow> VolumeTable::attachments(Transaction& tx, const std::string& volume_id) {
  auto& st = tx.prepare(
      "SELECT volume_id, instance_id, device, state, attach_time, delete_on_termination"
      " FROM attachments WHERE volume_id = ? ORDER BY instance_id");
  st.bind(1, volume_id);
  std::vector<AttachmentRow> out;
  while (st.step()) {
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.int64(4), st.boolean(5)});
  }
  return out;
}

}  // namespace ebs::store
