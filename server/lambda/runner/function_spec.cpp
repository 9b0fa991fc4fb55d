// FunctionSpec fingerprint: every field that changes what a warm process would do.
#include "lambda/runner/function_spec.hpp"

namespace ebs::lambda {
namespace {

void add(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string fingerprint(const FunctionSpec& spec) {
  std::string out;
  add(out, spec.name);
  add(out, spec.runtime);
  add(out, spec.handler);
  add(out, spec.code_dir.string());
  add(out, std::to_string(spec.timeout_seconds));
  add(out, std::to_string(spec.memory_mb));
  add(out, spec.account);
  add(out, spec.region);
  add(out, spec.function_arn);
  add(out, spec.version);
  add(out, std::to_string(spec.environment.size()));
  for (const auto& [key, value] : spec.environment) {
    add(out, key);
    add(out, value);
  }
  return out;
}

}  // namespace ebs::lambda
