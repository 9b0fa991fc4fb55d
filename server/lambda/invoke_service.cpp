#include "lambda/invoke_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/time_format.hpp"
#include "lambda/lambda_errors.hpp"
#include "lambda/log_lines.hpp"
#include "lambda/runner/lambda_log_format.hpp"
#include "lambda/runner/lambda_runner.hpp"
#include "net/http_client.hpp"
#include "store/lambda/async_invocation_table.hpp"
#include "store/lambda/invocation_table.hpp"

namespace ebs::lambda {
namespace {

constexpr size_t kMaxSyncPayload = 6291456;
constexpr size_t kMaxAsyncPayload = 262144;
constexpr size_t kLogTailBytes = 4096;
constexpr size_t kAsyncWorkers = 2;

std::string status_name(InvokeResult::Status status) {
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
  return "runtime-error";
}

std::map<std::string, std::string> environment_of(const store::FunctionRow& f) {
  std::map<std::string, std::string> env;
  auto parsed = nlohmann::json::parse(f.environment_json, nullptr, false);
  if (parsed.is_object()) {
    for (auto it = parsed.begin(); it != parsed.end(); ++it) {
      if (it.value().is_string()) env[it.key()] = it.value().get<std::string>();
    }
  }
  return env;
}

// An Image function: POST the event to its Runtime Interface Emulator and frame the log as Lambda
// does.
InvokeResult invoke_url(const store::FunctionRow& f, const std::string& payload,
                        const std::string& request_id) {
  InvokeResult result;
  result.request_id = request_id;
  auto started = std::chrono::steady_clock::now();
  auto wall = std::chrono::system_clock::now();
  auto call = net::http_call("POST", f.invoke_url, {{"Content-Type", "application/json"}}, payload,
                             static_cast<int>(f.timeout_seconds) * 1000);
  result.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::string log = start_line(request_id, "$LATEST");
  ReportFields report;
  report.request_id = request_id;
  report.duration_ms = result.duration_ms;
  report.memory_size_mb = static_cast<int>(f.memory_mb);
  if (!call.ok) {
    bool timed_out = call.error.find("timeout") != std::string::npos ||
                     call.error.find("timed out") != std::string::npos;
    if (timed_out) {
      result.status = InvokeResult::Status::kTimeout;
      result.payload = timeout_payload(request_id, static_cast<int>(f.timeout_seconds));
      log += timeout_log_line(wall, request_id, static_cast<int>(f.timeout_seconds));
      report.status = "timeout";
    } else {
      result.status = InvokeResult::Status::kRuntimeError;
      result.payload =
          runtime_error_payload("Runtime.Unavailable", "The function's invoke URL " + f.invoke_url +
                                                           " could not be reached: " + call.error);
      report.status = "error";
      report.error_type = "Runtime.Unavailable";
    }
  } else {
    result.payload = call.body;
    auto parsed = nlohmann::json::parse(call.body, nullptr, false);
    bool error_document =
        parsed.is_object() && parsed.contains("errorType") && parsed.contains("errorMessage");
    if (call.status >= 300 || error_document) {
      result.status = InvokeResult::Status::kFunctionError;
      report.status = "error";
      report.error_type = error_document && parsed["errorType"].is_string()
                              ? parsed["errorType"].get<std::string>()
                              : "Runtime.Unknown";
      if (!error_document) {
        result.payload = runtime_error_payload(
            "Runtime.Unknown", "The invoke URL answered HTTP " + std::to_string(call.status) +
                                   ": " + call.body.substr(0, 1024));
      }
    }
  }
  log += end_line(request_id);
  log += report_line(report);
  result.log = std::move(log);
  return result;
}

}  // namespace

InvokeService::InvokeService(ServiceDeps& deps, FunctionService& functions, logs::LogService& logs)
    : deps_(deps), functions_(functions), logs_(logs) {
  for (size_t i = 0; i < kAsyncWorkers; ++i) workers_.emplace_back([this] { worker(); });
}

InvokeService::~InvokeService() { stop(); }

void InvokeService::stop() {
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  queue_cv_.notify_all();
  for (auto& t : workers_) t.join();
  std::lock_guard lock(runner_mu_);
  runner_.reset();
}

Runner& InvokeService::runner() {
  std::lock_guard lock(runner_mu_);
  if (!runner_) {
    RunnerConfig config;
    config.bootstrap_dir = deps_.config.lambda_bootstrap_dir.empty()
                               ? default_bootstrap_dir()
                               : std::filesystem::path(deps_.config.lambda_bootstrap_dir);
    config.endpoint_url = deps_.config.endpoint_url();
    for (const auto& p : deps_.config.lambda_node_path) config.node_path.emplace_back(p);
    // Lambda keeps an environment per concurrent invocation; keep enough warm for a few callers.
    config.max_warm_per_function = 4;
    runner_ = std::make_unique<Runner>(config);
  }
  return *runner_;
}

void InvokeService::evict(const std::string& function_name) {
  std::lock_guard lock(runner_mu_);
  if (runner_) runner_->evict(function_name);
}

store::FunctionRow InvokeService::load_active(const FunctionRef& ref) {
  store::Transaction tx(deps_.db);
  auto row = FunctionService::load(tx, ref);
  tx.commit();
  if (row.state != "Active") throw state_conflict(row.state);
  return row;
}

InvokeOutcome InvokeService::invoke(const RequestContext& ctx, const InvokeRequest& request) {
  const auto& type = request.invocation_type;
  if (type != "RequestResponse" && type != "Event" && type != "DryRun") {
    throw validation("1 validation error detected: Value '" + type +
                     "' at 'invocationType' failed to satisfy constraint: Member must satisfy "
                     "enum value set: [Event, RequestResponse, DryRun]");
  }
  size_t max = type == "Event" ? kMaxAsyncPayload : kMaxSyncPayload;
  if (request.payload.size() > max) {
    if (type == "Event") {
      throw AwsError("RequestTooLargeException",
                     "Request must be smaller than 262144 bytes for the InvokeAsync operation",
                     413);
    }
    throw request_too_large();
  }
  if (!request.payload.empty()) {
    auto parsed = nlohmann::json::parse(request.payload, nullptr, false);
    if (parsed.is_discarded()) {
      throw invalid_request_content("Unexpected character in the payload.");
    }
  }
  auto ref = FunctionService::resolve(ctx, request.function, request.qualifier);
  auto function = load_active(ref);
  InvokeOutcome outcome;
  outcome.request_id = ctx.request_id;
  if (type == "DryRun") {
    outcome.status_code = 204;
    outcome.status = "ok";
    return outcome;
  }
  if (type == "Event") {
    {
      std::lock_guard lock(queue_mu_);
      if (stopping_) throw AwsError("ServiceException", "The emulator is stopping", 500);
    }
    // Acknowledged means durable: the row is committed before the 202 is answered.
    store::AsyncInvocationRow row;
    row.request_id = ctx.request_id;
    row.account = ctx.account;
    row.region = ctx.region;
    row.function = request.function;
    row.qualifier = request.qualifier;
    row.payload = request.payload;
    row.source = request.source;
    row.due_at = deps_.clock.now_ms();
    store::Transaction tx(deps_.db);
    row.id = store::AsyncInvocationTable::insert(tx, row);
    tx.commit();
    enqueue({row.id, ctx, request, function, 0, row.due_at});
    outcome.status_code = 202;
    outcome.status = "queued";
    return outcome;
  }
  return run(ctx, function, request);
}

InvokeOutcome InvokeService::invoke_for_target(const std::string& account,
                                               const std::string& region,
                                               const std::string& function_arn,
                                               const std::string& payload,
                                               const std::string& source) {
  RequestContext ctx;
  ctx.account = account;
  ctx.region = region;
  ctx.request_id = deps_.ids.uuid();
  ctx.now_ms = deps_.clock.now_ms();
  auto ref = FunctionService::resolve(ctx, function_arn, std::nullopt);
  ctx.account = ref.account;
  ctx.region = ref.region;
  auto function = load_active(ref);
  InvokeRequest request;
  request.function = function_arn;
  request.invocation_type = "Event";
  request.payload = payload;
  request.source = source;
  return run(ctx, function, request);
}

void InvokeService::resume() {
  std::vector<store::AsyncInvocationRow> rows;
  {
    store::Transaction tx(deps_.db);
    rows = store::AsyncInvocationTable::all(tx);
    tx.commit();
  }
  for (const auto& row : rows) {
    Job job;
    job.id = row.id;
    job.ctx.account = row.account;
    job.ctx.region = row.region;
    job.ctx.request_id = row.request_id;
    job.ctx.now_ms = deps_.clock.now_ms();
    job.request.function = row.function;
    job.request.qualifier = row.qualifier;
    job.request.invocation_type = "Event";
    job.request.payload = row.payload;
    job.request.source = row.source;
    job.attempt = static_cast<int>(row.attempt);
    job.due_ms = row.due_at;
    enqueue(std::move(job));
  }
  if (!rows.empty()) spdlog::info("resumed {} asynchronous Lambda invocation(s)", rows.size());
}

void InvokeService::enqueue(Job job) {
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return;  // the row stays: resumed at the next start
    queue_.push_back(std::move(job));
  }
  queue_cv_.notify_one();
}

