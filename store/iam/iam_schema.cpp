#include "store/iam/iam_schema.hpp"

namespace ebs::store {

ModuleSchema iam_schema() {
  return {"iam", {{1, R"SQL(
CREATE TABLE iam_roles (
  account TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  role_id TEXT NOT NULL,
  path TEXT NOT NULL,
  assume_role_policy TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  max_session_duration INTEGER NOT NULL DEFAULT 3600,
  create_date INTEGER NOT NULL,
  PRIMARY KEY (account, name)
);

CREATE TABLE iam_policies (
  account TEXT NOT NULL,
  arn TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  policy_id TEXT NOT NULL,
  path TEXT NOT NULL,
  document TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  create_date INTEGER NOT NULL,
  PRIMARY KEY (account, arn)
);
CREATE UNIQUE INDEX iam_policies_name ON iam_policies(account, name);

CREATE TABLE iam_role_policies (
  account TEXT NOT NULL,
  role_name TEXT NOT NULL COLLATE NOCASE,
  policy_arn TEXT NOT NULL,
  policy_name TEXT NOT NULL,
  PRIMARY KEY (account, role_name, policy_arn)
);
CREATE INDEX iam_role_policies_policy ON iam_role_policies(account, policy_arn);
)SQL"}}};
}

}  // namespace ebs::store
