// Runner: runs Lambda functions locally, the way AWS Lambda does, in child processes with the
// runtime installed on the machine (`node` for nodejs*, `python3.x`/`python3` for python*), through
// our bootstrap files (server/lambda/bootstrap). A library: no HTTP, no SQL.
//
// Each invocation runs in an execution environment (a process) of its own at a time. After a clean
// invocation the process is kept warm (up to RunnerConfig::max_warm_per_function per function) and
// reused by the next invocation with the same code and configuration, as Lambda reuses
// environments; a process that timed out, crashed or misbehaved is killed and never reused.
// Concurrent invocations of one function use separate processes. The timeout is enforced here (the
// process group is killed).
//
// Thread-safe. Destroying the Runner kills every child and waits for in-flight invoke() calls to
// return (they return quickly once their process is gone).
#pragma once

#include <memory>
#include <string>

#include "lambda/runner/function_spec.hpp"
#include "lambda/runner/invoke_result.hpp"
#include "lambda/runner/runner_config.hpp"

namespace ebs::lambda {

class Runner {
 public:
  explicit Runner(RunnerConfig config);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Runs the function once with `event_json` (the Invoke payload, JSON text). Blocks until it ends:
  // at most about timeout_seconds (plus the initialisation on a cold start).
  InvokeResult invoke(const FunctionSpec& spec, const std::string& event_json,
                      const std::string& request_id);
  // Drops the warm processes of a function (its code or configuration changed, or it was deleted);
  // processes running for it now are killed when their invocation ends.
  void evict(const std::string& function_name);
  // Idle warm processes kept for a function (for tests and the admin API).
  size_t warm_count(const std::string& function_name) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebs::lambda
