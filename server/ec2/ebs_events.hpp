// The `EBS Volume Notification` events EC2's state machines emit (aws-facts A.2): createVolume,
// deleteVolume, modifyVolume, attachVolume. The detail keys are in AWS's order (result, cause,
// event, request-id); resources are the volume ARN, plus the KMS key ARN for key failures.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/services.hpp"
#include "store/transaction.hpp"

namespace ebs::ec2 {

std::string volume_arn(const std::string& region, const std::string& account,
                       const std::string& volume_id);

struct VolumeNotification {
  std::string account;
  std::string region;
  std::string volume_id;
  std::string event;   // createVolume | deleteVolume | modifyVolume | attachVolume | reattachVolume
  std::string result;  // available | deleted | optimizing | completed | failed
  std::string cause;   // "" on success
  std::string request_id;
  std::vector<std::string> extra_resources;  // e.g. the KMS key ARN
};

// Publishes on the account+region's default bus, inside `tx`, at the clock's current time.
void publish_volume_notification(ServiceDeps& deps, store::Transaction& tx,
                                 const VolumeNotification& n);
// An `EBS Volume Notification` at `time_ms` whose detail has its own keys (initializeVolume),
// resources [the volume ARN].
void publish_volume_event(ServiceDeps& deps, store::Transaction& tx, const std::string& account,
                          const std::string& region, const std::string& volume_id, int64_t time_ms,
                          nlohmann::ordered_json detail);

}  // namespace ebs::ec2
