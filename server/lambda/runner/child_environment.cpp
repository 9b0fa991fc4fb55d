// child_environment: user variables + Lambda's reserved variables + the emulator's
// endpoint/credentials.
#include "lambda/runner/child_environment.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <random>

namespace ebs::lambda {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// NODE_OPTIONS splits on spaces and honours double quotes with backslash escapes.
std::string node_options_quote(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

bool is_emulator_critical(const std::string& key) {
  return key == "AWS_ACCESS_KEY_ID" || key == "AWS_SECRET_ACCESS_KEY" ||
         key == "AWS_SESSION_TOKEN" || key == "AWS_SECURITY_TOKEN" ||
         key == "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS" || starts_with(key, "AWS_ENDPOINT_URL");
}

// A key with '=' or NUL, or a value with NUL, cannot be expressed in an environment block.
bool valid_entry(const std::string& key, const std::string& value) {
  return !key.empty() && key.find('=') == std::string::npos &&
         key.find('\0') == std::string::npos && value.find('\0') == std::string::npos;
}

}  // namespace

HostEnvironment HostEnvironment::current() {
  HostEnvironment host;
  const char* path = std::getenv("PATH");
  const char* home = std::getenv("HOME");
  host.path = path != nullptr && *path != '\0' ? path : "/usr/local/bin:/usr/bin:/bin";
  host.home = home != nullptr && *home != '\0' ? home : "/tmp";
  return host;
}

std::map<std::string, std::string> child_environment(const FunctionSpec& spec,
                                                     const RunnerConfig& config,
                                                     const Interpreter& interpreter,
                                                     const std::string& log_stream_name,
                                                     const HostEnvironment& host) {
  const bool user_chose_endpoint = spec.environment.count("AWS_ENDPOINT_URL") > 0;
  std::map<std::string, std::string> env;
  for (const auto& [key, value] : spec.environment) {
    if (!valid_entry(key, value)) continue;
    if (!user_chose_endpoint && is_emulator_critical(key)) continue;
    env[key] = value;
  }

  const std::string code_dir = spec.code_dir.string();
  const std::string interpreter_dir = interpreter.executable.parent_path().string();
  env["PATH"] = interpreter_dir.empty() ? host.path : interpreter_dir + ":" + host.path;
  env["HOME"] = host.home;
  env["LANG"] = "en_US.UTF-8";
  env["TZ"] = ":UTC";

  // Defined by Lambda; a function cannot change them.
  env["AWS_REGION"] = spec.region;
  env["AWS_DEFAULT_REGION"] = spec.region;
  env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + spec.runtime;
  env["AWS_LAMBDA_FUNCTION_NAME"] = spec.name;
  env["AWS_LAMBDA_FUNCTION_VERSION"] = spec.version;
  env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(spec.memory_mb);
  env["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + spec.name;
  env["AWS_LAMBDA_LOG_STREAM_NAME"] = log_stream_name;
  env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
  env["LAMBDA_TASK_ROOT"] = code_dir;
  env["LAMBDA_RUNTIME_DIR"] = config.bootstrap_dir.string();
  env["_HANDLER"] = spec.handler;

  if (!user_chose_endpoint) {
    env["AWS_ACCESS_KEY_ID"] = spec.account;  // the emulator maps a 12-digit key to that account
    env["AWS_SECRET_ACCESS_KEY"] = "test";
    if (!config.endpoint_url.empty()) env["AWS_ENDPOINT_URL"] = config.endpoint_url;
  }

  if (interpreter.family == RuntimeFamily::kNode) {
    std::string node_path;
    for (const auto& dir : config.node_path) node_path += dir.string() + ":";
    node_path += code_dir;
    if (auto it = spec.environment.find("NODE_PATH"); it != spec.environment.end()) {
      node_path = it->second + ":" + node_path;
    }
    env["NODE_PATH"] = node_path;
    std::string options =
        "--require " +
        node_options_quote((config.bootstrap_dir / "aws_sdk_v2_preload.js").string());
    if (auto it = spec.environment.find("NODE_OPTIONS"); it != spec.environment.end()) {
      options += " " + it->second;
    }
    env["NODE_OPTIONS"] = options;
  } else {
    std::string python_path = code_dir;
    if (auto it = spec.environment.find("PYTHONPATH"); it != spec.environment.end()) {
      python_path += ":" + it->second;
    }
    env["PYTHONPATH"] = python_path;
  }
  return env;
}

std::vector<std::string> to_env_entries(const std::map<std::string, std::string>& environment) {
  std::vector<std::string> entries;
  entries.reserve(environment.size());
  for (const auto& [key, value] : environment) entries.push_back(key + "=" + value);
  return entries;
}

std::string make_log_stream_name(const std::string& version) {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char date[16];
  std::strftime(date, sizeof(date), "%Y/%m/%d", &utc);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 32; ++i) id += kHex[rng() % 16];
  return std::string(date) + "/[" + version + "]" + id;
}

}  // namespace ebs::lambda
