#include "core/filter.hpp"

#include <gtest/gtest.h>

namespace ebs {
namespace {

struct Case {
  const char* pattern;
  const char* value;
  bool match;
};

TEST(FilterValueMatches, Table) {
  static const Case cases[] = {
      {"abc", "abc", true},    {"abc", "abd", false}, {"a*", "abc", true},
      {"*c", "abc", true},     {"*", "", true},       {"a*c", "ac", true},
      {"a?c", "abc", true},    {"a?c", "ac", false},  {"a\\*c", "a*c", true},
      {"a\\*c", "abc", false}, {"*b*", "abc", true},  {"", "", true},
      {"", "x", false},        {"**a", "bba", true},  {"vol-*", "snap-1", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(filter_value_matches(c.pattern, c.value), c.match) << c.pattern << " vs " << c.value;
  }
}

TEST(FilterValueMatches, PathologicalPatternIsFast) {
  std::string value(5000, 'a');
  std::string pattern;
  for (int i = 0; i < 200; ++i) pattern += "*a";
  pattern += "b";
  EXPECT_FALSE(filter_value_matches(pattern, value));
}

}  // namespace
}  // namespace ebs
