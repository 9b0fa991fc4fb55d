// Conformance: every case recorded against real EventBridge (../shared/patterns) must give the
// recorded outcome through TestEventPattern, and matching cases must agree between the direct
// matcher and the RuleSet index.
#include <gtest/gtest.h>

#include "case_loader.hpp"
#include "pattern.hpp"

namespace ebs::pattern {
namespace {

using testing::PatternCase;

class RecordedCase : public ::testing::TestWithParam<PatternCase> {};

TEST_P(RecordedCase, GivesTheRecordedOutcome) {
  const PatternCase& c = GetParam();
  if (c.missing_source) GTEST_SKIP() << "no " << EBS_PATTERN_RECORDED_CASES;
  TestResult r = test_event_pattern(c.pattern_text, c.event_text);
  if (!c.expected_error_code.empty()) {
    EXPECT_EQ(r.error_code, c.expected_error_code);
    if (!c.expected_error_message.empty()) {
      EXPECT_EQ(r.error_message, c.expected_error_message);
    }
    return;
  }
  ASSERT_EQ(r.error_code, "") << r.error_message;
  ASSERT_TRUE(c.expected_match.has_value());
  EXPECT_EQ(r.matched, *c.expected_match);

  CompileResult compiled = compile(c.pattern_text);
  ASSERT_TRUE(compiled.pattern) << compiled.error;
  nlohmann::json event = nlohmann::json::parse(c.event_text);
  RuleSet rules;
  rules.add("rule", compiled.pattern);
  std::vector<std::string> hits = rules.match(event);
  EXPECT_EQ(!hits.empty(), *c.expected_match) << "RuleSet disagrees";
}

INSTANTIATE_TEST_SUITE_P(
    Aws, RecordedCase,
    ::testing::ValuesIn(testing::load_recorded_cases(EBS_PATTERN_RECORDED_CASES)),
    [](const ::testing::TestParamInfo<PatternCase>& info) { return info.param.name; });

}  // namespace
}  // namespace ebs::pattern
