// The comparable-number rule.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "numeric.hpp"

namespace ebs::pattern::detail {
namespace {

TEST(Numeric, ComparableLiterals) {
  EXPECT_EQ(comparable_literal("300"), 300.0);
  EXPECT_EQ(comparable_literal("300.0"), 300.0);
  EXPECT_EQ(comparable_literal("3e2"), 300.0);
  EXPECT_EQ(comparable_literal("3.018e2"), 301.8);
  EXPECT_EQ(comparable_literal("-0"), 0.0);
  EXPECT_EQ(comparable_literal("0.1"), 0.1);
  EXPECT_EQ(comparable_literal("123456789012"), 123456789012.0);
  EXPECT_EQ(comparable_literal("1e300"), 1e300);
  EXPECT_FALSE(comparable_literal("0.30000000000000001"));  // not the shortest form of its double
  EXPECT_FALSE(comparable_literal("9007199254740993"));     // 2^53 + 1
  EXPECT_FALSE(comparable_literal("1e400"));                // infinite
  EXPECT_FALSE(comparable_literal("abc"));
}

TEST(Numeric, ComparableJsonValues) {
  EXPECT_EQ(comparable_number(nlohmann::json(300)), 300.0);
  EXPECT_EQ(comparable_number(nlohmann::json(300.0)), 300.0);
  EXPECT_EQ(comparable_number(nlohmann::json(-0.0)), 0.0);
  EXPECT_FALSE(comparable_number(nlohmann::json(int64_t{9007199254740993})));
  EXPECT_EQ(comparable_number(nlohmann::json(uint64_t{1000000000000000000})), 1e18);
  EXPECT_EQ(integer_text(nlohmann::json(-42)), "-42");
  EXPECT_EQ(integer_text(nlohmann::json(1.5)), "");
}

TEST(Numeric, Ranges) {
  NumericRange r{0, 5, true, false};  // (0, 5]
  EXPECT_FALSE(r.contains(0));
  EXPECT_TRUE(r.contains(0.000001));
  EXPECT_TRUE(r.contains(5));
  EXPECT_FALSE(r.contains(5.000001));
  EXPECT_EQ(number_key(0.0), number_key(-0.0));
  EXPECT_NE(number_key(1.0), number_key(2.0));
}

}  // namespace
}  // namespace ebs::pattern::detail
