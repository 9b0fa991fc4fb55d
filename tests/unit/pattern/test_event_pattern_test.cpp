// TestEventPattern: event validation first, then the pattern, then the match.
#include <gtest/gtest.h>

#include "pattern.hpp"

namespace ebs::pattern {
namespace {

constexpr const char* kEvent =
    R"({"id": "1", "account": "123456789012", "source": "aws.ec2", "time": "2025-01-02T03:04:05Z",
        "region": "us-east-1", "detail-type": "EBS Volume Notification",
        "detail": {"event": "createVolume"}})";

TEST(TestEventPattern, Matches) {
  TestResult r = test_event_pattern(R"({"detail": {"event": ["createVolume"]}})", kEvent);
  EXPECT_EQ(r.error_code, "");
  EXPECT_TRUE(r.matched);
  r = test_event_pattern(R"({"detail": {"event": ["deleteVolume"]}})", kEvent);
  EXPECT_EQ(r.error_code, "");
  EXPECT_FALSE(r.matched);
}

TEST(TestEventPattern, InvalidEvents) {
  for (const char* event :
       {"not json", "[1]", "\"s\"", "{}",
        R"({"account": "1", "source": "s", "time": "t", "region": "r", "detail-type": "d"})",
        R"({"id": "1", "source": "s", "time": "t", "region": "r", "detail-type": "d"})",
        R"({"id": "1", "account": "1", "time": "t", "region": "r", "detail-type": "d"})",
        R"({"id": "1", "account": "1", "source": "s", "region": "r", "detail-type": "d"})",
        R"({"id": "1", "account": "1", "source": "s", "time": "t", "detail-type": "d"})",
        R"({"id": "1", "account": "1", "source": "s", "time": "t", "region": "r"})"}) {
    TestResult r = test_event_pattern(R"({"source": ["s"]})", event);
    EXPECT_EQ(r.error_code, "ValidationException") << event;
    EXPECT_EQ(r.error_message, "Parameter Event is not valid.");
    EXPECT_FALSE(r.matched);
  }
  // resources is documented as required but is not.
  TestResult ok = test_event_pattern(
      R"({"source": ["s"]})",
      R"({"id": "1", "account": "1", "source": "s", "time": "t", "region": "r", "detail-type": "d"})");
  EXPECT_EQ(ok.error_code, "");
  EXPECT_TRUE(ok.matched);
}

TEST(TestEventPattern, InvalidPattern) {
  TestResult r = test_event_pattern(R"({"source": "aws.ec2"})", kEvent);
  EXPECT_EQ(r.error_code, "InvalidEventPatternException");
  EXPECT_EQ(r.error_message,
            "Event pattern is not valid. Reason: \"source\" must be an object or an array");
}

TEST(TestEventPattern, PatternLengthLimit) {
  std::string value(kMaxPatternLength, 'x');
  std::string pattern = R"({"a": [")" + value + R"("]})";
  TestResult r = test_event_pattern(pattern, kEvent);
  EXPECT_EQ(r.error_code, "ValidationException");
  EXPECT_EQ(r.error_message, "1 validation error detected: Value '" + pattern +
                                 "' at 'eventPattern' failed to satisfy constraint: Member must "
                                 "have length less than or equal to 4096");
  EXPECT_FALSE(compile(pattern).pattern);
  // The limit counts characters, not bytes.
  std::string accents;
  for (int i = 0; i < 1000; ++i) accents += "\xc3\xa9";  // 1000 chars, 2000 bytes
  EXPECT_TRUE(compile(R"({"a": [")" + accents + R"("]})").pattern);
  std::string fits(kMaxPatternLength - 11, 'y');
  EXPECT_TRUE(compile(R"({"a": [")" + fits + R"("]})").pattern);
}

}  // namespace
}  // namespace ebs::pattern
