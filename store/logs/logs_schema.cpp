#include "store/logs/logs_schema.hpp"

namespace ebs::store {

ModuleSchema logs_schema() {
  return {"logs", {{1, R"SQL(
CREATE TABLE log_groups (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  name TEXT NOT NULL,
  creation_time INTEGER NOT NULL,
  retention_days INTEGER,
  PRIMARY KEY (account, region, name)
);

CREATE TABLE log_streams (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  group_name TEXT NOT NULL,
  name TEXT NOT NULL,
  creation_time INTEGER NOT NULL,
  first_event INTEGER,
  last_event INTEGER,
  last_ingestion INTEGER,
  stored_bytes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account, region, group_name, name)
);

CREATE TABLE log_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  group_name TEXT NOT NULL,
  stream_name TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  ingestion_time INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX log_events_stream ON log_events(account, region, group_name, stream_name, timestamp, seq);
CREATE INDEX log_events_group ON log_events(account, region, group_name, timestamp, seq);
)SQL"}}};
}

}  // namespace ebs::store
