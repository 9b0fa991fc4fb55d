#include "ec2/time_based_copy_events.hpp"

#include "core/event_sink.hpp"
#include "core/time_format.hpp"

namespace ebs::ec2 {
namespace {

constexpr const char* kMissed = "EBS Copy Snapshot Missed Completion Duration";

std::string snapshot_arn(const std::string& region, const std::string& account,
                         const std::string& snapshot_id) {
  return "arn:aws:ec2:" + region + ":" + account + ":snapshot/" + snapshot_id;
}

}  // namespace

void publish_copy_missed_completion_duration(ServiceDeps& deps, store::Transaction& tx,
                                             const store::SnapshotRow& copy,
                                             const std::string& source_owner,
                                             const std::string& cause) {
  auto arn = snapshot_arn(copy.region, copy.account, copy.snapshot_id);
  nlohmann::ordered_json d;
  d["event"] = "copySnapshot";
  d["missedCompletionDurationCause"] = cause;
  d["snapshot_id"] = arn;
  d["source"] = snapshot_arn(copy.source_region.value_or(copy.region), source_owner,
                             copy.source_snapshot_id.value_or(""));
  d["startTime"] = iso8601_s(copy.start_time);
  d["transferType"] = "time-based";
  deps.events.publish(tx, copy.account, copy.region, "default",
                      make_event(deps.ids, "aws.ec2", kMissed, copy.account, copy.region,
                                 deps.clock.now_ms(), {arn}, std::move(d)));
}

}  // namespace ebs::ec2
