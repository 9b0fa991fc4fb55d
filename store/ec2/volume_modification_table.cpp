#include "store/ec2/volume_modification_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT volume_id, account, region, state, status_message, target_size, target_iops,"
    " target_volume_type, target_throughput, target_multi_attach, original_size, original_iops,"
    " original_volume_type, original_throughput, original_multi_attach, progress, start_time,"
    " end_time, request_id FROM volume_modifications ";

VolumeModificationRow read_row(Statement& st) {
  VolumeModificationRow m;
  m.volume_id = st.text(0);
  m.account = st.text(1);
  m.region = st.text(2);
  m.state = st.text(3);
  m.status_message = st.text(4);
  m.target_size = st.int64(5);
  m.target_iops = st.int64_or_null(6);
  m.target_volume_type = st.text(7);
  m.target_throughput = st.int64_or_null(8);
  m.target_multi_attach = st.boolean(9);
  m.original_size = st.int64(10);
  m.original_iops = st.int64_or_null(11);
  m.original_volume_type = st.text(12);
  m.original_throughput = st.int64_or_null(13);
  m.original_multi_attach = st.boolean(14);
  m.progress = st.int64(15);
  m.start_time = st.int64(16);
  m.end_time = st.int64_or_null(17);
  m.request_id = st.text(18);
  return m;
}

}  // namespace

void VolumeModificationTable::put(Transaction& tx, const VolumeModificationRow& m) {
  tx.prepare(
        "INSERT OR REPLACE INTO volume_modifications (volume_id, account, region, state,"
        " status_message, target_size, target_iops, target_volume_type, target_throughput,"
        " target_multi_attach, original_size, original_iops, original_volume_type,"
        " original_throughput, original_multi_attach, progress, start_time, end_time, request_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(m.volume_id, m.account, m.region, m.state, m.status_message, m.target_size,
                m.target_iops, m.target_volume_type, m.target_throughput, m.target_multi_attach,
                m.original_size, m.original_iops, m.original_volume_type, m.original_throughput,
                m.original_multi_attach, m.progress, m.start_time, m.end_time, m.request_id)
      .run();
}

std::optional<VolumeModificationRow> VolumeModificationTable::get(Transaction& tx,
                                                                  const std::string& account,
                                                                  const std::string& region,
                                                                  const std::string& volume_id) {
  auto& st =
      tx.prepare(std::string(kSelect) + "WHERE volume_id = ? AND account = ? AND region = ?");
  st.bind_all(volume_id, account, region);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::optional<VolumeModificationRow> VolumeModificationTable::by_id(Transaction& tx,
                                                                    const std::string& volume_id) {
  auto& st = tx.prepare(std::string(kSelect) + "WHERE volume_id = ?");
  st.bind(1, volume_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<VolumeModificationRow> VolumeModificationTable::list(Transaction& tx,
                                                                 const std::string& account,
                                                                 const std::string& region,
                                                                 const std::string& after_id,
                                                                 int64_t limit) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE account = ? AND region = ? AND volume_id > ?"
                        " ORDER BY volume_id LIMIT ?");
  st.bind_all(account, region, after_id, limit > 0 ? limit : int64_t{-1});
  std::vector<VolumeModificationRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

void VolumeModificationTable::remove(Transaction& tx, const std::string& volume_id) {
  tx.prepare("DELETE FROM volume_modifications WHERE volume_id = ?").bind(1, volume_id).run();
}

}  // namespace ebs::store
