#include "store/ec2/ec2_schema.hpp"

namespace ebs::store {

ModuleSchema ec2_schema() {
  return {"ec2",
          {{1, R"SQL(
CREATE TABLE volumes (
  volume_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  availability_zone TEXT NOT NULL,
  size INTEGER NOT NULL,
  snapshot_id TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  volume_type TEXT NOT NULL,
  iops INTEGER,
  throughput INTEGER,
  encrypted INTEGER NOT NULL DEFAULT 0,
  kms_key_id TEXT,
  multi_attach INTEGER NOT NULL DEFAULT 0,
  client_token TEXT,
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX volumes_scope ON volumes(account, region, volume_id);
CREATE INDEX volumes_state ON volumes(account, region, state);
CREATE INDEX volumes_snapshot ON volumes(account, region, snapshot_id);
CREATE UNIQUE INDEX volumes_token ON volumes(account, region, client_token) WHERE client_token IS NOT NULL;

CREATE TABLE attachments (
  volume_id TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  device TEXT NOT NULL,
  state TEXT NOT NULL,
  attach_time INTEGER NOT NULL,
  delete_on_termination INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (volume_id, instance_id)
);
CREATE INDEX attachments_instance ON attachments(instance_id);

CREATE TABLE tags (
  resource_id TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (resource_id, key)
);
CREATE INDEX tags_key_value ON tags(account, region, key, value);
)SQL"}}};
}

}  // namespace ebs::store