void InvokeService::wake() { queue_cv_.notify_all(); }

bool InvokeService::idle() {
  int64_t now = deps_.clock.now_ms();
  bool due = false;
  {
    std::lock_guard lock(queue_mu_);
    if (running_ > 0) return false;
    for (const auto& job : queue_) due = due || job.due_ms <= now;
  }
  if (due) queue_cv_.notify_all();  // a manual clock moved: the workers may be asleep
  return !due;
}

void InvokeService::worker() {
  while (true) {
    Job job;
    {
      std::unique_lock lock(queue_mu_);
      while (true) {
        if (stopping_) return;
        if (queue_.empty()) {
          queue_cv_.wait(lock);
          continue;
        }
        auto next = std::min_element(queue_.begin(), queue_.end(), [](const Job& a, const Job& b) {
          return a.due_ms < b.due_ms;
        });
        int64_t wait_ms = deps_.clock.real_wait_ms(next->due_ms);
        if (wait_ms != 0) {
          // A manual clock never gets there by itself; re-check at least every second anyway.
          if (wait_ms < 0 || wait_ms > 1000) wait_ms = 1000;
          queue_cv_.wait_for(lock, std::chrono::milliseconds(wait_ms));
          continue;
        }
        job = std::move(*next);
        queue_.erase(next);
        ++running_;
        break;
      }
    }
    process(std::move(job));
    {
      std::lock_guard lock(queue_mu_);
      --running_;
    }
  }
}

