// RunnerConfig: how the runner starts runtimes: where our bootstrap files are, the emulator
// endpoint the functions' SDKs must reach, and the runner's limits. default_bootstrap_dir() finds
// the bootstrap folder of this build or installation.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace ebs::lambda {

struct RunnerConfig {
  std::filesystem::path bootstrap_dir;  // holds node_bootstrap.js, python_bootstrap.py, the preload
  std::string endpoint_url;             // e.g. http://127.0.0.1:4566 — the emulator itself
  size_t max_warm_per_function = 2;     // idle processes kept per function
  size_t max_log_bytes = 4 << 20;       // function output kept per invocation
  // Folders appended to NODE_PATH before the code folder, e.g. where the image installs aws-sdk@2
  // so that functions written for the classic SDK run without bundling it.
  std::vector<std::filesystem::path> node_path;
  // AWS gives a function's initialisation (module load) up to 10 s, apart from its timeout.
  int init_timeout_seconds = 10;
};

// $EBS_LAMBDA_BOOTSTRAP_DIR if set, else /usr/local/share/ebs-emulator/bootstrap if it exists, else
// the source tree's server/lambda/bootstrap this library was built from.
std::filesystem::path default_bootstrap_dir();

}  // namespace ebs::lambda
