// InvokeResult status names, for logs and tests.
#include "lambda/runner/invoke_result.hpp"

namespace ebs::lambda {

std::string_view to_string(InvokeResult::Status status) {
  switch (status) {
    case InvokeResult::Status::kOk:
      return "ok";
    case InvokeResult::Status::kFunctionError:
      return "function-error";
    case InvokeResult::Status::kTimeout:
      return "timeout";
    case InvokeResult::Status::kRuntimeError:
      return "runtime-error";
  }
  return "unknown";
}

}  // namespace ebs::lambda
