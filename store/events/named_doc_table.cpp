#include "store/events/named_doc_table.hpp"

namespace ebs::store {
namespace {

std::string table(DocKind kind) {
  return kind == DocKind::kConnection ? "event_connections" : "event_api_destinations";
}

NamedDocRow read(Statement& st) {
  return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

}  // namespace

void NamedDocTable::put(Transaction& tx, DocKind kind, const NamedDocRow& r) {
  tx.prepare("INSERT OR REPLACE INTO " + table(kind) +
             " (account, region, name, arn, json) VALUES (?, ?, ?, ?, ?)")
      .bind_all(r.account, r.region, r.name, r.arn, r.json)
      .run();
}

std::optional<NamedDocRow> NamedDocTable::get(Transaction& tx, DocKind kind,
                                              const std::string& account, const std::string& region,
                                              const std::string& name) {
  auto& st = tx.prepare("SELECT account, region, name, arn, json FROM " + table(kind) +
                        " WHERE account = ? AND region = ? AND name = ?");
  st.bind_all(account, region, name);
  if (!st.step()) return std::nullopt;
  return read(st);
}

std::optional<NamedDocRow> NamedDocTable::by_arn(Transaction& tx, DocKind kind,
                                                 const std::string& arn) {
  auto& st =
      tx.prepare("SELECT account, region, name, arn, json FROM " + table(kind) + " WHERE arn = ?");
  st.bind_all(arn);
  if (!st.step()) return std::nullopt;
  return read(st);
}

std::vector<NamedDocRow> NamedDocTable::list(Transaction& tx, DocKind kind,
                                             const std::string& account, const std::string& region,
                                             const std::string& prefix) {
  auto& st = tx.prepare("SELECT account, region, name, arn, json FROM " + table(kind) +
                        " WHERE account = ?1 AND region = ?2 AND substr(name, 1, length(?3)) = ?3"
                        " ORDER BY name");
  st.bind_all(account, region, prefix);
  std::vector<NamedDocRow> out;
  while (st.step()) out.push_back(read(st));
  return out;
}

void NamedDocTable::remove(Transaction& tx, DocKind kind, const std::string& account,
                           const std::string& region, const std::string& name) {
  tx.prepare("DELETE FROM " + table(kind) + " WHERE account = ? AND region = ? AND name = ?")
      .bind_all(account, region, name)
      .run();
}

}  // namespace ebs::store
