#include "ec2/snapshot_tier_events.hpp"

#include "core/time_format.hpp"
#include "ec2/snapshot_events.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kNotInRecycleBin = "";

nlohmann::ordered_json detail(const std::string& event, bool ok, const std::string& cause,
                              const store::SnapshotTierRow& row) {
  auto d = snapshot_event_detail(event, ok, cause, row.request_id);
  d["snapshot_id"] = snapshot_event_arn(row.region, row.snapshot_id);
  return d;
}

void publish(ServiceDeps& deps, store::Transaction& tx, const store::SnapshotTierRow& row,
             nlohmann::ordered_json d) {
  publish_snapshot_notification(deps, tx, row.account, row.region, row.snapshot_id, std::move(d));
}

}  // namespace

void publish_tiering_result(ServiceDeps& deps, store::Transaction& tx,
                            const store::SnapshotTierRow& row, bool ok, const std::string& cause) {
  bool archive = row.status.rfind("archival", 0) == 0;
  bool temporary = row.status.rfind("temporary-restore", 0) == 0;
  auto d = detail(archive ? "archiveSnapshot" : "restoreSnapshot", ok, cause, row);
  d["startTime"] = iso8601_s(row.start_time);
  d["endTime"] = iso8601_s(row.end_time.value_or(deps.clock.now_ms()));
  if (ok && temporary && row.restore_expiry_time) {
    d["restoreExpiryTime"] = iso8601_s(*row.restore_expiry_time);
  }
  // AWS's examples carry recycleBinExitTime on every archive and restore event except a
  // successful permanent restore.
  if (archive || temporary || !ok) d["recycleBinExitTime"] = kNotInRecycleBin;
  publish(deps, tx, row, std::move(d));
}

void publish_restore_expiry(ServiceDeps& deps, store::Transaction& tx,
                            const store::SnapshotTierRow& restored, int64_t now) {
  auto d = detail("restoreExpiry", true, "", restored);
  d["startTime"] = iso8601_s(restored.end_time.value_or(restored.start_time));
  d["endTime"] = iso8601_s(restored.restore_expiry_time.value_or(now));
  d["recycleBinExitTime"] = kNotInRecycleBin;
  publish(deps, tx, restored, std::move(d));
}

}  // namespace ebs::ec2
