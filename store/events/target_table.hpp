// TargetTable: the targets of each rule, each kept as its full Target JSON object (as PutTargets
// received it and ListTargetsByRule returns it).
#pragma once

#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct TargetRow {
  std::string account;
  std::string region;
  std::string bus;
  std::string rule;
  std::string target_id;
  std::string arn;
  std::string json;
};

class TargetTable {
 public:
  static void put(Transaction& tx, const TargetRow& row);  // insert or replace (same Id updates)
  // Targets of a rule, by id.
  static std::vector<TargetRow> for_rule(Transaction& tx, const std::string& account,
                                         const std::string& region, const std::string& bus,
                                         const std::string& rule);
  static size_t count(Transaction& tx, const std::string& account, const std::string& region,
                      const std::string& bus, const std::string& rule);
  // Names of the rules of a bus with a target of this ARN, by name.
  static std::vector<std::string> rules_for_arn(Transaction& tx, const std::string& account,
                                                const std::string& region, const std::string& bus,
                                                const std::string& arn);
  // False when there was no such target.
  static bool remove(Transaction& tx, const std::string& account, const std::string& region,
                     const std::string& bus, const std::string& rule, const std::string& target_id);
};

}  // namespace ebs::store
