// LambdaInvoker: how the delivery engine invokes a Lambda function target (asynchronous invocation,
// InvocationType=Event). The Lambda service plugs its function registry in with
// DeliveryEngine::set_lambda_invoker; without one, every Lambda target fails with AWS's
// ResourceNotFoundException (not retryable: the function does not exist) and is dead-lettered or
// dropped like any failed delivery. Called on a delivery worker thread, outside any transaction.
#pragma once

#include <string>

namespace ebs::events {

struct InvokeOutcome {
  bool ok = false;
  bool retryable = true;  // false for "the function does not exist", "no permission"
  std::string
      error_code;  // AWS's error code, e.g. ResourceNotFoundException, TooManyRequestsException
  std::string error_message;
};

class LambdaInvoker {
 public:
  virtual ~LambdaInvoker() = default;
  virtual InvokeOutcome invoke_async(const std::string& account, const std::string& region,
                                     const std::string& function_arn,
                                     const std::string& payload) = 0;
};

}  // namespace ebs::events
