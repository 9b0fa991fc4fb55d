#include "store/ec2/instance_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT instance_id, account, region, reservation_id, image_id, instance_type,"
    " availability_zone, state, launch_time, root_device_name, state_reason, transition_reason,"
    " launch_index, client_token FROM instances ";

InstanceRow read_row(Statement& st) {
  InstanceRow r;
  r.instance_id = st.text(0);
  r.account = st.text(1);
  r.region = st.text(2);
  r.reservation_id = st.text(3);
  r.image_id = st.text(4);
  r.instance_type = st.text(5);
  r.availability_zone = st.text(6);
  r.state = st.text(7);
  r.launch_time = st.int64(8);
  r.root_device_name = st.text(9);
  r.state_reason = st.text(10);
  r.transition_reason = st.text(11);
  r.launch_index = st.int64(12);
  r.client_token = st.text_or_null(13);
  return r;
}

std::vector<InstanceRow> read_rows(Statement& st) {
  std::vector<InstanceRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

}  // namespace

void InstanceTable::insert(Transaction& tx, const InstanceRow& r) {
  tx.prepare(
        "INSERT INTO instances (instance_id, account, region, reservation_id, image_id,"
        " instance_type, availability_zone, state, launch_time, root_device_name, state_reason,"
        " transition_reason, launch_index, client_token)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.instance_id, r.account, r.region, r.reservation_id, r.image_id, r.instance_type,
                r.availability_zone, r.state, r.launch_time, r.root_device_name, r.state_reason,
                r.transition_reason, r.launch_index, r.client_token)
      .run();
}

void InstanceTable::set_state(Transaction& tx, const std::string& instance_id,
                              const std::string& state, const std::string& transition_reason,
                              const std::string& state_reason) {
  tx.prepare(
        "UPDATE instances SET state = ?, transition_reason = ?, state_reason = ?"
        " WHERE instance_id = ?")
      .bind_all(state, transition_reason, state_reason, instance_id)
      .run();
}

std::optional<InstanceRow> InstanceTable::get(Transaction& tx, const std::string& account,
                                              const std::string& region,
                                              const std::string& instance_id) {
  auto& st =
      tx.prepare(std::string(kSelect) + "WHERE instance_id = ? AND account = ? AND region = ?");
  st.bind_all(instance_id, account, region);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::optional<InstanceRow> InstanceTable::by_id(Transaction& tx, const std::string& instance_id) {
  auto& st = tx.prepare(std::string(kSelect) + "WHERE instance_id = ?");
  st.bind(1, instance_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<InstanceRow> InstanceTable::by_client_token(Transaction& tx, const std::string& account,
                                                        const std::string& region,
                                                        const std::string& token) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE account = ? AND region = ? AND client_token = ?"
                        " ORDER BY launch_index, instance_id");
  st.bind_all(account, region, token);
  return read_rows(st);
}

std::vector<InstanceRow> InstanceTable::list(Transaction& tx, const std::string& account,
                                             const std::string& region, const std::string& after_id,
                                             int64_t limit) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE account = ? AND region = ? AND instance_id > ?"
                        " ORDER BY instance_id LIMIT ?");
  st.bind_all(account, region, after_id, limit > 0 ? limit : int64_t{-1});
  return read_rows(st);
}

std::vector<std::string> InstanceTable::ids_in_state(Transaction& tx, const std::string& account,
                                                     const std::string& region,
                                                     const std::string& state) {
  auto& st = tx.prepare(
      "SELECT instance_id FROM instances WHERE account = ? AND region = ? AND state = ?"
      " ORDER BY instance_id");
  st.bind_all(account, region, state);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace ebs::store
