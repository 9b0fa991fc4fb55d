#include "ec2/snapshot_bpa_events.hpp"

#include "core/event_sink.hpp"

namespace ebs::ec2 {

void publish_block_public_access(ServiceDeps& deps, store::Transaction& tx,
                                 const std::string& account, const std::string& region,
                                 const std::string& state) {
  bool enabled = state != "unblocked";
  nlohmann::ordered_json detail;
  detail["SnapshotBlockPublicAccessState"] = state;
  detail["message"] = enabled
                          ? "Block Public Access was successfully enabled in '" + state + "' mode"
                          : std::string("Block Public Access was successfully disabled");
  deps.events.publish(tx, account, region, "default",
                      make_event(deps.ids, "aws.ec2",
                                 enabled ? "EBS Snapshot Block Public Access Enabled"
                                         : "EBS Snapshot Block Public Access Disabled",
                                 account, region, deps.clock.now_ms(), {}, std::move(detail)));
}

}  // namespace ebs::ec2
