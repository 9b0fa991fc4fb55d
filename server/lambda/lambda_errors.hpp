// AwsError factories of the Lambda API (rendered as HTTP status + x-amzn-ErrorType +
// {"Type","Message"}).
#pragma once

#include "core/aws_error.hpp"

namespace ebs::lambda {

inline AwsError function_not_found(const std::string& arn) {
  return AwsError("ResourceNotFoundException", "Function not found: " + arn, 404);
}
inline AwsError function_exists(const std::string& name) {
  return AwsError("ResourceConflictException", "Function already exist: " + name, 409);
}
inline AwsError invalid_parameter(const std::string& message) {
  return AwsError("InvalidParameterValueException", message, 400);
}
inline AwsError validation(const std::string& message) {
  return AwsError("ValidationException", message, 400);
}
inline AwsError validation_pattern(const std::string& value, const std::string& field,
                                   const std::string& pattern) {
  return validation("1 validation error detected: Value '" + value + "' at '" + field +
                    "' failed to satisfy constraint: Member must satisfy regular expression "
                    "pattern: " +
                    pattern);
}
inline AwsError state_conflict(const std::string& state) {
  return AwsError("ResourceConflictException",
                  "The operation cannot be performed at this time. The function is currently in "
                  "the following state: " +
                      state,
                  409);
}
inline AwsError update_in_progress(const std::string& arn) {
  return AwsError("ResourceConflictException",
                  "The operation cannot be performed at this time. An update is in progress for "
                  "resource: " +
                      arn,
                  409);
}
inline AwsError statement_exists(const std::string& sid) {
  return AwsError("ResourceConflictException",
                  "The statement id (" + sid +
                      ") provided already exists. Please provide a new statement id, or remove "
                      "the existing statement.",
                  409);
}
inline AwsError statement_not_found(const std::string& sid) {
  return AwsError("ResourceNotFoundException",
                  "Statement " + sid + " is not found in resource policy.", 404);
}
inline AwsError policy_not_found() {
  return AwsError("ResourceNotFoundException", "The resource you requested does not exist.", 404);
}
inline AwsError precondition_failed() {
  return AwsError("PreconditionFailedException",
                  "The Revision Id provided does not match the latest Revision Id. Call the "
                  "GetFunction/GetAlias API to retrieve the latest Revision Id",
                  412);
}
inline AwsError request_too_large() {
  return AwsError("RequestTooLargeException",
                  "Request must be smaller than 6291456 bytes for the InvokeFunction operation",
                  413);
}
inline AwsError invalid_request_content(const std::string& detail) {
  return AwsError("InvalidRequestContentException",
                  "Could not parse request body into json: " + detail, 400);
}

}  // namespace ebs::lambda
