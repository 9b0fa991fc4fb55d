// lambda_log_format: the exact text Lambda itself produces around a function: the START / END /
// REPORT log lines, the timeout and runtime-exit log lines, and the error documents an Invoke
// caller receives when the function timed out or its process died.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace ebs::lambda {

// "2024-01-31T12:34:56.789Z"
std::string iso8601_millis(std::chrono::system_clock::time_point at);

std::string start_line(const std::string& request_id, const std::string& version);
std::string end_line(const std::string& request_id);

struct ReportFields {
  std::string request_id;
  double duration_ms = 0;
  int memory_size_mb = 128;
  long max_memory_used_mb = 0;
  std::optional<double> init_duration_ms;  // cold starts only
  std::string status;                      // "", "timeout" or "error"
  std::string error_type;                  // with status "error"
};
// "REPORT RequestId: <id>\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\t
//  Max Memory Used: 40 MB[\tInit Duration: 150.00 ms][\tStatus: timeout]\n"
std::string report_line(const ReportFields& fields);

// "<ISO time> <id> Task timed out after 3.00 seconds\n"
std::string timeout_log_line(std::chrono::system_clock::time_point at,
                             const std::string& request_id, int timeout_seconds);
// {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 3.00
// seconds"}
std::string timeout_payload(const std::string& request_id, int timeout_seconds);

// "RequestId: <id> Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n"
std::string exit_log_line(const std::string& request_id, const std::string& exit_description);
// {"errorType":"Runtime.ExitError","errorMessage":"RequestId: <id> Error: Runtime exited with
// error: ..."}
std::string exit_payload(const std::string& request_id, const std::string& exit_description);

// {"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).",
//  "errorType":"Function.ResponseSizeTooLarge"}
std::string response_too_large_payload();

// An error document for failures of the emulator's own making (no interpreter, spawn failed, ...).
std::string runtime_error_payload(const std::string& error_type, const std::string& message);

}  // namespace ebs::lambda