void InvokeService::process(Job job) {
  try {
    store::FunctionRow function;
    if (job.function) {
      function = *job.function;
    } else {
      // A retry (or a resumed invocation) runs the function as it is now; a deleted function is
      // not run.
      try {
        function = load_active(
            FunctionService::resolve(job.ctx, job.request.function, job.request.qualifier));
      } catch (const AwsError& e) {
        spdlog::warn("asynchronous invocation {} of {} dropped: {}", job.ctx.request_id,
                     job.request.function, e.what());
        store::Transaction tx(deps_.db);
        store::AsyncInvocationTable::remove(tx, job.id);
        tx.commit();
        return;
      }
    }
    std::optional<Job> retry;
    auto finish = [&](store::Transaction& tx, const InvokeOutcome& outcome) {
      retry.reset();
      if (outcome.function_error && job.attempt < kAsyncRetries) {
        auto delay = static_cast<int64_t>((job.attempt == 0 ? 60000.0 : 120000.0) *
                                          deps_.config.retry_scale);
        Job next = job;
        next.function.reset();
        next.attempt += 1;
        next.due_ms = deps_.clock.now_ms() + delay;
        store::AsyncInvocationTable::reschedule(tx, next.id, next.attempt, next.due_ms);
        retry = std::move(next);
      } else {
        store::AsyncInvocationTable::remove(tx, job.id);
      }
    };
    run(job.ctx, function, job.request, finish);
    if (retry) enqueue(std::move(*retry));
  } catch (const std::exception& e) {
    spdlog::error("asynchronous invocation of {} failed: {}", job.request.function, e.what());
  }
}

