// AliasTable: persistence of KMS aliases (`alias/name` -> key id), scoped by account and region.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct AliasRow {
  std::string account;
  std::string region;
  std::string alias_name;  // alias/...
  std::string target_key_id;
  int64_t creation_ms = 0;
  int64_t last_updated_ms = 0;
};

class AliasTable {
 public:
  static void insert(Transaction& tx, const AliasRow& a);
  static void set_target(Transaction& tx, const std::string& account, const std::string& region,
                         const std::string& alias_name, const std::string& target_key_id,
                         int64_t updated_ms);
  static void remove(Transaction& tx, const std::string& account, const std::string& region,
                     const std::string& alias_name);
  static std::optional<AliasRow> get(Transaction& tx, const std::string& account,
                                     const std::string& region, const std::string& alias_name);
  // Aliases of account+region (of one key when target_key_id is given) with name > after, ordered
  // by name, at most `limit` (0 = all).
  static std::vector<AliasRow> list(Transaction& tx, const std::string& account,
                                    const std::string& region,
                                    const std::optional<std::string>& target_key_id,
                                    const std::string& after, int64_t limit);
};

}  // namespace ebs::store
