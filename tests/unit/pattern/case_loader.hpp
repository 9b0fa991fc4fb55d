// Loads pattern case tables for the table-driven tests: the AWS-recorded cases (JSON lines) and
// our fixtures/patterns/*.json tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ebs::pattern::testing {

struct PatternCase {
  std::string name;          // unique, usable as a gtest parameter name
  std::string pattern_text;  // sent verbatim
  std::string event_text;    // sent verbatim (recorded cases)
  nlohmann::json event;      // parsed event (fixture cases)
  std::optional<bool> expected_match;
  std::string expected_error_code;     // recorded cases
  std::string expected_error_message;  // full AWS message
  bool missing_source = false;         // the case file is not there: the test skips
};

std::vector<PatternCase> load_recorded_cases(const std::string& path);
std::vector<PatternCase> load_fixture_cases(const std::string& dir);

// [A-Za-z0-9_] only, for parameterized test names.
std::string sanitize_name(const std::string& s);

}  // namespace ebs::pattern::testing
