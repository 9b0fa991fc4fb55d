#include "store/kms/kms_schema.hpp"

namespace ebs::store {

ModuleSchema kms_schema() {
  return {"kms", {{1, R"SQL(
CREATE TABLE kms_keys (
  key_id TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  arn TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  key_usage TEXT NOT NULL,
  key_spec TEXT NOT NULL,
  origin TEXT NOT NULL,
  key_manager TEXT NOT NULL,
  state TEXT NOT NULL,
  creation_ms INTEGER NOT NULL,
  deletion_ms INTEGER,
  pending_window_days INTEGER,
  multi_region INTEGER NOT NULL DEFAULT 0,
  policy TEXT NOT NULL DEFAULT '',
  expiration_model TEXT,
  valid_to_ms INTEGER,
  import_token TEXT,
  import_token_valid_to_ms INTEGER,
  PRIMARY KEY (account, region, key_id)
);
CREATE INDEX kms_keys_arn ON kms_keys(arn);

CREATE TABLE kms_key_tags (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  key_id TEXT NOT NULL,
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (account, region, key_id, tag_key)
);

CREATE TABLE kms_aliases (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  alias_name TEXT NOT NULL,
  target_key_id TEXT NOT NULL,
  creation_ms INTEGER NOT NULL,
  last_updated_ms INTEGER NOT NULL,
  PRIMARY KEY (account, region, alias_name)
);
CREATE INDEX kms_aliases_target ON kms_aliases(account, region, target_key_id);
)SQL"}}};
}

}  // namespace ebs::store
