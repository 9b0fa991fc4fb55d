// Generic queries over tables partitioned by (account, region), used by the fixture sections to
// export and clear state: which scopes hold rows, delete one scope's rows, delete one row by id.
// Table and column names come from the callers' constants, never from users.
#pragma once

#include <set>
#include <string>
#include <utility>

#include "store/transaction.hpp"

namespace ebs::store {

std::set<std::pair<std::string, std::string>> distinct_scopes(Transaction& tx,
                                                              const std::string& table);
void delete_scope(Transaction& tx, const std::string& table, const std::string& account,
                  const std::string& region);
void delete_all(Transaction& tx, const std::string& table);
void delete_row(Transaction& tx, const std::string& table, const std::string& id_column,
                const std::string& id);
bool table_exists(Transaction& tx, const std::string& table);

}  // namespace ebs::store
