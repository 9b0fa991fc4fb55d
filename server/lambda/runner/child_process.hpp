// ChildProcess: one child started without a shell (posix_spawn with an argv array), in a process
// group of its own, with chosen descriptors mapped onto its fds and every other descriptor closed.
// Owns the child: destroying it kills the whole group and reaps the child. Exit is observable
// through a pidfd (pollable) and is peeked without reaping, so the pid (and group id) cannot be
// reused by another process while this object lives. Not thread-safe; kill_group() may be called
// from any thread.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lambda/runner/posix_io.hpp"

namespace ebs::lambda {

struct SpawnOptions {
  std::filesystem::path executable;   // absolute path; no PATH search, no shell
  std::vector<std::string> argv;      // argv[0] included
  std::vector<std::string> env;       // "KEY=VALUE" entries: the child's whole environment
  std::filesystem::path working_dir;  // empty: inherit
  // {descriptor in this process, fd number in the child}. Child fds 0..2 not listed get /dev/null.
  std::vector<std::pair<int, int>> fds;
};

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts the child; on failure returns an invalid object and sets `error`.
  static ChildProcess spawn(const SpawnOptions& options, std::string* error);

  bool valid() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // Readable once the child has exited; -1 when the kernel has no pidfd (then poll has_exited()).
  int exit_fd() const { return pidfd_.get(); }

  // Non-blocking: has the child exited? (Peeks; the child stays a zombie until reaped.)
  bool has_exited();
  // SIGKILL to the child's process group and to the child itself.
  void kill_group() const;
  // Kills the group and reaps the child (blocking until it is gone).
  void terminate();
  // Waits for the child to exit (it must be exiting or killed), without reaping.
  void wait_exited();
  // "exit status 1" / "signal: killed" (the wording AWS uses); empty while running.
  std::string exit_description() const;
  std::optional<int> exit_code() const;

 private:
  void reap();

  pid_t pid_ = -1;
  UniqueFd pidfd_;
  bool exited_ = false;
  int exit_code_ = 0;    // valid when exited_ && !signalled_
  int exit_signal_ = 0;  // valid when exited_ && signalled_
  bool signalled_ = false;
};

}  // namespace ebs::lambda
