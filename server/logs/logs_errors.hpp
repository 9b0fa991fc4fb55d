// AwsError factories of CloudWatch Logs.
#pragma once

#include "core/aws_error.hpp"

namespace ebs::logs {

inline AwsError group_not_found() {
  return AwsError("ResourceNotFoundException", "The specified log group does not exist.");
}
inline AwsError stream_not_found() {
  return AwsError("ResourceNotFoundException", "The specified log stream does not exist.");
}
inline AwsError group_exists() {
  return AwsError("ResourceAlreadyExistsException", "The specified log group already exists");
}
inline AwsError stream_exists() {
  return AwsError("ResourceAlreadyExistsException", "The specified log stream already exists");
}
inline AwsError invalid_parameter(const std::string& message) {
  return AwsError("InvalidParameterException", message);
}

}  // namespace ebs::logs
