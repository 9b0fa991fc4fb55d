// InvokeResult: what one invocation produced: how it ended, the payload the Invoke caller receives
// (the function's result, or AWS's error document), the log (function output framed by the
// START/END/REPORT lines Lambda writes), the request id and the handler's duration.
#pragma once

#include <string>
#include <string_view>

namespace ebs::lambda {

struct InvokeResult {
  enum class Status {
    kOk,
    kFunctionError,  // the handler threw, rejected, or called back with an error
    kTimeout,        // the function ran past its timeout and was killed
    kRuntimeError,   // the process died, or the handler module / export could not be loaded
  };
  Status status = Status::kOk;
  // JSON text: the return value, or {"errorType","errorMessage",...} as AWS returns it.
  std::string payload;
  std::string log;
  std::string request_id;
  double duration_ms = 0;
  // The log stream of the execution environment that ran it (what the function saw as
  // context.logStreamName); empty when no environment started.
  std::string log_stream_name;
};

std::string_view to_string(InvokeResult::Status status);

}  // namespace ebs::lambda
