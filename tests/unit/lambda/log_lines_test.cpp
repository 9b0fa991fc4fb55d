#include "lambda/log_lines.hpp"

#include <gtest/gtest.h>

#include "logs/log_service.hpp"

namespace ebs::lambda {
namespace {

TEST(SplitLog, OneEventPerLogCallWithContinuationLines) {
  const int64_t start = 1'700'000'000'000, end = start + 50;
  std::string log =
      "START RequestId: r1 Version: $LATEST\n"
      "2023-11-14T22:13:20.010Z\tr1\tINFO\tfirst\n"
      "2023-11-14T22:13:20.020Z\tr1\tINFO\t{\n  a: 1\n}\n"
      "END RequestId: r1\n"
      "REPORT RequestId: r1\tDuration: 1.00 ms\n";
  auto events = split_log(log, start, end);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].message, "START RequestId: r1 Version: $LATEST\n");
  EXPECT_EQ(events[0].timestamp, start);
  EXPECT_EQ(events[1].timestamp, start + 10);
  EXPECT_EQ(events[2].message, "2023-11-14T22:13:20.020Z\tr1\tINFO\t{\n  a: 1\n}\n");
  EXPECT_EQ(events[2].timestamp, start + 20);
  EXPECT_EQ(events[4].timestamp, end);
  EXPECT_TRUE(split_log("", start, end).empty());
}

TEST(SplitLog, TimesStayInsideTheInvocationAndInOrder) {
  const int64_t start = 1'700'000'000'000;
  auto events = split_log("2001-01-01T00:00:00.000Z x\nSTART y\n", start, start + 5);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].timestamp, start);
  EXPECT_LE(events[0].timestamp, events[1].timestamp);
}

TEST(FilterPattern, TermsPhrasesExclusionsAndAlternatives) {
  struct Case {
    const char* pattern;
    const char* message;
    bool match;
  };
  const Case cases[] = {
      {"", "anything", true},
      {"ERROR", "an ERROR here", true},
      {"ERROR", "an error here", false},
      {"ERROR disk", "ERROR: disk full", true},
      {"ERROR disk", "ERROR: cpu", false},
      {"\"disk full\"", "ERROR: disk full", true},
      {"\"disk full\"", "full disk", false},
      {"ERROR -retry", "ERROR retry later", false},
      {"ERROR -retry", "ERROR final", true},
      {"?alpha ?beta", "beta only", true},
      {"?alpha ?beta", "gamma", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(logs::matches_filter_pattern(c.pattern, c.message), c.match)
        << c.pattern << " / " << c.message;
  }
}

}  // namespace
}  // namespace ebs::lambda
