// RuleTable: the EventBridge rules of every bus (pattern or schedule, state, description, role).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct RuleRow {
  std::string account;
  std::string region;
  std::string bus;
  std::string name;
  std::string arn;
  std::optional<std::string> event_pattern;
  std::optional<std::string> schedule_expression;
  std::string state = "ENABLED";
  std::optional<std::string> description;
  std::optional<std::string> role_arn;
  std::optional<std::string> managed_by;
  std::string created_by;
};

class RuleTable {
 public:
  // Inserts or replaces (PutRule is an upsert).
  static void put(Transaction& tx, const RuleRow& row);
  static std::optional<RuleRow> get(Transaction& tx, const std::string& account,
                                    const std::string& region, const std::string& bus,
                                    const std::string& name);
  static std::optional<RuleRow> by_arn(Transaction& tx, const std::string& arn);
  // Rules of a bus whose name starts with `prefix`, by name.
  static std::vector<RuleRow> list(Transaction& tx, const std::string& account,
                                   const std::string& region, const std::string& bus,
                                   const std::string& prefix);
  static size_t count(Transaction& tx, const std::string& account, const std::string& region,
                      const std::string& bus);
  static void set_state(Transaction& tx, const std::string& arn, const std::string& state);
  static void remove(Transaction& tx, const std::string& arn);
};

}  // namespace ebs::store
