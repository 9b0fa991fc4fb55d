#include "store/ec2/tag_table.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ebs::store {

void TagTable::put(Transaction& tx, const std::string& account, const std::string& region,
                   const TagRow& tag) {
  tx.prepare(
        "INSERT OR REPLACE INTO tags (resource_id, account, region, resource_type, key, value)"
        " VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(tag.resource_id, account, region, tag.resource_type, tag.key, tag.value)
      .run();
}

void TagTable::remove(Transaction& tx, const std::string& resource_id, const std::string& key,
                      const std::optional<std::string>& value) {
  if (value) {
    tx.prepare("DELETE FROM tags WHERE resource_id = ? AND key = ? AND value = ?")
        .bind_all(resource_id, key, *value)
        .run();
  } else {
    tx.prepare("DELETE FROM tags WHERE resource_id = ? AND key = ?")
        .bind_all(resource_id, key)
        .run();
  }
}

std::vector<std::pair<std::string, std::string>> TagTable::for_resource(
    Transaction& tx, const std::string& resource_id) {
  auto& st = tx.prepare("SELECT key, value FROM tags WHERE resource_id = ? ORDER BY key");
  st.bind(1, resource_id);
  std::vector<std::pair<std::string, std::string>> out;
  while (st.step()) out.emplace_back(st.text(0), st.text(1));
  return out;
}

std::vector<std::string> TagTable::resources_with(Transaction& tx, const std::string& account,
                                                  const std::string& region, const std::string& key,
                                                  const std::optional<std::string>& value) {
  Statement* st;
  if (value) {
    st = &tx.prepare(
        "SELECT resource_id FROM tags WHERE account = ? AND region = ? AND key = ? AND value = ?");
    st->bind_all(account, region, key, *value);
  } else {
    st = &tx.prepare("SELECT resource_id FROM tags WHERE account = ? AND region = ? AND key = ?");
    st->bind_all(account, region, key);
  }
  // No ORDER BY: it would let SQLite walk the (account, region, resource_id) index over every tag
  // of the account instead of looking up (account, region, key, value); the few ids are sorted
  // here.
  std::vector<std::string> out;
  while (st->step()) out.push_back(st->text(0));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<TagRow> TagTable::list(Transaction& tx, const std::string& account,
                                   const std::string& region) {
  auto& st = tx.prepare(
      "SELECT resource_id, resource_type, key, value FROM tags WHERE account = ? AND region = ?"
      " ORDER BY resource_id, key");
  st.bind_all(account, region);
  std::vector<TagRow> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
  return out;
}

std::vector<TagRow> TagTable::page(Transaction& tx, const std::string& account,
                                   const std::string& region, const std::string& after_resource,
                                   const std::string& after_key, int64_t limit) {
  auto& st = tx.prepare(
      "SELECT resource_id, resource_type, key, value FROM tags WHERE account = ? AND region = ?"
      " AND (resource_id > ? OR (resource_id = ? AND key > ?)) ORDER BY resource_id, key LIMIT ?");
  st.bind_all(account, region, after_resource, after_resource, after_key,
              limit > 0 ? limit : int64_t{-1});
  std::vector<TagRow> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
  return out;
}

std::vector<TagRow> TagTable::rows_of(Transaction& tx, const std::string& account,
                                      const std::string& region, const std::string& resource_id) {
  auto& st = tx.prepare(
      "SELECT resource_id, resource_type, key, value FROM tags WHERE account = ? AND region = ?"
      " AND resource_id = ? ORDER BY key");
  st.bind_all(account, region, resource_id);
  std::vector<TagRow> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
  return out;
}

std::vector<TagRow> TagTable::rows_with_key(Transaction& tx, const std::string& account,
                                            const std::string& region, const std::string& key) {
  auto& st = tx.prepare(
      "SELECT resource_id, resource_type, key, value FROM tags WHERE account = ? AND region = ?"
      " AND key = ? ORDER BY resource_id");
  st.bind_all(account, region, key);
  std::vector<TagRow> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
  return out;
}

std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>>
TagTable::for_resources(Transaction& tx, const std::vector<std::string>& resource_ids) {
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  if (resource_ids.empty()) return out;
  nlohmann::json ids = resource_ids;
  auto& st = tx.prepare(
      "SELECT resource_id, key, value FROM tags WHERE resource_id IN (SELECT value FROM"
      " json_each(?)) ORDER BY resource_id, key");
  st.bind(1, ids.dump());
  while (st.step()) out[st.text(0)].emplace_back(st.text(1), st.text(2));
  return out;
}

void TagTable::remove_all(Transaction& tx, const std::string& resource_id) {
  tx.prepare("DELETE FROM tags WHERE resource_id = ?").bind(1, resource_id).run();
}

}  // namespace ebs::store
