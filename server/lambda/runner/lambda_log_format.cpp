// lambda_log_format: START/END/REPORT lines and AWS's timeout / exit error documents.
#include "lambda/runner/lambda_log_format.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace ebs::lambda {
namespace {

std::string fixed2(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.2f", value);
  return buffer;
}

std::string exit_message(const std::string& request_id, const std::string& exit_description) {
  if (exit_description == "exit status 0" || exit_description.empty()) {
    return "RequestId: " + request_id + " Error: Runtime exited without providing a reason";
  }
  return "RequestId: " + request_id + " Error: Runtime exited with error: " + exit_description;
}

}  // namespace

std::string iso8601_millis(std::chrono::system_clock::time_point at) {
  auto since_epoch = at.time_since_epoch();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  if (millis < 0) {
    millis += 1000;
    seconds -= std::chrono::seconds(1);
  }
  std::time_t t = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  ::gmtime_r(&t, &utc);
  char date[32];
  std::strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof(out), "%s.%03dZ", date, static_cast<int>(millis));
  return out;
}

std::string start_line(const std::string& request_id, const std::string& version) {
  return "START RequestId: " + request_id + " Version: " + version + "\n";
}

std::string end_line(const std::string& request_id) {
  return "END RequestId: " + request_id + "\n";
}

std::string report_line(const ReportFields& f) {
  auto billed = static_cast<long long>(std::ceil(f.duration_ms));
  if (billed < 1) billed = 1;
  std::string line = "REPORT RequestId: " + f.request_id + "\tDuration: " + fixed2(f.duration_ms) +
                     " ms\tBilled Duration: " + std::to_string(billed) +
                     " ms\tMemory Size: " + std::to_string(f.memory_size_mb) +
                     " MB\tMax Memory Used: " + std::to_string(f.max_memory_used_mb) + " MB";
  if (f.init_duration_ms) line += "\tInit Duration: " + fixed2(*f.init_duration_ms) + " ms";
  if (!f.status.empty()) line += "\tStatus: " + f.status;
  if (!f.error_type.empty()) line += "\tError Type: " + f.error_type;
  return line + "\n";
}

std::string timeout_log_line(std::chrono::system_clock::time_point at,
                             const std::string& request_id, int timeout_seconds) {
  return iso8601_millis(at) + " " + request_id + " Task timed out after " +
         fixed2(static_cast<double>(timeout_seconds)) + " seconds\n";
}

std::string timeout_payload(const std::string& request_id, int timeout_seconds) {
  nlohmann::ordered_json doc;
  doc["errorType"] = "Sandbox.Timedout";
  doc["errorMessage"] = "RequestId: " + request_id + " Error: Task timed out after " +
                        fixed2(static_cast<double>(timeout_seconds)) + " seconds";
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string exit_log_line(const std::string& request_id, const std::string& exit_description) {
  return exit_message(request_id, exit_description) + "\nRuntime.ExitError\n";
}

std::string exit_payload(const std::string& request_id, const std::string& exit_description) {
  nlohmann::ordered_json doc;
  doc["errorType"] = "Runtime.ExitError";
  doc["errorMessage"] = exit_message(request_id, exit_description);
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string response_too_large_payload() {
  nlohmann::ordered_json doc;
  doc["errorMessage"] =
      "Response payload size exceeded maximum allowed payload size (6291556 bytes).";
  doc["errorType"] = "Function.ResponseSizeTooLarge";
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string runtime_error_payload(const std::string& error_type, const std::string& message) {
  nlohmann::ordered_json doc;
  doc["errorType"] = error_type;
  doc["errorMessage"] = message;
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ebs::lambda
