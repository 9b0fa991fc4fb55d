// Our own case tables (fixtures/patterns/*.json): each case compiles to the exact error, or
// matches / does not match its event, through both the direct matcher and a RuleSet. A second
// test loads every pattern of the tables into one RuleSet and checks that, for every event, the
// RuleSet returns exactly the rules the direct matcher accepts.
#include <gtest/gtest.h>

#include <map>

#include "case_loader.hpp"
#include "pattern.hpp"

namespace ebs::pattern {
namespace {

using testing::PatternCase;

const std::vector<PatternCase>& fixture_cases() {
  static const std::vector<PatternCase> cases =
      testing::load_fixture_cases(EBS_PATTERN_FIXTURES_DIR);
  return cases;
}

class FixtureCase : public ::testing::TestWithParam<PatternCase> {};

TEST_P(FixtureCase, HasTheTabledOutcome) {
  const PatternCase& c = GetParam();
  if (c.missing_source) GTEST_SKIP() << "no tables in " << EBS_PATTERN_FIXTURES_DIR;
  CompileResult compiled = compile(c.pattern_text);
  if (!c.expected_error_message.empty()) {
    EXPECT_FALSE(compiled.pattern);
    EXPECT_EQ(compiled.error, c.expected_error_message);
    return;
  }
  ASSERT_TRUE(compiled.pattern) << compiled.error;
  ASSERT_TRUE(c.expected_match.has_value()) << "case has neither matches nor error";
  EXPECT_EQ(matches(*compiled.pattern, c.event), *c.expected_match);
  RuleSet rules;
  rules.add("r", compiled.pattern);
  EXPECT_EQ(!rules.match(c.event).empty(), *c.expected_match) << "RuleSet disagrees";
}

INSTANTIATE_TEST_SUITE_P(Tables, FixtureCase, ::testing::ValuesIn(fixture_cases()),
                         [](const ::testing::TestParamInfo<PatternCase>& info) {
                           return info.param.name;
                         });

TEST(FixtureRuleSet, AgreesWithTheDirectMatcherOnEveryEvent) {
  const auto& cases = fixture_cases();
  if (cases.size() == 1 && cases[0].missing_source) GTEST_SKIP();
  RuleSet rules;
  std::map<std::string, std::shared_ptr<const Pattern>> patterns;
  for (const PatternCase& c : cases) {
    if (!c.expected_match) continue;
    CompileResult compiled = compile(c.pattern_text);
    ASSERT_TRUE(compiled.pattern) << c.name;
    patterns[c.name] = compiled.pattern;
    rules.add(c.name, compiled.pattern);
  }
  ASSERT_EQ(rules.size(), patterns.size());
  size_t events = 0;
  for (const PatternCase& c : cases) {
    if (!c.expected_match) continue;
    std::vector<std::string> expected;
    for (const auto& [name, p] : patterns) {
      if (matches(*p, c.event)) expected.push_back(name);
    }
    EXPECT_EQ(rules.match(c.event), expected) << "event of " << c.name;
    ++events;
  }
  EXPECT_GT(events, 0u);
}

}  // namespace
}  // namespace ebs::pattern
