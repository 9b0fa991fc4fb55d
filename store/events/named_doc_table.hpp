// NamedDocTable: EventBridge resources kept as one JSON document per name in an account and region:
// connections (with their secrets) and API destinations. The document is the service's own shape.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

enum class DocKind { kConnection, kApiDestination };

struct NamedDocRow {
  std::string account;
  std::string region;
  std::string name;
  std::string arn;
  std::string json;
};

class NamedDocTable {
 public:
  static void put(Transaction& tx, DocKind kind, const NamedDocRow& row);  // insert or replace
  static std::optional<NamedDocRow> get(Transaction& tx, DocKind kind, const std::string& account,
                                        const std::string& region, const std::string& name);
  static std::optional<NamedDocRow> by_arn(Transaction& tx, DocKind kind, const std::string& arn);
  // Documents whose name starts with `prefix`, by name.
  static std::vector<NamedDocRow> list(Transaction& tx, DocKind kind, const std::string& account,
                                       const std::string& region, const std::string& prefix);
  static void remove(Transaction& tx, DocKind kind, const std::string& account,
                     const std::string& region, const std::string& name);
};

}  // namespace ebs::store
