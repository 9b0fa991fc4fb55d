// RuntimeProcess: spawn with a control socket and a log pipe; a poll loop with a deadline.
#include "lambda/runner/runtime_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <optional>

namespace ebs::lambda {
namespace {

constexpr int kControlFdInChild = 3;
constexpr auto kExitPollInterval = std::chrono::milliseconds(20);
// After the runtime closes its socket, how long to wait for its exit status before killing it.
constexpr auto kExitGrace = std::chrono::milliseconds(500);
constexpr size_t kLogReadBudget = 1 << 20;

int poll_timeout_ms(RuntimeProcess::Clock::time_point deadline, bool need_exit_polling) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                    RuntimeProcess::Clock::now());
  if (left.count() < 0) return 0;
  if (need_exit_polling) left = std::min<std::chrono::milliseconds>(left, kExitPollInterval);
  // Round up so that the loop does not spin during the last millisecond.
  return static_cast<int>(std::min<long long>(left.count() + 1, 60'000));
}

}  // namespace

RuntimeProcess::RuntimeProcess(ChildProcess child, UniqueFd control, UniqueFd log)
    : child_(std::move(child)),
      control_(std::move(control)),
      log_(std::move(log)),
      decoder_(kMaxHeaderBytes, kMaxBodyBytes) {}

RuntimeProcess::~RuntimeProcess() = default;  // ~ChildProcess kills the group and reaps

std::unique_ptr<RuntimeProcess> RuntimeProcess::start(SpawnOptions options, std::string* error) {
  int control_pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, control_pair) != 0) {
    if (error != nullptr) *error = "socketpair failed";
    return nullptr;
  }
  UniqueFd control(control_pair[0]);
  UniqueFd control_child(control_pair[1]);
  int log_pipe[2];
  if (::pipe2(log_pipe, O_CLOEXEC) != 0) {
    if (error != nullptr) *error = "pipe2 failed";
    return nullptr;
  }
  UniqueFd log(log_pipe[0]);
  UniqueFd log_child(log_pipe[1]);
  set_nonblocking(control.get());
  set_nonblocking(log.get());

  options.fds = {
      {control_child.get(), kControlFdInChild}, {log_child.get(), 1}, {log_child.get(), 2}};
  ChildProcess child = ChildProcess::spawn(options, error);
  if (!child.valid()) return nullptr;
  return std::unique_ptr<RuntimeProcess>(
      new RuntimeProcess(std::move(child), std::move(control), std::move(log)));
}

void RuntimeProcess::send(std::string bytes) { outbox_ += bytes; }

void RuntimeProcess::read_control() {
  if (control_closed_) return;
  std::string chunk;
  for (int i = 0; i < 64; ++i) {  // bounded per call: a writer cannot keep us here
    chunk.clear();
    ReadStatus status = read_some(control_.get(), chunk, 64 * 1024);
    if (status == ReadStatus::kData) {
      decoder_.feed(chunk);
      if (decoder_.failed()) return;
      continue;
    }
    if (status == ReadStatus::kEof || status == ReadStatus::kError) control_closed_ = true;
    return;
  }
}

void RuntimeProcess::read_log(BoundedLog& log, size_t budget) {
  std::string chunk;
  size_t consumed = 0;
  while (log_ && consumed < budget) {
    chunk.clear();
    ReadStatus status = read_some(log_.get(), chunk, 64 * 1024);
    if (status == ReadStatus::kData) {
      consumed += chunk.size();
      log.append_output(chunk);
      continue;
    }
    if (status == ReadStatus::kEof || status == ReadStatus::kError) log_.reset();
    return;
  }
}

void RuntimeProcess::drain_log(BoundedLog& log) { read_log(log, kLogReadBudget); }

bool RuntimeProcess::exited() { return child_.has_exited(); }

long RuntimeProcess::max_memory_used_mb() {
  if (child_.valid() && !child_.has_exited()) {
    std::ifstream status("/proc/" + std::to_string(child_.pid()) + "/status");
    std::string key;
    while (status >> key) {
      if (key == "VmHWM:") {
        long kb = 0;
        status >> kb;
        max_memory_mb_ = std::max(max_memory_mb_, (kb + 1023) / 1024);
        break;
      }
      std::string rest;
      std::getline(status, rest);
    }
  }
  return max_memory_mb_;
}

RuntimeProcess::Waited RuntimeProcess::after_exit(BoundedLog& log) {
  read_control();
  read_log(log, kLogReadBudget);
  Waited waited;
  if (auto message = decoder_.next()) {
    waited.kind = WaitKind::kMessage;
    waited.message = std::move(*message);
  } else if (decoder_.failed()) {
    waited.kind = WaitKind::kProtocolError;
  } else {
    waited.kind = WaitKind::kExited;
  }
  return waited;
}

RuntimeProcess::Waited RuntimeProcess::wait_message(Clock::time_point deadline, BoundedLog& log) {
  std::optional<Clock::time_point> grace_until;
  for (;;) {
    if (auto message = decoder_.next()) {
      max_memory_used_mb();  // the peak so far, read while the process still exists
      return Waited{WaitKind::kMessage, std::move(*message)};
    }
    if (decoder_.failed()) return Waited{WaitKind::kProtocolError, {}};
    if (child_.has_exited()) return after_exit(log);
    if (control_closed_) {
      // The runtime closed its end: it is exiting. Give it a moment to report its exit status.
      auto now = Clock::now();
      if (!grace_until) grace_until = std::min(deadline, now + kExitGrace);
      if (now >= *grace_until) {
        child_.kill_group();
        child_.wait_exited();
        return after_exit(log);
      }
    }
    if (Clock::now() >= deadline) return Waited{WaitKind::kTimeout, {}};

    pollfd fds[3];
    nfds_t count = 0;
    int control_index = -1;
    int log_index = -1;
    if (!control_closed_) {
      control_index = static_cast<int>(count);
      fds[count++] = {control_.get(), static_cast<short>(POLLIN | (outbox_.empty() ? 0 : POLLOUT)),
                      0};
    }
    if (log_) {
      log_index = static_cast<int>(count);
      fds[count++] = {log_.get(), POLLIN, 0};
    }
    if (child_.exit_fd() >= 0) fds[count++] = {child_.exit_fd(), POLLIN, 0};
    auto until = grace_until ? std::min(deadline, *grace_until) : deadline;
    int ready = ::poll(fds, count, poll_timeout_ms(until, child_.exit_fd() < 0));
    if (ready <= 0) continue;

    if (control_index >= 0) {
      short revents = fds[control_index].revents;
      if ((revents & POLLOUT) != 0 && !outbox_.empty()) {
        long written = send_some(control_.get(), outbox_);
        if (written < 0) {
          control_closed_ = true;
          outbox_.clear();
        } else {
          outbox_.erase(0, static_cast<size_t>(written));
        }
      }
      if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0) read_control();
    }
    if (log_index >= 0 && (fds[log_index].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      read_log(log, 256 * 1024);
    }
  }
}

}  // namespace ebs::lambda
