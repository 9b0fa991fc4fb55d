// ChildProcess: posix_spawn without a shell, own process group, fd mapping, pidfd, peek-then-reap.
#include "lambda/runner/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ebs::lambda {
namespace {

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  long fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0) {
    ::fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
    return static_cast<int>(fd);
  }
#else
  (void)pid;
#endif
  return -1;
}

std::string signal_name(int sig) {
  // Go's wording (AWS's runtime is written in Go): lower-case strsignal text.
  const char* text = ::strsignal(sig);
  std::string name = text != nullptr ? text : ("signal " + std::to_string(sig));
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

class FileActions {
 public:
  FileActions() { ::posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { ::posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

class SpawnAttributes {
 public:
  SpawnAttributes() { ::posix_spawnattr_init(&attributes_); }
  ~SpawnAttributes() { ::posix_spawnattr_destroy(&attributes_); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  posix_spawnattr_t* get() { return &attributes_; }

 private:
  posix_spawnattr_t attributes_;
};

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

ChildProcess::~ChildProcess() { terminate(); }

ChildProcess::ChildProcess(ChildProcess&& other) noexcept { *this = std::move(other); }

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    terminate();
    pid_ = std::exchange(other.pid_, -1);
    pidfd_ = std::move(other.pidfd_);
    exited_ = other.exited_;
    exit_code_ = other.exit_code_;
    exit_signal_ = other.exit_signal_;
    signalled_ = other.signalled_;
  }
  return *this;
}

ChildProcess ChildProcess::spawn(const SpawnOptions& options, std::string* error) {
  ChildProcess child;
  auto fail = [&](const std::string& what, int err) {
    if (error != nullptr) *error = what + ": " + std::strerror(err);
    return ChildProcess();
  };
  if (options.argv.empty()) return fail("spawn", EINVAL);

  // Move every source descriptor above the target range first, so that mapping {4->3, 3->4} or a
  // source that already has its target number cannot clobber another (dup2 onto itself would also
  // keep FD_CLOEXEC set).
  int highest_target = 2;
  for (const auto& [from, to] : options.fds) highest_target = std::max(highest_target, to);
  std::vector<UniqueFd> staged;
  staged.reserve(options.fds.size());
  for (const auto& mapping : options.fds) {
    int staged_fd = ::fcntl(mapping.first, F_DUPFD_CLOEXEC, highest_target + 1);
    if (staged_fd < 0) return fail("fcntl(F_DUPFD_CLOEXEC)", errno);
    staged.emplace_back(staged_fd);
  }

  FileActions actions;
  bool mapped[3] = {false, false, false};
  for (size_t i = 0; i < options.fds.size(); ++i) {
    int to = options.fds[i].second;
    if (to >= 0 && to <= 2) mapped[to] = true;
    if (int rc = ::posix_spawn_file_actions_adddup2(actions.get(), staged[i].get(), to); rc != 0) {
      return fail("posix_spawn_file_actions_adddup2", rc);
    }
  }
  for (int fd = 0; fd <= 2; ++fd) {
    if (mapped[fd]) continue;
    int flags = fd == 0 ? O_RDONLY : O_WRONLY;
    if (int rc = ::posix_spawn_file_actions_addopen(actions.get(), fd, "/dev/null", flags, 0);
        rc != 0) {
      return fail("posix_spawn_file_actions_addopen", rc);
    }
  }
  if (int rc = ::posix_spawn_file_actions_addclosefrom_np(actions.get(), highest_target + 1);
      rc != 0) {
    return fail("posix_spawn_file_actions_addclosefrom_np", rc);
  }
  if (!options.working_dir.empty()) {
    if (int rc = ::posix_spawn_file_actions_addchdir_np(actions.get(), options.working_dir.c_str());
        rc != 0) {
      return fail("posix_spawn_file_actions_addchdir_np", rc);
    }
  }

  SpawnAttributes attributes;
  sigset_t no_signals;
  sigset_t all_signals;
  ::sigemptyset(&no_signals);
  ::sigfillset(&all_signals);
  ::sigdelset(&all_signals, SIGKILL);
  ::sigdelset(&all_signals, SIGSTOP);
  ::posix_spawnattr_setsigmask(attributes.get(), &no_signals);
  // Dispositions the emulator set (SIGPIPE ignored, say) must not leak into the function.
  ::posix_spawnattr_setsigdefault(attributes.get(), &all_signals);
  ::posix_spawnattr_setpgroup(attributes.get(), 0);
  ::posix_spawnattr_setflags(
      attributes.get(), POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> argv = c_strings(options.argv);
  std::vector<char*> envp = c_strings(options.env);
  pid_t pid = -1;
  if (int rc = ::posix_spawn(&pid, options.executable.c_str(), actions.get(), attributes.get(),
                             argv.data(), envp.data());
      rc != 0) {
    return fail("posix_spawn " + options.executable.string(), rc);
  }
  child.pid_ = pid;
  child.pidfd_.reset(open_pidfd(pid));
  return child;
}

bool ChildProcess::has_exited() {
  if (exited_) return true;
  if (pid_ <= 0) return true;
  siginfo_t info;
  std::memset(&info, 0, sizeof(info));
  int rc;
  do {
    rc = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0 || info.si_pid == 0) return false;
  exited_ = true;
  signalled_ = info.si_code == CLD_KILLED || info.si_code == CLD_DUMPED;
  if (signalled_) {
    exit_signal_ = info.si_status;
  } else {
    exit_code_ = info.si_status;
  }
  return true;
}

void ChildProcess::kill_group() const {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
}

void ChildProcess::wait_exited() {
  if (pid_ <= 0 || exited_) return;
  siginfo_t info;
  std::memset(&info, 0, sizeof(info));
  int rc;
  do {
    rc = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT);
  } while (rc < 0 && errno == EINTR);
  has_exited();
}

void ChildProcess::terminate() {
  if (pid_ <= 0) return;
  kill_group();
  reap();
}

void ChildProcess::reap() {
  int status = 0;
  pid_t rc;
  do {
    rc = ::waitpid(pid_, &status, 0);
  } while (rc < 0 && errno == EINTR);
  if (!exited_ && rc == pid_) {
    exited_ = true;
    signalled_ = WIFSIGNALED(status);
    if (signalled_) {
      exit_signal_ = WTERMSIG(status);
    } else {
      exit_code_ = WEXITSTATUS(status);
    }
  }
  pid_ = -1;
  pidfd_.reset();
}

std::string ChildProcess::exit_description() const {
  if (!exited_) return {};
  if (signalled_) return "signal: " + signal_name(exit_signal_);
  return "exit status " + std::to_string(exit_code_);
}

std::optional<int> ChildProcess::exit_code() const {
  if (!exited_ || signalled_) return std::nullopt;
  return exit_code_;
}

}  // namespace ebs::lambda
