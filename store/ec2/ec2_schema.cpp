#include "store/ec2/ec2_schema.hpp"

namespace ebs::store {

ModuleSchema ec2_schema() {
  return {
      "ec2",
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
)SQL"},
       // Version 2: instances, volume modifications, and the indexes the indexed DescribeVolumes
       // filters (availability-zone, volume-type) and DescribeTags (resource type) use.
       {2, R"SQL(
CREATE TABLE instances (
  instance_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  reservation_id TEXT NOT NULL,
  image_id TEXT NOT NULL,
  instance_type TEXT NOT NULL,
  availability_zone TEXT NOT NULL,
  state TEXT NOT NULL,
  launch_time INTEGER NOT NULL,
  root_device_name TEXT NOT NULL,
  state_reason TEXT NOT NULL DEFAULT '',
  transition_reason TEXT NOT NULL DEFAULT '',
  launch_index INTEGER NOT NULL DEFAULT 0,
  client_token TEXT
);
CREATE INDEX instances_scope ON instances(account, region, instance_id);
CREATE INDEX instances_reservation ON instances(account, region, reservation_id);
CREATE INDEX instances_state ON instances(account, region, state);

CREATE TABLE volume_modifications (
  volume_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  state TEXT NOT NULL,
  status_message TEXT NOT NULL DEFAULT '',
  target_size INTEGER NOT NULL,
  target_iops INTEGER,
  target_volume_type TEXT NOT NULL,
  target_throughput INTEGER,
  target_multi_attach INTEGER NOT NULL DEFAULT 0,
  original_size INTEGER NOT NULL,
  original_iops INTEGER,
  original_volume_type TEXT NOT NULL,
  original_throughput INTEGER,
  original_multi_attach INTEGER NOT NULL DEFAULT 0,
  progress INTEGER NOT NULL DEFAULT 0,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX volume_modifications_scope ON volume_modifications(account, region, volume_id);

CREATE INDEX volumes_zone ON volumes(account, region, availability_zone);
CREATE INDEX volumes_type ON volumes(account, region, volume_type);
CREATE INDEX tags_scope ON tags(account, region, resource_id, key);
)SQL"},
       // Version 3: snapshots (CreateSnapshot/CreateSnapshots/CopySnapshot) and their
       // createVolumePermission grants (an account id, or 'all').
       {3, R"SQL(
CREATE TABLE snapshots (
  snapshot_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  volume_id TEXT NOT NULL DEFAULT '',
  volume_size INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  status_message TEXT NOT NULL DEFAULT '',
  start_time INTEGER NOT NULL,
  complete_at INTEGER NOT NULL,
  end_time INTEGER,
  progress INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  encrypted INTEGER NOT NULL DEFAULT 0,
  kms_key_id TEXT,
  storage_tier TEXT NOT NULL DEFAULT 'standard',
  kind TEXT NOT NULL DEFAULT 'create',
  source_region TEXT,
  source_snapshot_id TEXT,
  source_volume_id TEXT NOT NULL DEFAULT '',
  batch_id TEXT,
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX snapshots_scope ON snapshots(account, region, snapshot_id);
CREATE INDEX snapshots_batch ON snapshots(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX snapshots_lineage ON snapshots(account, region, source_volume_id);

CREATE TABLE snapshot_permissions (
  snapshot_id TEXT NOT NULL,
  region TEXT NOT NULL,
  grantee TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, grantee)
);
CREATE INDEX snapshot_permissions_grantee ON snapshot_permissions(region, grantee, snapshot_id);
)SQL"}}};
}

}  // namespace ebs::store
