#include "ec2/fsr_events.hpp"

#include "core/event_sink.hpp"

namespace ebs::ec2 {

std::string fsr_snapshot_arn(const std::string& region, const std::string& snapshot_id) {
  return "arn:aws:ec2:" + region + "::snapshot/" + snapshot_id;
}

void publish_fsr_state_change(ServiceDeps& deps, store::Transaction& tx,
                              const store::FastSnapshotRestoreRow& row, int64_t time_ms) {
  nlohmann::ordered_json detail;
  detail["snapshot-id"] = row.snapshot_id;
  detail["state"] = row.state;
  detail["zone"] = row.availability_zone;
  detail["message"] = row.state_transition_reason;
  deps.events.publish(
      tx, row.account, row.region, "default",
      make_event(deps.ids, "aws.ec2", "EBS Fast Snapshot Restore State-change Notification",
                 row.account, row.region, time_ms, {fsr_snapshot_arn(row.region, row.snapshot_id)},
                 std::move(detail)));
}

}  // namespace ebs::ec2
