// TargetInvoker: the Lambda side of EventBridge Lambda targets (events::LambdaInvoker). The
// delivery engine calls it on a delivery worker; the function runs at once, and its outcome decides
// the delivery's fate: a function error or timeout is retryable (the target's RetryPolicy, then its
// dead-letter queue), a function that does not exist is not.
#pragma once

#include "events/lambda_invoker.hpp"
#include "lambda/invoke_service.hpp"

namespace ebs::lambda {

class TargetInvoker : public events::LambdaInvoker {
 public:
  explicit TargetInvoker(InvokeService& invoker) : invoker_(invoker) {}
  events::InvokeOutcome invoke_async(const std::string& account, const std::string& region,
                                     const std::string& function_arn,
                                     const std::string& payload) override;

 private:
  InvokeService& invoker_;
};

}  // namespace ebs::lambda
