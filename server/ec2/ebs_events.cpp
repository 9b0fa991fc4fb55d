#include "ec2/ebs_events.hpp"

namespace ebs::ec2 {

std::string volume_arn(const std::string& region, const std::string& account,
                       const std::string& volume_id) {
  return "arn:aws:ec2:" + region + ":" + account + ":volume/" + volume_id;
}

void publish_volume_notification(ServiceDeps& deps, store::Transaction& tx,
                                 const VolumeNotification& n) {
  nlohmann::ordered_json detail;
  detail["result"] = n.result;
  detail["cause"] = n.cause;
  detail["event"] = n.event;
  detail["request-id"] = n.request_id;
  std::vector<std::string> resources{volume_arn(n.region, n.account, n.volume_id)};
  resources.insert(resources.end(), n.extra_resources.begin(), n.extra_resources.end());
  deps.events.publish(tx, n.account, n.region, "default",
                      make_event(deps.ids, "aws.ec2", "EBS Volume Notification", n.account,
                                 n.region, deps.clock.now_ms(), resources, std::move(detail)));
}

void publish_volume_event(ServiceDeps& deps, store::Transaction& tx, const std::string& account,
                          const std::string& region, const std::string& volume_id, int64_t time_ms,
                          nlohmann::ordered_json detail) {
  deps.events.publish(
      tx, account, region, "default",
      make_event(deps.ids, "aws.ec2", "EBS Volume Notification", account, region, time_ms,
                 {volume_arn(region, account, volume_id)}, std::move(detail)));
}

}  // namespace ebs::ec2
