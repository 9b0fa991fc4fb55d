#include "store/events/event_tag_table.hpp"

namespace ebs::store {

void EventTagTable::put(Transaction& tx, const std::string& arn, const std::string& key,
                        const std::string& value) {
  tx.prepare("INSERT OR REPLACE INTO event_tags (arn, key, value) VALUES (?, ?, ?)")
      .bind_all(arn, key, value)
      .run();
}

void EventTagTable::remove(Transaction& tx, const std::string& arn, const std::string& key) {
  tx.prepare("DELETE FROM event_tags WHERE arn = ? AND key = ?").bind_all(arn, key).run();
}

void EventTagTable::remove_all(Transaction& tx, const std::string& arn) {
  tx.prepare("DELETE FROM event_tags WHERE arn = ?").bind_all(arn).run();
}

std::vector<std::pair<std::string, std::string>> EventTagTable::for_arn(Transaction& tx,
                                                                        const std::string& arn) {
  auto& st = tx.prepare("SELECT key, value FROM event_tags WHERE arn = ? ORDER BY key");
  st.bind_all(arn);
  std::vector<std::pair<std::string, std::string>> out;
  while (st.step()) out.emplace_back(st.text(0), st.text(1));
  return out;
}

}  // namespace ebs::store
