#include "store/events/target_table.hpp"

namespace ebs::store {

void TargetTable::put(Transaction& tx, const TargetRow& r) {
  tx.prepare(
        "INSERT OR REPLACE INTO event_targets (account, region, bus, rule, target_id, arn, json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.account, r.region, r.bus, r.rule, r.target_id, r.arn, r.json)
      .run();
}

std::vector<TargetRow> TargetTable::for_rule(Transaction& tx, const std::string& account,
                                             const std::string& region, const std::string& bus,
                                             const std::string& rule) {
  auto& st = tx.prepare(
      "SELECT account, region, bus, rule, target_id, arn, json FROM event_targets"
      " WHERE account = ? AND region = ? AND bus = ? AND rule = ? ORDER BY target_id");
  st.bind_all(account, region, bus, rule);
  std::vector<TargetRow> out;
  while (st.step()) {
    out.push_back(
        {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
  }
  return out;
}

size_t TargetTable::count(Transaction& tx, const std::string& account, const std::string& region,
                          const std::string& bus, const std::string& rule) {
  auto& st = tx.prepare(
      "SELECT COUNT(*) FROM event_targets WHERE account = ? AND region = ? AND bus = ? AND"
      " rule = ?");
  st.bind_all(account, region, bus, rule);
  st.step();
  return static_cast<size_t>(st.int64(0));
}

std::vector<std::string> TargetTable::rules_for_arn(Transaction& tx, const std::string& account,
                                                    const std::string& region,
                                                    const std::string& bus,
                                                    const std::string& arn) {
  auto& st = tx.prepare(
      "SELECT DISTINCT rule FROM event_targets WHERE account = ? AND region = ? AND bus = ? AND"
      " arn = ? ORDER BY rule");
  st.bind_all(account, region, bus, arn);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

bool TargetTable::remove(Transaction& tx, const std::string& account, const std::string& region,
                         const std::string& bus, const std::string& rule,
                         const std::string& target_id) {
  tx.prepare(
        "DELETE FROM event_targets WHERE account = ? AND region = ? AND bus = ? AND rule = ? AND"
        " target_id = ?")
      .bind_all(account, region, bus, rule, target_id)
      .run();
  return tx.db().changes() > 0;
}

}  // namespace ebs::store
