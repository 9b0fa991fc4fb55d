#include "ec2/snapshot_events.hpp"

#include <algorithm>

#include "core/event_sink.hpp"
#include "core/time_format.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kNotification = "EBS Snapshot Notification";
constexpr const char* kMultiVolume = "EBS Multi-Volume Snapshots Completion Status";

void publish(ServiceDeps& deps, store::Transaction& tx, const std::string& account,
             const std::string& region, const char* detail_type,
             const std::vector<std::string>& resources, nlohmann::ordered_json detail) {
  deps.events.publish(tx, account, region, "default",
                      make_event(deps.ids, "aws.ec2", detail_type, account, region,
                                 deps.clock.now_ms(), resources, std::move(detail)));
}

}  // namespace

std::string snapshot_event_arn(const std::string& region, const std::string& snapshot_id) {
  return "arn:aws:ec2::" + region + ":snapshot/" + snapshot_id;
}

std::string volume_event_arn(const std::string& region, const std::string& volume_id) {
  return "arn:aws:ec2::" + region + ":volume/" + volume_id;
}

nlohmann::ordered_json snapshot_event_detail(const std::string& event, bool ok,
                                             const std::string& cause,
                                             const std::string& request_id) {
  nlohmann::ordered_json d;
  d["event"] = event;
  d["result"] = ok ? "succeeded" : "failed";
  d["cause"] = ok ? "" : cause;
  d["request-id"] = request_id;
  return d;
}

void publish_snapshot_notification(ServiceDeps& deps, store::Transaction& tx,
                                   const std::string& account, const std::string& region,
                                   const std::string& snapshot_id, nlohmann::ordered_json detail) {
  publish(deps, tx, account, region, kNotification, {snapshot_event_arn(region, snapshot_id)},
          std::move(detail));
}

void publish_create_snapshot(ServiceDeps& deps, store::Transaction& tx, const store::SnapshotRow& s,
                             bool ok, const std::string& cause) {
  auto arn = snapshot_event_arn(s.region, s.snapshot_id);
  auto d = snapshot_event_detail("createSnapshot", ok, cause);
  d["snapshot_id"] = arn;
  d["source"] = volume_event_arn(s.region, s.volume_id);
  d["startTime"] = iso8601_s(s.start_time);
  d["endTime"] = iso8601_s(s.end_time.value_or(deps.clock.now_ms()));
  publish(deps, tx, s.account, s.region, kNotification, {arn}, std::move(d));
}

void publish_copy_snapshot(ServiceDeps& deps, store::Transaction& tx,
                           const store::SnapshotRow& copy, bool ok, const std::string& cause,
                           bool incremental, const CopyTransfer& transfer) {
  auto arn = snapshot_event_arn(copy.region, copy.snapshot_id);
  auto d = snapshot_event_detail("copySnapshot", ok, cause);
  d["snapshot_id"] = arn;
  d["source"] = snapshot_event_arn(copy.source_region.value_or(copy.region),
                                   copy.source_snapshot_id.value_or(""));
  d["startTime"] = iso8601_s(copy.start_time);
  d["endTime"] = iso8601_s(copy.end_time.value_or(deps.clock.now_ms()));
  if (ok) {  // AWS's failure example carries neither
    d["incremental"] = incremental ? "true" : "false";
    d["transferType"] = transfer.time_based ? "time-based" : "standard";
    if (transfer.time_based) {
      d["completionDurationStartTime"] = iso8601_ms(transfer.duration_start_time);
      if (transfer.missed_completion_cause) {
        d["missedCompletionDurationCause"] = *transfer.missed_completion_cause;
      }
    }
  }
  publish(deps, tx, copy.account, copy.region, kNotification, {arn}, std::move(d));
}

void publish_create_snapshots(ServiceDeps& deps, store::Transaction& tx,
                              const std::vector<store::SnapshotRow>& set) {
  if (set.empty()) return;
  const auto& first = set.front();
  bool ok = true;
  std::string cause;
  int64_t start = first.start_time, end = first.end_time.value_or(0);
  std::vector<std::string> resources;
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& s : set) {
    if (s.state != "completed" && ok) {
      ok = false;
      cause = "Snapshot " + s.snapshot_id + " is in status " + s.state;
    }
    start = std::min(start, s.start_time);
    end = std::max(end, s.end_time.value_or(0));
    auto arn = snapshot_event_arn(s.region, s.snapshot_id);
    resources.push_back(arn);
    nlohmann::ordered_json item;
    item["snapshot_id"] = arn;
    item["source"] = volume_event_arn(s.region, s.volume_id);
    item["status"] = s.state;
    items.push_back(std::move(item));
  }
  auto d = snapshot_event_detail("createSnapshots", ok, cause);
  d["startTime"] = iso8601_s(start);
  d["endTime"] = iso8601_s(end);
  d["snapshots"] = std::move(items);
  publish(deps, tx, first.account, first.region, kMultiVolume, resources, std::move(d));
}

void publish_share_snapshot(ServiceDeps& deps, store::Transaction& tx, const store::SnapshotRow& s,
                            const std::string& receiver, int64_t now_ms) {
  auto arn = snapshot_event_arn(s.region, s.snapshot_id);
  auto d = snapshot_event_detail("shareSnapshot", true, "");
  d["snapshot_id"] = arn;
  d["source"] = s.account;  // the sharer's account id, as a string (aws-facts A.5)
  d["startTime"] = iso8601_s(now_ms);
  d["endTime"] = iso8601_s(now_ms);
  publish(deps, tx, receiver, s.region, kNotification, {arn}, std::move(d));
}

}  // namespace ebs::ec2
