#include "store/kms/alias_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT account, region, alias_name, target_key_id, creation_ms, last_updated_ms"
    " FROM kms_aliases ";

AliasRow read_row(Statement& st) {
  AliasRow a;
  a.account = st.text(0);
  a.region = st.text(1);
  a.alias_name = st.text(2);
  a.target_key_id = st.text(3);
  a.creation_ms = st.int64(4);
  a.last_updated_ms = st.int64(5);
  return a;
}

}  // namespace

void AliasTable::insert(Transaction& tx, const AliasRow& a) {
  tx.prepare(
        "INSERT INTO kms_aliases (account, region, alias_name, target_key_id, creation_ms,"
        " last_updated_ms) VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(a.account, a.region, a.alias_name, a.target_key_id, a.creation_ms,
                a.last_updated_ms)
      .run();
}

void AliasTable::set_target(Transaction& tx, const std::string& account, const std::string& region,
                            const std::string& alias_name, const std::string& target_key_id,
                            int64_t updated_ms) {
  tx.prepare(
        "UPDATE kms_aliases SET target_key_id = ?, last_updated_ms = ? WHERE account = ? AND"
        " region = ? AND alias_name = ?")
      .bind_all(target_key_id, updated_ms, account, region, alias_name)
      .run();
}

void AliasTable::remove(Transaction& tx, const std::string& account, const std::string& region,
                        const std::string& alias_name) {
  tx.prepare("DELETE FROM kms_aliases WHERE account = ? AND region = ? AND alias_name = ?")
      .bind_all(account, region, alias_name)
      .run();
}

std::optional<AliasRow> AliasTable::get(Transaction& tx, const std::string& account,
                                        const std::string& region, const std::string& alias_name) {
  auto& st =
      tx.prepare(std::string(kSelect) + "WHERE account = ? AND region = ? AND alias_name = ?");
  st.bind_all(account, region, alias_name);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<AliasRow> AliasTable::list(Transaction& tx, const std::string& account,
                                       const std::string& region,
                                       const std::optional<std::string>& target_key_id,
                                       const std::string& after, int64_t limit) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE account = ? AND region = ? AND (? IS NULL OR target_key_id = ?)"
                        " AND alias_name > ? ORDER BY alias_name LIMIT ?");
  st.bind_all(account, region, target_key_id, target_key_id, after,
              limit > 0 ? limit : int64_t{-1});
  std::vector<AliasRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

}  // namespace ebs::store
