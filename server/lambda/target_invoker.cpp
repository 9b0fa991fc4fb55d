#include "lambda/target_invoker.hpp"

#include <nlohmann/json.hpp>

#include "core/aws_error.hpp"

namespace ebs::lambda {

events::InvokeOutcome TargetInvoker::invoke_async(const std::string& account,
                                                  const std::string& region,
                                                  const std::string& function_arn,
                                                  const std::string& payload) {
  events::InvokeOutcome out;
  try {
    auto r = invoker_.invoke_for_target(account, region, function_arn, payload, "events");
    if (!r.function_error) {
      out.ok = true;
      return out;
    }
    auto doc = nlohmann::json::parse(r.payload, nullptr, false);
    out.error_code = "Lambda.FunctionError";
    out.error_message = r.payload;
    if (doc.is_object()) {
      if (doc.contains("errorType") && doc["errorType"].is_string()) {
        out.error_code = doc["errorType"].get<std::string>();
      }
      if (doc.contains("errorMessage") && doc["errorMessage"].is_string()) {
        out.error_message = doc["errorMessage"].get<std::string>();
      }
    }
    out.retryable = true;
  } catch (const AwsError& e) {
    out.error_code = e.code();
    out.error_message = e.message();
    out.retryable = e.code() != "ResourceNotFoundException" && e.code() != "ValidationException";
  }
  return out;
}

}  // namespace ebs::lambda
