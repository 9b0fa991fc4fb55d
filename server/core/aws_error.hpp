// AwsError: the one typed error of the emulator. It carries an AWS error code, its message and the
// HTTP status; every layer throws or returns it, and only the protocol layer renders it (XML for
// the Query protocols, {"__type","message"} for JSON). Service-specific factories live beside each
// service.
#pragma once

#include <exception>
#include <string>

namespace ebs {

class AwsError : public std::exception {
 public:
  AwsError(std::string code, std::string message, int http_status = 400)
      : code_(std::move(code)), message_(std::move(message)), http_status_(http_status) {}

  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  int http_status() const { return http_status_; }
  const char* what() const noexcept override { return message_.c_str(); }

  // Generic factories shared by every service.
  static AwsError internal(const std::string& message) {
    return AwsError("InternalError", message, 500);
  }
  static AwsError invalid_action(const std::string& action) {
    return AwsError("InvalidAction",
                    "The action " + action + " is not valid for this web service.");
  }
  static AwsError missing_parameter(const std::string& name) {
    return AwsError("MissingParameter", "The request must contain the parameter " + name);
  }
  static AwsError invalid_parameter_value(const std::string& message) {
    return AwsError("InvalidParameterValue", message);
  }
  static AwsError invalid_parameter_combination(const std::string& message) {
    return AwsError("InvalidParameterCombination", message);
  }
  static AwsError dry_run() {
    return AwsError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.",
                    412);
  }

 private:
  std::string code_;
  std::string message_;
  int http_status_;
};

}  // namespace ebs
