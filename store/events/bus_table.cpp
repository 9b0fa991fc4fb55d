#include "store/events/bus_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kColumns = "account, region, name, arn, description, created_at, modified_at";

BusRow read(Statement& st) {
  return {st.text(0),         st.text(1),  st.text(2), st.text(3),
          st.text_or_null(4), st.int64(5), st.int64(6)};
}

}  // namespace

void BusTable::insert(Transaction& tx, const BusRow& r) {
  tx.prepare(std::string("INSERT INTO event_buses (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.account, r.region, r.name, r.arn, r.description, r.created_at, r.modified_at)
      .run();
}

std::optional<BusRow> BusTable::get(Transaction& tx, const std::string& account,
                                    const std::string& region, const std::string& name) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns +
                        " FROM event_buses WHERE account = ? AND region = ? AND name = ?");
  st.bind_all(account, region, name);
  if (!st.step()) return std::nullopt;
  return read(st);
}

std::vector<BusRow> BusTable::list(Transaction& tx, const std::string& account,
                                   const std::string& region, const std::string& prefix) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns +
                        " FROM event_buses WHERE account = ? AND region = ? AND"
                        " substr(name, 1, length(?3)) = ?3 ORDER BY name");
  st.bind_all(account, region, prefix);
  std::vector<BusRow> out;
  while (st.step()) out.push_back(read(st));
  return out;
}

void BusTable::remove(Transaction& tx, const std::string& account, const std::string& region,
                      const std::string& name) {
  tx.prepare("DELETE FROM event_buses WHERE account = ? AND region = ? AND name = ?")
      .bind_all(account, region, name)
      .run();
}

}  // namespace ebs::store
