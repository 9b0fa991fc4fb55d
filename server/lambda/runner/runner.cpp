// Runner: one invocation = take a warm process or start one (and wait for its init), send the
// event, wait for the answer with the function's deadline, frame the log, and keep or kill the
// process.
#include "lambda/runner/runner.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <system_error>

#include "lambda/runner/bounded_log.hpp"
#include "lambda/runner/child_environment.hpp"
#include "lambda/runner/control_message.hpp"
#include "lambda/runner/lambda_log_format.hpp"
#include "lambda/runner/runtime_process.hpp"
#include "lambda/runner/runtimes.hpp"
#include "lambda/runner/warm_pool.hpp"

namespace ebs::lambda {
namespace {

using Clock = std::chrono::steady_clock;
using Status = InvokeResult::Status;

// AWS's limit on a synchronous invocation's response.
constexpr size_t kMaxResponseBytes = 6291556;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

std::string error_type_of(const std::string& payload) {
  auto doc = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object() && doc.contains("errorType") && doc["errorType"].is_string()) {
    return doc["errorType"].get<std::string>();
  }
  return {};
}

std::string protocol_error_payload(const std::string& request_id) {
  return runtime_error_payload("Runtime.ProtocolError",
                               "RequestId: " + request_id +
                                   " Error: the runtime wrote data the emulator could not read on "
                                   "its control channel");
}

}  // namespace

class Runner::Impl {
 public:
  explicit Impl(RunnerConfig config)
      : config_(std::move(config)),
        host_(HostEnvironment::current()),
        pool_(config_.max_warm_per_function) {}

  ~Impl() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
      for (pid_t pid : active_) kill_group(pid);
    }
    pool_.clear();
    std::unique_lock<std::mutex> lock(mu_);
    drained_.wait(lock, [&] { return in_flight_ == 0; });
  }

  InvokeResult invoke(const FunctionSpec& spec, const std::string& event_json,
                      const std::string& request_id);
  void evict(const std::string& name) { pool_.evict(name); }
  size_t warm_count(const std::string& name) { return pool_.idle_count(name); }

 private:
  // Counts an invoke() in flight so that the destructor can wait for it.
  class InFlight {
   public:
    explicit InFlight(Impl& impl) : impl_(impl) {
      std::lock_guard<std::mutex> lock(impl_.mu_);
      ++impl_.in_flight_;
      stopping_ = impl_.stopping_;
    }
    ~InFlight() {
      std::lock_guard<std::mutex> lock(impl_.mu_);
      if (--impl_.in_flight_ == 0) impl_.drained_.notify_all();
    }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;
    bool stopping() const { return stopping_; }

   private:
    Impl& impl_;
    bool stopping_ = false;
  };

  // Registers a running process so that the destructor can kill it. False (and the process is
  // killed) when the runner is stopping.
  bool track(const RuntimeProcess& process) {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      process.kill();
      return false;
    }
    active_.insert(process.pid());
    return true;
  }
  void untrack(const RuntimeProcess& process) {
    std::lock_guard<std::mutex> lock(mu_);
    active_.erase(process.pid());
  }
  static void kill_group(pid_t pid) {
    // Safe against pid reuse: a tracked child is never reaped before it is untracked.
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
  }

  std::unique_ptr<RuntimeProcess> start_process(const FunctionSpec& spec,
                                                const Interpreter& interpreter,
                                                std::string* error) const;

  RunnerConfig config_;
  HostEnvironment host_;
  WarmPool pool_;
  std::mutex mu_;
  std::condition_variable drained_;
  std::set<pid_t> active_;
  size_t in_flight_ = 0;
  bool stopping_ = false;
};

