// KMS's error codes and AWS's messages, as named factories of AwsError (rendered by the JSON 1.1
// protocol as {"__type": code, "message": ...}, HTTP 400).
#pragma once

#include <string>

#include "core/aws_error.hpp"

namespace ebs::kms {

inline AwsError key_not_found(const std::string& key_arn) {
  return AwsError("NotFoundException", "Key '" + key_arn + "' does not exist");
}
inline AwsError invalid_key_id(const std::string& key_id) {
  return AwsError("NotFoundException", "Invalid keyId '" + key_id + "'");
}
inline AwsError invalid_arn(const std::string& arn) {
  return AwsError("InvalidArnException", "Invalid arn " + arn);
}
inline AwsError alias_not_found(const std::string& alias_arn) {
  return AwsError("NotFoundException", "Alias " + alias_arn + " is not found.");
}
inline AwsError alias_exists(const std::string& alias_arn) {
  return AwsError("AlreadyExistsException",
                  "An alias with the name " + alias_arn + " already exists");
}
// "<arn> is disabled." — also the cause EBS puts in its failure events.
inline AwsError disabled(const std::string& key_arn) {
  return AwsError("DisabledException", key_arn + " is disabled.");
}
// "<arn> is pending deletion." / "<arn> is pending import." / ...
inline AwsError invalid_state(const std::string& message) {
  return AwsError("KMSInvalidStateException", message);
}
inline AwsError validation(const std::string& message) {
  return AwsError("ValidationException", message);
}
inline AwsError unsupported(const std::string& message) {
  return AwsError("UnsupportedOperationException", message);
}
inline AwsError tag_error(const std::string& message) { return AwsError("TagException", message); }
inline AwsError invalid_marker() { return AwsError("InvalidMarkerException", "Invalid marker"); }
inline AwsError access_denied(const std::string& account, const std::string& action,
                              const std::string& key_arn) {
  return AwsError("AccessDeniedException",
                  "User: arn:aws:iam::" + account + ":root is not authorized to perform: kms:" +
                      action + " on resource: " + key_arn +
                      " because no resource-based policy allows the kms:" + action + " action");
}
// "1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: ..."
inline AwsError constraint(const std::string& value, const std::string& member,
                           const std::string& constraint_text) {
  return AwsError("ValidationException", "1 validation error detected: Value '" + value + "' at '" +
                                             member +
                                             "' failed to satisfy constraint: " + constraint_text);
}

}  // namespace ebs::kms
