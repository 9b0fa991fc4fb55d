#include "core/time_format.hpp"

#include <gtest/gtest.h>

namespace ebs {
namespace {

TEST(TimeFormat, FormatsBothPrecisions) {
  EXPECT_EQ(iso8601_ms(1744297389123), "2025-04-10T15:03:09.123Z");
  EXPECT_EQ(iso8601_s(1744297389123), "2025-04-10T15:03:09Z");
  EXPECT_EQ(iso8601_ms(0), "1970-01-01T00:00:00.000Z");
}

TEST(TimeFormat, ParsesWhatItWritesAndOffsets) {
  EXPECT_EQ(parse_iso8601("2025-04-10T15:03:09.123Z"), 1744297389123);
  EXPECT_EQ(parse_iso8601("2025-04-10T15:03:09Z"), 1744297389000);
  EXPECT_EQ(parse_iso8601("2025-04-10T17:03:09+02:00"), 1744297389000);
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2025-13-10T15:03:09Z"));
  EXPECT_FALSE(parse_iso8601("2025-04-10T15:03:09Zjunk"));
}

}  // namespace
}  // namespace ebs
