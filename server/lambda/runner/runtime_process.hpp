// RuntimeProcess: one execution environment: a bootstrap process running one function, with its
// control socket (fd 3 in the child) and its log pipe (fds 1 and 2 in the child). The runner talks
// to it with control messages and waits for answers with a deadline while it reads the function's
// output, so nothing the process does (exiting, stalling, flooding its output, writing garbage on
// the socket, forking) can block the runner past the deadline. One invocation at a time; not
// thread-safe, except kill(), which any thread may call while the process object lives.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "lambda/runner/bounded_log.hpp"
#include "lambda/runner/child_process.hpp"
#include "lambda/runner/control_message.hpp"
#include "lambda/runner/posix_io.hpp"

namespace ebs::lambda {

class RuntimeProcess {
 public:
  using Clock = std::chrono::steady_clock;

  enum class WaitKind {
    kMessage,        // `message` holds the next control message
    kTimeout,        // the deadline passed first
    kExited,         // the process exited (exit_description() says how) without a message
    kProtocolError,  // the process wrote something that is not a control message
  };
  struct Waited {
    WaitKind kind = WaitKind::kTimeout;
    ControlMessage message;
  };

  // Largest header / body accepted from a runtime. Bodies above AWS's 6 MB response limit are
  // accepted up to this size and rejected by the runner with AWS's error.
  static constexpr size_t kMaxHeaderBytes = 64 * 1024;
  static constexpr size_t kMaxBodyBytes = 16 * 1024 * 1024;

  // Starts the process; `options.fds` is filled in here. Null (and `error` set) if it cannot start.
  static std::unique_ptr<RuntimeProcess> start(SpawnOptions options, std::string* error);
  ~RuntimeProcess();

  // Queues bytes for the control socket; they are written while wait_message() runs.
  void send(std::string bytes);
  // Waits for the next control message, writing queued bytes and collecting output into `log`.
  Waited wait_message(Clock::time_point deadline, BoundedLog& log);
  // Collects output already written (e.g. while the process sat idle), without blocking.
  void drain_log(BoundedLog& log);

  bool exited();
  void kill() const { child_.kill_group(); }
  std::string exit_description() const { return child_.exit_description(); }
  pid_t pid() const { return child_.pid(); }
  // Peak resident memory of the process so far, in MB (rounded up); the last value seen once it
  // died.
  long max_memory_used_mb();
  // The CloudWatch Logs stream of this execution environment (AWS_LAMBDA_LOG_STREAM_NAME, the
  // function's context.logStreamName); every invocation it serves writes there.
  const std::string& log_stream_name() const { return log_stream_name_; }
  void set_log_stream_name(std::string name) { log_stream_name_ = std::move(name); }

 private:
  RuntimeProcess(ChildProcess child, UniqueFd control, UniqueFd log);
  Waited after_exit(BoundedLog& log);
  void read_control();
  void read_log(BoundedLog& log, size_t budget);

  ChildProcess child_;
  UniqueFd control_;
  UniqueFd log_;
  MessageDecoder decoder_;
  std::string outbox_;
  bool control_closed_ = false;
  long max_memory_mb_ = 0;
  std::string log_stream_name_;
};

}  // namespace ebs::lambda
