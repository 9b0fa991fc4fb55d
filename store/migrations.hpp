// Schema migrations, keyed on a version per module ("core", "ec2", "events", "kms", "lambda", ...),
// so that each service owns its tables. Each module's migrations run in order, each in its own
// transaction, and the schema_versions table records how far each module has come.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace ebs::store {

struct Migration {
  int version;      // 1, 2, 3 ... within its module
  std::string sql;  // one or more statements
};

struct ModuleSchema {
  std::string module;
  std::vector<Migration> migrations;
};

// Brings every module to its latest version, then ends the database's set-up (finish_setup).
// Throws StoreError.
void migrate(Database& db, const std::vector<ModuleSchema>& modules);

}  // namespace ebs::store