InvokeOutcome InvokeService::run(const RequestContext& ctx, const store::FunctionRow& function,
                                 const InvokeRequest& request, const Finish& finish) {
  const std::string payload = request.payload.empty() ? "{}" : request.payload;
  int64_t started_at = deps_.clock.now_ms();
  auto wall_started = std::chrono::steady_clock::now();
  InvokeResult result;
  if (function.package_type == "Image") {
    result = invoke_url(function, payload, ctx.request_id);
  } else {
    auto zip = base64_decode(function.zip_base64);
    std::string error;
    std::optional<std::filesystem::path> dir;
    if (zip) dir = functions_.code().materialize(*zip, function.code_sha256, error);
    if (!dir) {
      result.status = InvokeResult::Status::kRuntimeError;
      result.request_id = ctx.request_id;
      result.payload = runtime_error_payload("Runtime.Unknown",
                                             "The function's code could not be unpacked: " + error);
    } else {
      FunctionSpec spec;
      spec.name = function.name;
      spec.runtime = function.runtime;
      spec.handler = function.handler;
      spec.code_dir = *dir;
      spec.environment = environment_of(function);
      spec.timeout_seconds = static_cast<int>(function.timeout_seconds);
      spec.memory_mb = static_cast<int>(function.memory_mb);
      spec.account = function.account;
      spec.region = function.region;
      spec.function_arn =
          FunctionService::function_arn(function.region, function.account, function.name);
      result = runner().invoke(spec, payload, ctx.request_id);
    }
  }
  double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_started)
          .count();
  InvokeOutcome outcome;
  outcome.status_code = request.invocation_type == "Event" ? 202 : 200;
  outcome.payload = result.payload;
  outcome.log = result.log;
  outcome.log_stream = result.log_stream_name;
  outcome.request_id = ctx.request_id;
  outcome.status = status_name(result.status);
  if (result.status != InvokeResult::Status::kOk) outcome.function_error = "Unhandled";
  if (request.tail_log) {
    std::string tail = outcome.log.size() > kLogTailBytes
                           ? outcome.log.substr(outcome.log.size() - kLogTailBytes)
                           : outcome.log;
    outcome.log_tail_base64 = base64_encode(tail);
  }
  bool cold = result.log.find("Init Duration:") != std::string::npos;
  try {
    record(ctx, function, request, outcome, started_at,
           result.duration_ms > 0 ? result.duration_ms : wall_ms, cold, finish);
  } catch (const std::exception& e) {
    spdlog::error("could not record the invocation of {}: {}", function.name, e.what());
    if (finish) {
      store::Transaction tx(deps_.db);
      finish(tx, outcome);
      tx.commit();
    }
  }
  return outcome;
}

void InvokeService::record(const RequestContext& ctx, const store::FunctionRow& function,
                           const InvokeRequest& request, const InvokeOutcome& outcome,
                           int64_t started_at, double duration_ms, bool cold_start,
                           const Finish& finish) {
  std::string key = function.account + "/" + function.region + "/" + function.name;
  std::string stream;
  {
    std::lock_guard lock(streams_mu_);
    auto it = streams_.find(key);
    if (cold_start || it == streams_.end()) {
      auto date = iso8601_s(started_at);  // 2025-04-10T...
      stream = date.substr(0, 4) + "/" + date.substr(5, 2) + "/" + date.substr(8, 2) +
               "/[$LATEST]" + deps_.ids.hex(32);
      streams_[key] = stream;
    } else {
      stream = it->second;
    }
  }
  if (!outcome.log_stream.empty()) stream = outcome.log_stream;  // the one the function saw
  int64_t ended_at = deps_.clock.now_ms();
  store::InvocationRow row;
  row.request_id = ctx.request_id;
  row.account = function.account;
  row.region = function.region;
  row.function_name = function.name;
  row.invocation_type = request.invocation_type;
  row.source = request.source;
  row.started_at = started_at;
  row.duration_ms = duration_ms;
  row.status = outcome.status;
  row.event = request.payload.empty() ? "{}" : request.payload;
  row.payload = outcome.payload;
  row.function_error = outcome.function_error;
  row.log = outcome.log;
  store::Transaction tx(deps_.db);
  store::InvocationTable::insert(tx, row);
  logs_.write(tx, function.account, function.region, "/aws/lambda/" + function.name, stream,
              split_log(outcome.log, started_at, ended_at), ended_at);
  if (finish) finish(tx, outcome);
  tx.commit();
}

}  // namespace ebs::lambda
