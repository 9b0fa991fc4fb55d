// BusTable: the custom event buses of each account and region (`default` is implicit: it exists in
// every account and region and has no row).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct BusRow {
  std::string account;
  std::string region;
  std::string name;
  std::string arn;
  std::optional<std::string> description;
  int64_t created_at = 0;
  int64_t modified_at = 0;
};

class BusTable {
 public:
  static void insert(Transaction& tx, const BusRow& row);
  static std::optional<BusRow> get(Transaction& tx, const std::string& account,
                                   const std::string& region, const std::string& name);
  // Buses whose name starts with `prefix`, by name.
  static std::vector<BusRow> list(Transaction& tx, const std::string& account,
                                  const std::string& region, const std::string& prefix);
  static void remove(Transaction& tx, const std::string& account, const std::string& region,
                     const std::string& name);
};

}  // namespace ebs::store
