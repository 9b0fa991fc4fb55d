// AwsError factories of IAM.
#pragma once

#include "core/aws_error.hpp"

namespace ebs::iam {

inline AwsError no_such_role(const std::string& name) {
  return AwsError("NoSuchEntity", "The role with name " + name + " cannot be found.", 404);
}
inline AwsError no_such_policy(const std::string& arn) {
  return AwsError("NoSuchEntity", "Policy " + arn + " was not found.", 404);
}
inline AwsError policy_not_attachable(const std::string& arn) {
  return AwsError("NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.", 404);
}
inline AwsError policy_not_attached(const std::string& arn) {
  return AwsError("NoSuchEntity", "Policy " + arn + " was not found.", 404);
}
inline AwsError role_exists(const std::string& name) {
  return AwsError("EntityAlreadyExists", "Role with name " + name + " already exists.", 409);
}
inline AwsError policy_exists(const std::string& name) {
  return AwsError("EntityAlreadyExists",
                  "A policy called " + name + " already exists. Duplicate names are not allowed.",
                  409);
}
inline AwsError malformed_policy(const std::string& message) {
  return AwsError("MalformedPolicyDocument", message);
}
inline AwsError role_has_policies() {
  return AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
}
inline AwsError policy_attached() {
  return AwsError("DeleteConflict", "Cannot delete a policy attached to entities.", 409);
}
inline AwsError validation(const std::string& message) {
  return AwsError("ValidationError", message);
}

}  // namespace ebs::iam
