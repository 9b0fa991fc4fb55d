// EC2's error codes and AWS's exact messages, as named factories of AwsError.
#pragma once

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

#include "core/aws_error.hpp"

namespace ebs::ec2 {

inline AwsError volume_not_found(const std::string& id) {
  return AwsError("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
}
inline AwsError volume_id_malformed(const std::string& id) {
  return AwsError("InvalidVolumeID.Malformed",
                  "Invalid id: \"" + id + "\" (expecting \"vol-...\")");
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
inline AwsError volume_in_use(const std::string& message) {
  return AwsError("VolumeInUse", message);
}
inline AwsError invalid_filter(const std::string& name) {
  return AwsError("InvalidFilter", "The filter '" + name + "' is invalid");
}
// Describe* MaxResults: refused with the ids (`<set>` is the id list's wire name, e.g. volumeSet)
// and outside [lo, hi], in EC2's words.
inline void check_max_results(const std::optional<int64_t>& max_results, int64_t lo, int64_t hi,
                              bool with_ids = false, const std::string& id_set = "") {
  if (!max_results) return;
  if (with_ids) {
    throw AwsError::invalid_parameter_combination("The parameter " + id_set +
                                                  " cannot be used with the parameter maxResults");
  }
  if (*max_results < lo || *max_results > hi) {
    throw AwsError::invalid_parameter_value(
        "Value ( " + std::to_string(*max_results) +
        " ) for parameter maxResults is invalid. Expecting a value between " + std::to_string(lo) +
        " and " + std::to_string(hi) + ".");
  }
}
inline AwsError invalid_next_token(const std::string& token) {
  return AwsError("InvalidNextToken", "The token '" + token + "' is invalid.");
}

inline AwsError volume_not_available(const std::string& id) {
  return AwsError("IncorrectState", id + " is not 'available'.");  // [obs] AttachVolume
}
inline AwsError volume_not_attached(const std::string& id, const std::string& state) {
  // [obs] DetachVolume of an unattached volume (2024 wire capture).
  return AwsError("IncorrectState", "Volume '" + id + "' is in the '" + state + "' state.");
}
inline AwsError instance_not_running(const std::string& id) {
  return AwsError("IncorrectState", "Instance '" + id + "' is not 'running'.");
}
inline AwsError incorrect_instance_state(const std::string& message) {
  return AwsError("IncorrectInstanceState", message);
}
inline AwsError zone_mismatch(const std::string& volume_id, const std::string& instance_id) {
  return AwsError("InvalidVolume.ZoneMismatch", "The volume '" + volume_id +
                                                    "' is not in the same availability zone as "
                                                    "instance '" +
                                                    instance_id + "'");
}
inline AwsError attachment_not_found(const std::string& volume_id, const std::string& instance_id) {
  return AwsError(
      "InvalidAttachment.NotFound",
      "The volume '" + volume_id + "' is not attached to instance '" + instance_id + "'.");
}
inline AwsError modification_not_found(const std::string& volume_id) {
  return AwsError("InvalidVolumeModification.NotFound",
                  "Modification for volume '" + volume_id + "' does not exist.");
}
inline AwsError incorrect_modification_state(const std::string& volume_id,
                                             const std::string& state) {
  std::string upper;
  for (char c : state) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return AwsError("IncorrectModificationState",
                  "Volume " + volume_id + " cannot be modified in modification state " + upper);
}
inline AwsError invalid_id(const std::string& id) {
  return AwsError("InvalidID", "The ID '" + id + "' is not valid");
}
inline AwsError ami_id_malformed(const std::string& id) {
  return AwsError("InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
}

}  // namespace ebs::ec2
