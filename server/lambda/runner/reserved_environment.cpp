// reserved_environment: Lambda's reserved environment keys and AWS's message for them.
#include "lambda/runner/reserved_environment.hpp"

#include <array>

namespace ebs::lambda {
namespace {

constexpr std::array<const char*, 19> kReserved = {
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
    "TZ",
};

}  // namespace

bool is_reserved_environment_key(const std::string& key) {
  for (const char* reserved : kReserved) {
    if (key == reserved) return true;
  }
  return false;
}

std::optional<std::string> reserved_environment_error(
    const std::map<std::string, std::string>& environment) {
  std::string keys;
  for (const auto& [key, value] : environment) {
    if (!is_reserved_environment_key(key)) continue;
    if (!keys.empty()) keys += ", ";
    keys += key;
  }
  if (keys.empty()) return std::nullopt;
  return "Lambda was unable to configure your environment variables because the environment "
         "variables you have provided contains reserved keys that are currently not supported for "
         "modification. Reserved keys used in this request: " +
         keys;
}

}  // namespace ebs::lambda
