// default_bootstrap_dir: environment override, installed location, then the build's source folder.
#include "lambda/runner/runner_config.hpp"

#include <cstdlib>
#include <system_error>

#ifndef EBS_LAMBDA_BOOTSTRAP_DIR
#define EBS_LAMBDA_BOOTSTRAP_DIR "/usr/local/share/ebs-emulator/bootstrap"
#endif

namespace ebs::lambda {

std::filesystem::path default_bootstrap_dir() {
  if (const char* from_env = std::getenv("EBS_LAMBDA_BOOTSTRAP_DIR");
      from_env != nullptr && *from_env != '\0') {
    return from_env;
  }
  std::filesystem::path installed = "/usr/local/share/ebs-emulator/bootstrap";
  std::error_code ec;
  if (std::filesystem::exists(installed / "node_bootstrap.js", ec)) return installed;
  return EBS_LAMBDA_BOOTSTRAP_DIR;
}

}  // namespace ebs::lambda
