// runtimes: which Lambda runtimes the runner supports and which interpreter on this machine runs
// each. nodejs* runs on `node`; pythonX.Y runs on `pythonX.Y` when that is installed and works,
// else on `python3`. Each candidate is probed once (it must run and report its own executable, so
// wrappers such as pyenv shims are resolved to the real binary) and the answer is cached for the
// process. Thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ebs::lambda {

enum class RuntimeFamily { kNode, kPython };

struct Interpreter {
  RuntimeFamily family;
  std::filesystem::path executable;  // absolute path of the real binary
  std::string version;               // "20.20.2", "3.11"
};

bool runtime_supported(const std::string& runtime);
// The runtime is supported and an interpreter for it is present on the machine.
bool runtime_available(const std::string& runtime);

std::optional<RuntimeFamily> runtime_family(const std::string& runtime);
std::optional<Interpreter> resolve_interpreter(const std::string& runtime);

}  // namespace ebs::lambda
