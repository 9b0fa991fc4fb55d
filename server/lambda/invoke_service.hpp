// InvokeService: runs Lambda functions: Invoke (RequestResponse, Event, DryRun), asynchronous
// invocation on its own worker threads, and invoke_for_target() for EventBridge Lambda targets. Zip
// functions run in the local Runner (created on first use, when the emulator's endpoint is known);
// Image functions are called at their Runtime Interface Emulator URL. Every invocation is recorded
// (event, result, error, log) for /_emulator/invocations, and its log lines are written to the
// CloudWatch Logs group /aws/lambda/<name>. Nothing a function does can block request handling:
// each invocation is bounded by the function's timeout, and no transaction is held while it runs.
// Asynchronous invocations (InvocationType=Event) are persisted (AsyncInvocationTable) before the
// 202 is answered and run on the service's worker threads when due by the emulator's clock; one
// that ends in a function error is retried twice, as Lambda does. The row is deleted when the
// invocation ends, so an acknowledged invocation or a pending retry survives a crash: resume()
// requeues them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "lambda/function_service.hpp"
#include "logs/log_service.hpp"

namespace ebs::lambda {

class Runner;

struct InvokeRequest {
  std::string function;
  std::optional<std::string> qualifier;
  std::string invocation_type = "RequestResponse";  // RequestResponse | Event | DryRun
  bool tail_log = false;
  std::string payload;  // JSON text; empty means {}
  std::string source = "api";
};

struct InvokeOutcome {
  int status_code = 200;  // 200, 202 (Event), 204 (DryRun)
  std::string payload;
  std::optional<std::string> function_error;  // "Unhandled"
  std::string log;
  std::string log_tail_base64;  // with tail_log: the last 4 KB of the log, base64
  std::string request_id;
  std::string executed_version = "$LATEST";
  std::string status;      // ok | function-error | timeout | runtime-error
  std::string log_stream;  // the execution environment's stream (context.logStreamName), if any
};

class InvokeService {
 public:
  InvokeService(ServiceDeps& deps, FunctionService& functions, logs::LogService& logs);
  ~InvokeService();
  InvokeService(const InvokeService&) = delete;
  InvokeService& operator=(const InvokeService&) = delete;

  InvokeOutcome invoke(const RequestContext& ctx, const InvokeRequest& request);

  // For EventBridge Lambda targets: invokes the function named by `function_arn` with `payload`
  // synchronously on the caller's (delivery worker's) thread, as the asynchronous invocation AWS
  // makes for a rule. Throws AwsError when the function does not exist or is not Active.
  InvokeOutcome invoke_for_target(const std::string& account, const std::string& region,
                                  const std::string& function_arn, const std::string& payload,
                                  const std::string& source);

  // Drops warm processes of a function (its code or configuration changed, or it was deleted).
  void evict(const std::string& function_name);
  // Requeues the asynchronous invocations persisted by an earlier run (call once, at start-up, when
  // the endpoint is known).
  void resume();
  // The clock moved: look for due asynchronous invocations now.
  void wake();
  // True when no asynchronous invocation is running or due at the current emulated time.
  bool idle();
  // Stops the asynchronous workers and the runner (in-flight invocations end).
  void stop();

 private:
  // An asynchronous invocation (its AsyncInvocationTable row `id`): run when due; a function error
  // is retried twice, after about one and two minutes (times config.retry_scale, emulated time),
  // with the same request id, as Lambda does.
  struct Job {
    int64_t id = 0;
    RequestContext ctx;
    InvokeRequest request;
    std::optional<store::FunctionRow> function;  // loaded when accepted; reloaded for a retry
    int attempt = 0;
    int64_t due_ms = 0;  // emulated
  };
  // Runs inside the transaction that records an invocation (to move its asynchronous row on).
  using Finish = std::function<void(store::Transaction&, const InvokeOutcome&)>;
  static constexpr int kAsyncRetries = 2;
  store::FunctionRow load_active(const FunctionRef& ref);
  InvokeOutcome run(const RequestContext& ctx, const store::FunctionRow& function,
                    const InvokeRequest& request, const Finish& finish = nullptr);
  void record(const RequestContext& ctx, const store::FunctionRow& function,
              const InvokeRequest& request, const InvokeOutcome& outcome, int64_t started_at,
              double duration_ms, bool cold_start, const Finish& finish);
  void enqueue(Job job);
  void process(Job job);
  Runner& runner();
  void worker();

  ServiceDeps& deps_;
  FunctionService& functions_;
  logs::LogService& logs_;

  std::mutex runner_mu_;
  std::unique_ptr<Runner> runner_;

  std::mutex streams_mu_;
  std::map<std::string, std::string> streams_;  // account/region/name -> current log stream

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<Job> queue_;  // small: scanned for the earliest due job
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace ebs::lambda
