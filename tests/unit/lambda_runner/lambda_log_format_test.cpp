// Tests for lambda_log_format and BoundedLog: the exact lines and documents Lambda produces.
#include "lambda/runner/lambda_log_format.hpp"

#include <gtest/gtest.h>

#include "lambda/runner/bounded_log.hpp"

namespace ebs::lambda {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

TEST(LambdaLogFormat, StartAndEndLines) {
  EXPECT_EQ(start_line("abc", "$LATEST"), "START RequestId: abc Version: $LATEST\n");
  EXPECT_EQ(end_line("abc"), "END RequestId: abc\n");
}

TEST(LambdaLogFormat, ReportLines) {
  ReportFields warm{"abc", 12.34, 128, 40, std::nullopt, "", ""};
  EXPECT_EQ(report_line(warm),
            "REPORT RequestId: abc\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 "
            "MB\tMax Memory Used: 40 MB\n");
  ReportFields cold{"abc", 0.2, 256, 51, 150.5, "", ""};
  EXPECT_EQ(report_line(cold),
            "REPORT RequestId: abc\tDuration: 0.20 ms\tBilled Duration: 1 ms\tMemory Size: 256 "
            "MB\tMax Memory Used: 51 MB\tInit Duration: 150.50 ms\n");
  ReportFields timed_out{"abc", 1000.4, 128, 30, std::nullopt, "timeout", ""};
  EXPECT_EQ(report_line(timed_out),
            "REPORT RequestId: abc\tDuration: 1000.40 ms\tBilled Duration: 1001 ms\tMemory Size: "
            "128 MB\tMax Memory Used: 30 MB\tStatus: timeout\n");
}

TEST(LambdaLogFormat, TimeoutAsAwsWordsIt) {
  system_clock::time_point at{milliseconds(1704067200123)};  // 2024-01-01T00:00:00.123Z
  EXPECT_EQ(iso8601_millis(at), "2024-01-01T00:00:00.123Z");
  EXPECT_EQ(timeout_log_line(at, "abc", 3),
            "2024-01-01T00:00:00.123Z abc Task timed out after 3.00 seconds\n");
  EXPECT_EQ(
      timeout_payload("abc", 3),
      R"({"errorType":"Sandbox.Timedout","errorMessage":"RequestId: abc Error: Task timed out after 3.00 seconds"})");
}

TEST(LambdaLogFormat, RuntimeExitDocuments) {
  EXPECT_EQ(
      exit_payload("abc", "exit status 1"),
      R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: abc Error: Runtime exited with error: exit status 1"})");
  EXPECT_EQ(
      exit_payload("abc", "exit status 0"),
      R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: abc Error: Runtime exited without providing a reason"})");
  EXPECT_EQ(exit_log_line("abc", "signal: killed"),
            "RequestId: abc Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n");
  EXPECT_EQ(
      response_too_large_payload(),
      R"({"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"})");
}

TEST(BoundedLog, KeepsOutputUpToTheLimitAndAlwaysTheRuntimeLines) {
  BoundedLog log(10);
  log.append_runtime_line("START\n");
  log.append_output("0123456");
  log.append_output("789abcdef");
  log.append_runtime_line("END\n");
  EXPECT_EQ(log.dropped_bytes(), 6u);
  EXPECT_EQ(log.text(),
            "START\n0123456789\n[ebs-emulator] log truncated: 6 bytes of function output "
            "dropped\nEND\n");
}

}  // namespace
}  // namespace ebs::lambda
