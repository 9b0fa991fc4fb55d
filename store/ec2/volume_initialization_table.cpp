#include "store/ec2/volume_initialization_table.hpp"

#include <algorithm>

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT volume_id, rate, fast_restored, initialized_at FROM volume_initialization ";

VolumeInitializationRow read_row(Statement& st) {
  return {st.text(0), st.int64_or_null(1), st.boolean(2), st.int64_or_null(3)};
}

}  // namespace

ModuleSchema VolumeInitializationTable::schema() {
  return {"volume_initialization", {{1, R"SQL(
CREATE TABLE volume_initialization (
  volume_id TEXT PRIMARY KEY,
  rate INTEGER,
  fast_restored INTEGER NOT NULL DEFAULT 0,
  initialized_at INTEGER
);
)SQL"}}};
}

void VolumeInitializationTable::put(Transaction& tx, const VolumeInitializationRow& r) {
  tx.prepare(
        "INSERT OR REPLACE INTO volume_initialization (volume_id, rate, fast_restored,"
        " initialized_at) VALUES (?, ?, ?, ?)")
      .bind_all(r.volume_id, r.rate, r.fast_restored, r.initialized_at)
      .run();
}

std::optional<VolumeInitializationRow> VolumeInitializationTable::get(
    Transaction& tx, const std::string& volume_id) {
  auto& st = tx.prepare(std::string(kSelect) + "WHERE volume_id = ?");
  st.bind(1, volume_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::map<std::string, VolumeInitializationRow> VolumeInitializationTable::get_many(
    Transaction& tx, const std::vector<std::string>& ids) {
  std::map<std::string, VolumeInitializationRow> out;
  constexpr size_t kChunk = 256;  // one statement per chunk, its placeholders in one shape
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    size_t n = std::min(kChunk, ids.size() - i);
    std::string sql = std::string(kSelect) + "WHERE volume_id IN (";
    for (size_t k = 0; k < n; ++k) sql += k == 0 ? "?" : ", ?";
    sql += ") ORDER BY volume_id";
    auto& st = tx.prepare(sql);
    for (size_t k = 0; k < n; ++k) st.bind(static_cast<int>(k + 1), ids[i + k]);
    while (st.step()) {
      auto row = read_row(st);
      out.emplace(row.volume_id, std::move(row));
    }
  }
  return out;
}

void VolumeInitializationTable::set_initialized(Transaction& tx, const std::string& volume_id,
                                                int64_t at_ms) {
  tx.prepare("UPDATE volume_initialization SET initialized_at = ? WHERE volume_id = ?")
      .bind_all(at_ms, volume_id)
      .run();
}

void VolumeInitializationTable::remove(Transaction& tx, const std::string& volume_id) {
  tx.prepare("DELETE FROM volume_initialization WHERE volume_id = ?").bind(1, volume_id).run();
}

}  // namespace ebs::store