std::unique_ptr<RuntimeProcess> Runner::Impl::start_process(const FunctionSpec& spec,
                                                            const Interpreter& interpreter,
                                                            std::string* error) const {
  SpawnOptions options;
  options.executable = interpreter.executable;
  std::filesystem::path bootstrap;
  if (interpreter.family == RuntimeFamily::kNode) {
    bootstrap = config_.bootstrap_dir / "node_bootstrap.js";
    options.argv = {"node", bootstrap.string()};
  } else {
    bootstrap = config_.bootstrap_dir / "python_bootstrap.py";
    options.argv = {"python3", "-u", "-B", bootstrap.string()};
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(bootstrap, ec)) {
    *error = "the runtime bootstrap " + bootstrap.string() + " is missing";
    return nullptr;
  }
  if (!std::filesystem::is_directory(spec.code_dir, ec)) {
    *error = "the function's code folder " + spec.code_dir.string() + " is missing";
    return nullptr;
  }
  std::string log_stream = make_log_stream_name(spec.version);
  options.env = to_env_entries(child_environment(spec, config_, interpreter, log_stream, host_));
  options.working_dir = spec.code_dir;
  auto process = RuntimeProcess::start(std::move(options), error);
  if (process) process->set_log_stream_name(std::move(log_stream));
  return process;
}

