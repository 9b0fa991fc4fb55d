// runtimes: the supported runtime list and interpreter discovery (PATH search + a probe run,
// cached).
#include "lambda/runner/runtimes.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <sstream>

#include "lambda/runner/child_process.hpp"

extern char** environ;

namespace ebs::lambda {
namespace {

constexpr std::array<const char*, 8> kSupported = {
    "nodejs18.x", "nodejs20.x", "nodejs22.x", "python3.9",
    "python3.10", "python3.11", "python3.12", "python3.13",
};

std::optional<std::filesystem::path> find_on_path(const std::string& name) {
  const char* path_env = std::getenv("PATH");
  std::string path = path_env != nullptr ? path_env : "/usr/local/bin:/usr/bin:/bin";
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::filesystem::path candidate = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

// Runs `argv` with this process's environment; returns its stdout if it exits 0 within 10 s.
std::optional<std::string> run_probe(const std::filesystem::path& executable,
                                     std::vector<std::string> argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return std::nullopt;
  UniqueFd read_end(fds[0]);
  UniqueFd write_end(fds[1]);
  SpawnOptions options;
  options.executable = executable;
  options.argv = std::move(argv);
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) options.env.emplace_back(*e);
  options.fds = {{write_end.get(), 1}};
  std::string error;
  ChildProcess child = ChildProcess::spawn(options, &error);
  write_end.reset();
  if (!child.valid()) return std::nullopt;
  set_nonblocking(read_end.get());

  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;  // ~ChildProcess kills it
    pollfd pfd{read_end.get(), POLLIN, 0};
    ::poll(&pfd, 1, static_cast<int>(left.count()));
    ReadStatus status = read_some(read_end.get(), out, 4096);
    if (status == ReadStatus::kEof || status == ReadStatus::kError) break;
    if (out.size() > 64 * 1024) return std::nullopt;
  }
  child.wait_exited();
  if (child.exit_code() != 0) return std::nullopt;
  return out;
}

std::optional<Interpreter> probe(RuntimeFamily family, const std::string& command,
                                 const std::string& wanted_version) {
  auto path = find_on_path(command);
  if (!path) return std::nullopt;
  std::optional<std::string> out;
  if (family == RuntimeFamily::kNode) {
    out = run_probe(
        *path,
        {command, "-e", "process.stdout.write(process.execPath + '\\n' + process.versions.node)"});
  } else {
    out = run_probe(*path, {command, "-c",
                            "import sys; sys.stdout.write(sys.executable + '\\n' + "
                            "'%d.%d' % sys.version_info[:2])"});
  }
  if (!out) return std::nullopt;
  auto newline = out->find('\n');
  if (newline == std::string::npos) return std::nullopt;
  Interpreter interpreter{family, out->substr(0, newline), out->substr(newline + 1)};
  if (interpreter.executable.empty() || !interpreter.executable.is_absolute()) {
    interpreter.executable = *path;
  }
  if (!wanted_version.empty() && interpreter.version != wanted_version) return std::nullopt;
  return interpreter;
}

std::optional<Interpreter> discover(const std::string& runtime) {
  auto family = runtime_family(runtime);
  if (!family) return std::nullopt;
  if (*family == RuntimeFamily::kNode) return probe(RuntimeFamily::kNode, "node", "");
  std::string version = runtime.substr(std::string("python").size());  // "3.12"
  if (auto exact = probe(RuntimeFamily::kPython, "python" + version, version)) return exact;
  return probe(RuntimeFamily::kPython, "python3", "");
}

}  // namespace

bool runtime_supported(const std::string& runtime) {
  for (const char* supported : kSupported) {
    if (runtime == supported) return true;
  }
  return false;
}

std::optional<RuntimeFamily> runtime_family(const std::string& runtime) {
  if (!runtime_supported(runtime)) return std::nullopt;
  return runtime.rfind("nodejs", 0) == 0 ? RuntimeFamily::kNode : RuntimeFamily::kPython;
}

std::optional<Interpreter> resolve_interpreter(const std::string& runtime) {
  static std::mutex mu;
  static std::map<std::string, std::optional<Interpreter>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(runtime); it != cache.end()) return it->second;
  }
  auto found = discover(runtime);  // outside the lock: a probe takes tens of milliseconds
  std::lock_guard<std::mutex> lock(mu);
  return cache.emplace(runtime, found).first->second;
}

bool runtime_available(const std::string& runtime) {
  return runtime_supported(runtime) && resolve_interpreter(runtime).has_value();
}

}  // namespace ebs::lambda
