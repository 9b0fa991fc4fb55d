#include "ec2/snapshot_lock_events.hpp"

#include "core/time_format.hpp"
#include "ec2/snapshot_events.hpp"

namespace ebs::ec2 {
namespace {

nlohmann::ordered_json head(const std::string& event, const store::SnapshotLockRow& lock) {
  nlohmann::ordered_json d;
  d["event"] = event;
  d["result"] = "succeeded";
  d["snapshot_id"] = snapshot_event_arn(lock.region, lock.snapshot_id);
  return d;
}

void put_time(nlohmann::ordered_json& d, const char* key, const std::optional<int64_t>& t) {
  if (t) d[key] = iso8601_s(*t);
}

void put_duration(nlohmann::ordered_json& d, const store::SnapshotLockRow& lock) {
  if (lock.duration_days) d["lockDuration"] = *lock.duration_days;
}

void put_cool_off(nlohmann::ordered_json& d, const store::SnapshotLockRow& lock) {
  if (lock.cool_off_hours) d["cooOffPeriod"] = *lock.cool_off_hours;  // sic, as documented
  put_time(d, "coolOffPeriodExpiresOn", lock.cool_off_expires_on);
}

void publish(ServiceDeps& deps, store::Transaction& tx, const store::SnapshotLockRow& lock,
             nlohmann::ordered_json d) {
  publish_snapshot_notification(deps, tx, lock.account, lock.region, lock.snapshot_id,
                                std::move(d));
}

}  // namespace

void publish_lock_succeeded(ServiceDeps& deps, store::Transaction& tx,
                            const store::SnapshotLockRow& lock) {
  auto d = head("lockSnapshot", lock);
  d["source"] = lock.account;  // the account id, as a string (aws-facts A.5)
  d["lockState"] = lock.state;
  d["lockCreatedOn"] = iso8601_s(lock.created_on);
  put_time(d, "lockExpiresOn", lock.expires_on);
  put_duration(d, lock);
  put_time(d, "lockStartDurationTime", lock.duration_start);  // sic, as documented
  put_cool_off(d, lock);
  publish(deps, tx, lock, std::move(d));
}

void publish_lock_failed(ServiceDeps& deps, store::Transaction& tx,
                         const store::SnapshotLockRow& lock, int64_t now) {
  nlohmann::ordered_json d;
  d["event"] = "lockSnapshot";
  d["result"] = "failed";
  d["cause"] = "snapshot failed";
  d["snapshot_id"] = snapshot_event_arn(lock.region, lock.snapshot_id);
  d["lockState"] = lock.state;
  d["lockCreatedOn"] = iso8601_s(lock.created_on);
  put_duration(d, lock);
  // The lock never applied: its duration would have started when the snapshot ended.
  d["lockStartDurationTime"] = iso8601_s(now);
  put_cool_off(d, lock);
  publish(deps, tx, lock, std::move(d));
}

void publish_cool_off_expiry(ServiceDeps& deps, store::Transaction& tx,
                             const store::SnapshotLockRow& lock) {
  auto d = head("cooloffperiodExpiry", lock);  // sic, the docs' casing
  d["lockState"] = lock.state;
  d["lockCreatedOn"] = iso8601_s(lock.created_on);
  put_time(d, "lockExpiresOn", lock.expires_on);
  put_duration(d, lock);
  put_time(d, "lockStartDurationTime", lock.duration_start);
  put_cool_off(d, lock);
  publish(deps, tx, lock, std::move(d));
}

void publish_lock_expiry(ServiceDeps& deps, store::Transaction& tx,
                         const store::SnapshotLockRow& lock) {
  auto d = head("lockDurationExpiry", lock);
  d["lockState"] = lock.state;
  d["lockCreatedOn"] = iso8601_s(lock.created_on);
  put_time(d, "lockExpiresOn", lock.expires_on);
  put_duration(d, lock);
  publish(deps, tx, lock, std::move(d));
}

}  // namespace ebs::ec2