InvokeResult Runner::Impl::invoke(const FunctionSpec& spec_in, const std::string& event_json,
                                  const std::string& request_id) {
  InFlight in_flight(*this);
  FunctionSpec spec = spec_in;
  if (spec.timeout_seconds < 1) spec.timeout_seconds = 1;

  InvokeResult result;
  result.request_id = request_id;
  BoundedLog log(config_.max_log_bytes);
  ReportFields report;
  report.request_id = request_id;
  report.memory_size_mb = spec.memory_mb;

  auto finish = [&](Status status, std::string payload) {
    result.status = status;
    result.payload = std::move(payload);
    if (status == Status::kTimeout) {
      report.status = "timeout";
    } else if (status == Status::kRuntimeError) {
      report.status = "error";
      report.error_type = error_type_of(result.payload);
    }
    report.duration_ms = result.duration_ms;
    log.append_runtime_line(end_line(request_id));
    log.append_runtime_line(report_line(report));
    result.log = log.take();
    return result;
  };
  auto fail_without_process = [&](const std::string& type, const std::string& message) {
    spdlog::warn("lambda {}: {}", spec.name, message);
    log.append_runtime_line(start_line(request_id, spec.version));
    return finish(Status::kRuntimeError, runtime_error_payload(type, message));
  };

  if (in_flight.stopping()) {
    return fail_without_process("Runtime.Unavailable", "the Lambda runner is shutting down");
  }
  if (!runtime_supported(spec.runtime)) {
    return fail_without_process(
        "Runtime.Unavailable", "The runtime " + spec.runtime + " is not supported by the emulator");
  }
  auto interpreter = resolve_interpreter(spec.runtime);
  if (!interpreter) {
    return fail_without_process(
        "Runtime.Unavailable", "No interpreter for " + spec.runtime + " was found on this machine");
  }

  const std::string function_fingerprint = fingerprint(spec);
  const uint64_t generation = pool_.generation(spec.name);
  std::unique_ptr<RuntimeProcess> process = pool_.take(spec.name, function_fingerprint);

  if (process) {
    if (!track(*process)) {
      return fail_without_process("Runtime.Unavailable", "the Lambda runner is shutting down");
    }
    process->drain_log(log);  // output written while it sat idle
    result.log_stream_name = process->log_stream_name();
  } else {
    const auto init_start = Clock::now();
    std::string error;
    process = start_process(spec, *interpreter, &error);
    if (!process) return fail_without_process("Runtime.StartFailed", error);
    result.log_stream_name = process->log_stream_name();
    spdlog::debug("lambda {}: started {} process {}", spec.name, spec.runtime, process->pid());
    if (!track(*process)) {
      return fail_without_process("Runtime.Unavailable", "the Lambda runner is shutting down");
    }
    auto ready = process->wait_message(
        init_start + std::chrono::seconds(std::max(1, config_.init_timeout_seconds)), log);
    report.init_duration_ms = elapsed_ms(init_start);
    report.max_memory_used_mb = process->max_memory_used_mb();
    if (ready.kind != RuntimeProcess::WaitKind::kMessage ||
        ready.message.header["type"] != "ready") {
      process->kill();
      untrack(*process);
      log.append_runtime_line(start_line(request_id, spec.version));
      switch (ready.kind) {
        case RuntimeProcess::WaitKind::kMessage:
          if (ready.message.header["type"] == "init_error") {
            return finish(Status::kRuntimeError, ready.message.body);
          }
          return finish(Status::kRuntimeError, protocol_error_payload(request_id));
        case RuntimeProcess::WaitKind::kTimeout:
          log.append_runtime_line(
              timeout_log_line(std::chrono::system_clock::now(), request_id, spec.timeout_seconds));
          return finish(Status::kTimeout, timeout_payload(request_id, spec.timeout_seconds));
        case RuntimeProcess::WaitKind::kExited:
          log.append_runtime_line(exit_log_line(request_id, process->exit_description()));
          return finish(Status::kRuntimeError,
                        exit_payload(request_id, process->exit_description()));
        case RuntimeProcess::WaitKind::kProtocolError:
          return finish(Status::kRuntimeError, protocol_error_payload(request_id));
      }
    }
  }

  log.append_runtime_line(start_line(request_id, spec.version));
  const auto deadline_wall =
      std::chrono::system_clock::now() + std::chrono::seconds(spec.timeout_seconds);
  nlohmann::json header = {
      {"type", "invoke"},
      {"requestId", request_id},
      {"deadlineMs",
       std::chrono::duration_cast<std::chrono::milliseconds>(deadline_wall.time_since_epoch())
           .count()},
      {"invokedFunctionArn", spec.function_arn},
  };
  const auto invoke_start = Clock::now();
  process->send(encode_message(header, event_json.empty() ? std::string("{}") : event_json));
  auto answer =
      process->wait_message(invoke_start + std::chrono::seconds(spec.timeout_seconds), log);
  result.duration_ms = elapsed_ms(invoke_start);

  bool reusable = false;
  Status status = Status::kRuntimeError;
  std::string payload;
  switch (answer.kind) {
    case RuntimeProcess::WaitKind::kMessage: {
      const auto& h = answer.message.header;
      if (h["type"] != "response" || !h.contains("requestId") || h["requestId"] != request_id) {
        process->kill();
        payload = protocol_error_payload(request_id);
        break;
      }
      const bool fatal = h.value("fatal", false);
      status = h.value("status", "") == "ok" ? Status::kOk : Status::kFunctionError;
      payload = std::move(answer.message.body);
      if (payload.size() > kMaxResponseBytes) {
        status = Status::kFunctionError;
        payload = response_too_large_payload();
      }
      process->drain_log(log);  // output written just before the answer
      reusable = !fatal;
      break;
    }
    case RuntimeProcess::WaitKind::kTimeout:
      process->kill();
      status = Status::kTimeout;
      payload = timeout_payload(request_id, spec.timeout_seconds);
      log.append_runtime_line(
          timeout_log_line(std::chrono::system_clock::now(), request_id, spec.timeout_seconds));
      break;
    case RuntimeProcess::WaitKind::kExited:
      payload = exit_payload(request_id, process->exit_description());
      log.append_runtime_line(exit_log_line(request_id, process->exit_description()));
      break;
    case RuntimeProcess::WaitKind::kProtocolError:
      process->kill();
      payload = protocol_error_payload(request_id);
      break;
  }
  report.max_memory_used_mb = std::max(report.max_memory_used_mb, process->max_memory_used_mb());
  untrack(*process);
  if (reusable) {
    pool_.put(spec.name, function_fingerprint, generation, std::move(process));
  } else {
    spdlog::debug("lambda {}: dropping process {} ({})", spec.name, process->pid(),
                  to_string(status));
    process.reset();  // kills the process group and reaps
  }
  return finish(status, std::move(payload));
}

Runner::Runner(RunnerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Runner::~Runner() = default;

InvokeResult Runner::invoke(const FunctionSpec& spec, const std::string& event_json,
                            const std::string& request_id) {
  return impl_->invoke(spec, event_json, request_id);
}

void Runner::evict(const std::string& function_name) { impl_->evict(function_name); }

size_t Runner::warm_count(const std::string& function_name) const {
  return impl_->warm_count(function_name);
}

}  // namespace ebs::lambda
