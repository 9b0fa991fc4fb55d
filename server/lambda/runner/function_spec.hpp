// FunctionSpec: everything the runner needs to know about one Lambda function to run it: its
// runtime, handler, unzipped code, environment and limits, and where it lives (account, region,
// ARN). A plain value; the Lambda service builds one from its stored function configuration for
// each invocation.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace ebs::lambda {

struct FunctionSpec {
  std::string name;
  std::string runtime;             // nodejs18.x|nodejs20.x|nodejs22.x|python3.9 .. python3.13
  std::string handler;             // "index.handler", "app.lambda_handler", "dir/file.fn"
  std::filesystem::path code_dir;  // the unzipped code
  std::map<std::string, std::string> environment;  // the user's Environment.Variables
  int timeout_seconds = 3;
  int memory_mb = 128;
  std::string account;  // 12 digits
  std::string region;
  std::string function_arn;
  std::string version = "$LATEST";
};

// Two specs with the same fingerprint can share a warm process (same code, runtime and
// configuration).
std::string fingerprint(const FunctionSpec& spec);

}  // namespace ebs::lambda
