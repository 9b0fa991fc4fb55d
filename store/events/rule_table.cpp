#include "store/events/rule_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kColumns =
    "account, region, bus, name, arn, event_pattern, schedule_expression, state, description,"
    " role_arn, managed_by, created_by";

RuleRow read(Statement& st) {
  RuleRow r;
  r.account = st.text(0);
  r.region = st.text(1);
  r.bus = st.text(2);
  r.name = st.text(3);
  r.arn = st.text(4);
  r.event_pattern = st.text_or_null(5);
  r.schedule_expression = st.text_or_null(6);
  r.state = st.text(7);
  r.description = st.text_or_null(8);
  r.role_arn = st.text_or_null(9);
  r.managed_by = st.text_or_null(10);
  r.created_by = st.text(11);
  return r;
}

}  // namespace

void RuleTable::put(Transaction& tx, const RuleRow& r) {
  tx.prepare(std::string("INSERT OR REPLACE INTO event_rules (") + kColumns +
             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.account, r.region, r.bus, r.name, r.arn, r.event_pattern, r.schedule_expression,
                r.state, r.description, r.role_arn, r.managed_by, r.created_by)
      .run();
}

std::optional<RuleRow> RuleTable::get(Transaction& tx, const std::string& account,
                                      const std::string& region, const std::string& bus,
                                      const std::string& name) {
  auto& st =
      tx.prepare(std::string("SELECT ") + kColumns +
                 " FROM event_rules WHERE account = ? AND region = ? AND bus = ? AND name = ?");
  st.bind_all(account, region, bus, name);
  if (!st.step()) return std::nullopt;
  return read(st);
}

std::optional<RuleRow> RuleTable::by_arn(Transaction& tx, const std::string& arn) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns + " FROM event_rules WHERE arn = ?");
  st.bind_all(arn);
  if (!st.step()) return std::nullopt;
  return read(st);
}

std::vector<RuleRow> RuleTable::list(Transaction& tx, const std::string& account,
                                     const std::string& region, const std::string& bus,
                                     const std::string& prefix) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns +
                        " FROM event_rules WHERE account = ?1 AND region = ?2 AND bus = ?3 AND"
                        " substr(name, 1, length(?4)) = ?4 ORDER BY name");
  st.bind_all(account, region, bus, prefix);
  std::vector<RuleRow> out;
  while (st.step()) out.push_back(read(st));
  return out;
}

size_t RuleTable::count(Transaction& tx, const std::string& account, const std::string& region,
                        const std::string& bus) {
  auto& st =
      tx.prepare("SELECT COUNT(*) FROM event_rules WHERE account = ? AND region = ? AND bus = ?");
  st.bind_all(account, region, bus);
  st.step();
  return static_cast<size_t>(st.int64(0));
}

void RuleTable::set_state(Transaction& tx, const std::string& arn, const std::string& state) {
  tx.prepare("UPDATE event_rules SET state = ? WHERE arn = ?").bind_all(state, arn).run();
}

void RuleTable::remove(Transaction& tx, const std::string& arn) {
  tx.prepare("DELETE FROM event_rules WHERE arn = ?").bind_all(arn).run();
}

}  // namespace ebs::store
