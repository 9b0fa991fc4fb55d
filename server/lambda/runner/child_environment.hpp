// child_environment: the environment a function's process gets, built from nothing (the emulator's
// own environment is not inherited): the user's variables, then the variables Lambda defines, then
// the emulator's endpoint and credentials. Lambda-defined variables (AWS_REGION, AWS_LAMBDA_*,
// _HANDLER, LAMBDA_TASK_ROOT, ...) always win. The emulator-critical ones (AWS_ENDPOINT_URL*, the
// credentials, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) win too, unless the user set AWS_ENDPOINT_URL:
// then the user has chosen where the SDKs go and with which credentials, and their values are kept.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lambda/runner/function_spec.hpp"
#include "lambda/runner/runner_config.hpp"
#include "lambda/runner/runtimes.hpp"

namespace ebs::lambda {

// Variables the host contributes (PATH and HOME, read from the emulator's environment by default).
struct HostEnvironment {
  std::string path;
  std::string home;
  static HostEnvironment current();
};

std::map<std::string, std::string> child_environment(const FunctionSpec& spec,
                                                     const RunnerConfig& config,
                                                     const Interpreter& interpreter,
                                                     const std::string& log_stream_name,
                                                     const HostEnvironment& host);

std::vector<std::string> to_env_entries(const std::map<std::string, std::string>& environment);

// "2024/01/31/[$LATEST]0123456789abcdef0123456789abcdef": a fresh name per execution environment.
std::string make_log_stream_name(const std::string& version);

}  // namespace ebs::lambda
