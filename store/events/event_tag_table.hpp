// EventTagTable: tags of EventBridge resources (buses, rules), keyed by ARN.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

class EventTagTable {
 public:
  static void put(Transaction& tx, const std::string& arn, const std::string& key,
                  const std::string& value);
  static void remove(Transaction& tx, const std::string& arn, const std::string& key);
  static void remove_all(Transaction& tx, const std::string& arn);
  // (key, value) by key.
  static std::vector<std::pair<std::string, std::string>> for_arn(Transaction& tx,
                                                                  const std::string& arn);
};

}  // namespace ebs::store
