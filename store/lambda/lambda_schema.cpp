#include "store/lambda/lambda_schema.hpp"

namespace ebs::store {

ModuleSchema lambda_schema() {
  return {"lambda", {{1, R"SQL(
CREATE TABLE lambda_functions (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  name TEXT NOT NULL,
  runtime TEXT NOT NULL DEFAULT '',
  handler TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  timeout_seconds INTEGER NOT NULL,
  memory_mb INTEGER NOT NULL,
  environment_json TEXT NOT NULL DEFAULT '{}',
  package_type TEXT NOT NULL DEFAULT 'Zip',
  zip_base64 TEXT NOT NULL DEFAULT '',
  image_uri TEXT NOT NULL DEFAULT '',
  invoke_url TEXT NOT NULL DEFAULT '',
  code_sha256 TEXT NOT NULL DEFAULT '',
  code_size INTEGER NOT NULL DEFAULT 0,
  last_modified INTEGER NOT NULL,
  revision_id TEXT NOT NULL,
  state TEXT NOT NULL,
  last_update_status TEXT NOT NULL,
  tags_json TEXT NOT NULL DEFAULT '{}',
  policy_json TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (account, region, name)
);

CREATE TABLE lambda_invocations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  function_name TEXT NOT NULL,
  invocation_type TEXT NOT NULL,
  source TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  status TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  function_error TEXT,
  log TEXT NOT NULL
);
CREATE INDEX lambda_invocations_function ON lambda_invocations(account, region, function_name, seq);
)SQL"}}};
}

}  // namespace ebs::store
