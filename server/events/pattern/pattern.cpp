// The public entry points: compile, matches and test_event_pattern.
#include "pattern.hpp"

#include <nlohmann/json.hpp>

#include "branch_matcher.hpp"
#include "compiled_pattern.hpp"
#include "event_source.hpp"
#include "pattern_parser.hpp"

namespace ebs::pattern {
namespace {

constexpr const char* kInvalidPatternPrefix = "Event pattern is not valid. Reason: ";
constexpr const char* kInvalidEvent = "Parameter Event is not valid.";

// AWS's (smithy) constraint message for an EventPattern over the API length limit; empty when
// the pattern fits.
std::string length_error(std::string_view pattern_text) {
  if (detail::code_points(pattern_text) <= kMaxPatternLength) return {};
  return "1 validation error detected: Value '" + std::string(pattern_text) +
         "' at 'eventPattern' failed to satisfy constraint: Member must have length less than "
         "or equal to " +
         std::to_string(kMaxPatternLength);
}

}  // namespace

CompileResult compile(std::string_view pattern_text) {
  CompileResult result;
  if (std::string err = length_error(pattern_text); !err.empty()) {
    result.error = std::move(err);
    return result;
  }
  detail::ParseOutcome outcome = detail::parse_pattern(pattern_text);
  if (!outcome.pattern) {
    result.error = kInvalidPatternPrefix + outcome.reason;
    return result;
  }
  result.pattern = std::move(outcome.pattern);
  return result;
}

bool matches(const Pattern& p, const nlohmann::json& event) {
  thread_local detail::TreeNavigator nav;
  thread_local std::vector<detail::TestInput> inputs;
  nav.reset(event, p.paths.size());
  for (const detail::Branch& branch : p.branches) {
    for (uint32_t t : branch.tests) {
      uint32_t path_id = p.tests[t].path_id;
      nav.collect(path_id, p.paths[path_id]);
    }
    inputs.clear();
    for (uint32_t t : branch.tests) {
      inputs.push_back({&p.tests[t], nav.candidates(p.tests[t].path_id)});
    }
    if (detail::eval_branch(inputs, nav.chains())) return true;
  }
  return false;
}

TestResult test_event_pattern(std::string_view pattern_text, std::string_view event_text) {
  TestResult result;
  if (std::string err = length_error(pattern_text); !err.empty()) {
    result.error_code = "ValidationException";
    result.error_message = std::move(err);
    return result;
  }
  nlohmann::json event = nlohmann::json::parse(event_text, nullptr, /*allow_exceptions=*/false);
  bool valid = event.is_object();
  for (const char* key : {"id", "account", "source", "time", "region", "detail-type"}) {
    valid = valid && event.contains(key);
  }
  if (!valid) {
    result.error_code = "ValidationException";
    result.error_message = kInvalidEvent;
    return result;
  }
  CompileResult compiled = compile(pattern_text);
  if (!compiled.pattern) {
    result.error_code = "InvalidEventPatternException";
    result.error_message = std::move(compiled.error);
    return result;
  }
  result.matched = matches(*compiled.pattern, event);
  return result;
}

}  // namespace ebs::pattern
