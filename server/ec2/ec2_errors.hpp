// EC2's error codes and AWS's exact messages, as named factories of AwsError.
#pragma once

#include <string>

#include "core/aws_error.hpp"

namespace ebs::ec2 {

inline AwsError volume_not_found(const std::string& id) {
  return AwsError("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
}
inline AwsError volume_id_malformed(const std::string& id) {
  return AwsError("InvalidVolumeID.Malformed", "Invalid id: \"" + id + "\" (expecting \"vol-...\")");
}
inline AwsError snapshot_not_found(const std::string& id) {
  return AwsError("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
}
inline AwsError snapshot_id_malformed(const std::string& id) {
  return AwsError("InvalidSnapshotID.Malformed",
                  "Invalid id: \"" + id + "\" (expecting \"snap-...\")");
}
inline AwsError instance_not_found(const std::string& id) {
  return AwsError("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
}
inline AwsError instance_id_malformed(const std::string& id) {
  return AwsError("InvalidInstanceID.Malformed",
                  "Invalid id: \"" + id + "\" (expecting \"i-...\")");
}
inline AwsError zone_not_found(const std::string& zone) {
  return AwsError("InvalidZone.NotFound", "The zone '" + zone + "' does not exist.");
}
inline AwsError incorrect_state(const std::string& message) {
  return AwsError("IncorrectState", message);
}
inline AwsError volume_in_use(const std::string& message) { return AwsError("VolumeInUse", message); }
inline AwsError invalid_filter(const std::string& name) {
  return AwsError("InvalidFilter", "The filter '" + name + "' is invalid");
}
inline AwsError invalid_next_token(const std::string& token) {
  return AwsError("InvalidNextToken", "The token '" + token + "' is invalid.");
}

}  // namespace ebs::ec2
