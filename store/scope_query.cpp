#include "store/scope_query.hpp"

namespace ebs::store {

std::set<std::pair<std::string, std::string>> distinct_scopes(Transaction& tx,
                                                              const std::string& table) {
  auto& st =
      tx.prepare("SELECT DISTINCT account, region FROM \"" + table + "\" ORDER BY account, region");
  std::set<std::pair<std::string, std::string>> out;
  while (st.step()) out.emplace(st.text(0), st.text(1));
  return out;
}

void delete_scope(Transaction& tx, const std::string& table, const std::string& account,
                  const std::string& region) {
  tx.prepare("DELETE FROM \"" + table + "\" WHERE account = ? AND region = ?")
      .bind_all(account, region)
      .run();
}

void delete_all(Transaction& tx, const std::string& table) {
  tx.prepare("DELETE FROM \"" + table + "\"").run();
}

void delete_row(Transaction& tx, const std::string& table, const std::string& id_column,
                const std::string& id) {
  tx.prepare("DELETE FROM \"" + table + "\" WHERE \"" + id_column + "\" = ?").bind(1, id).run();
}

bool table_exists(Transaction& tx, const std::string& table) {
  auto& st = tx.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, table);
  return st.step();
}

}  // namespace ebs::store
