// Wildcard parsing, matching and the complexity measure (values from event-ruler's own
// MachineComplexityEvaluator tests, and AWS-observed accept/refuse decisions).
#include <gtest/gtest.h>

#include "pattern.hpp"
#include "wildcard.hpp"

namespace ebs::pattern::detail {
namespace {

Wildcard wc(std::string_view text) {
  Wildcard w;
  auto err = Wildcard::parse(text, w);
  EXPECT_FALSE(err) << *err;
  return w;
}

TEST(Wildcard, Matching) {
  EXPECT_TRUE(wc("*").matches(""));
  EXPECT_TRUE(wc("*").matches("anything"));
  EXPECT_TRUE(wc("a*b").matches("ab"));  // '*' matches an empty run
  EXPECT_TRUE(wc("a*b").matches("axxxb"));
  EXPECT_FALSE(wc("a*b").matches("axxxbc"));
  EXPECT_TRUE(wc("*.png").matches(".png"));
  EXPECT_FALSE(wc("*.png").matches("x.PNG"));
  EXPECT_TRUE(wc("a*b*c").matches("abc"));
  EXPECT_TRUE(wc("a*b*c").matches("aXbYbZc"));
  EXPECT_FALSE(wc("a*b*c").matches("acb"));
  EXPECT_TRUE(wc("ab*ba").matches("aba") == false);  // head and tail may not overlap
  EXPECT_TRUE(wc("ab*ba").matches("abba"));
  EXPECT_TRUE(wc("").matches(""));
  EXPECT_FALSE(wc("").matches("x"));
  EXPECT_TRUE(wc("lit\\*eral").matches("lit*eral"));
  EXPECT_FALSE(wc("lit\\*eral").matches("litXeral"));
  EXPECT_TRUE(wc("back\\\\slash*").matches("back\\slash!"));
  EXPECT_TRUE(wc("*/dir/*").matches("x/dir/y"));
  EXPECT_FALSE(wc("*/dir/*").matches("dir/y"));
}

TEST(Wildcard, ParseErrorsCountTheOpeningQuote) {
  Wildcard w;
  EXPECT_EQ(Wildcard::parse("ab**", w).value_or(""), "Consecutive wildcard characters at pos 3");
  EXPECT_EQ(Wildcard::parse("a\\b", w).value_or(""), "Invalid escape character at pos 2");
  EXPECT_EQ(Wildcard::parse("abc\\", w).value_or(""), "Invalid escape character at pos 4");
  EXPECT_FALSE(Wildcard::parse("\\\\\\*", w));
}

int complexity(std::vector<std::string> patterns) {
  std::vector<Wildcard> ws;
  for (const auto& p : patterns) ws.push_back(wc(p));
  std::vector<const Wildcard*> ptrs;
  for (const auto& w : ws) ptrs.push_back(&w);
  return wildcard_complexity(ptrs, 100);
}

TEST(Wildcard, ComplexityAgreesWithEventRulerTestVectors) {
  EXPECT_EQ(complexity({"*"}), 1);
  EXPECT_EQ(complexity({"*", "ab*c"}), 3);
  EXPECT_EQ(complexity({"abc"}), 1);
  EXPECT_EQ(complexity({"*ab"}), 2);
  EXPECT_EQ(complexity({"*aa"}), 3);
  EXPECT_EQ(complexity({"a*b"}), 2);
  EXPECT_EQ(complexity({"aa*"}), 2);
  EXPECT_EQ(complexity({"a*bb"}), 3);
  EXPECT_EQ(complexity({"a*bcb"}), 3);
  EXPECT_EQ(complexity({"a*bbb"}), 4);
  EXPECT_EQ(complexity({"*ab*ad"}), 4);
  EXPECT_EQ(complexity({"*ab*d"}), 3);
  EXPECT_EQ(complexity({"*aba*"}), 4);
  EXPECT_EQ(complexity({"a*b*bb"}), 5);
  EXPECT_EQ(complexity({"a*b*cb"}), 4);
  EXPECT_EQ(complexity({"a*b*cd"}), 3);
  EXPECT_EQ(complexity({"ab*b*"}), 3);
  EXPECT_EQ(complexity({"ab*c", "x*xx"}), 3);
  EXPECT_EQ(complexity({"*abc", "*abcde"}), 4);
  EXPECT_EQ(complexity({"a*bcd", "ab*cd"}), 4);
  EXPECT_EQ(complexity({"a*aaa", "aa*aa"}), 7);
  EXPECT_EQ(complexity({"a*aax", "aaa*x"}), 5);
  EXPECT_EQ(complexity({"abc*", "abcde*"}), 3);
  EXPECT_EQ(complexity({"ab*cd", "ab*wx", "ab*yz"}), 6);
  EXPECT_EQ(complexity({"*ab*b*b*"}), 7);
  EXPECT_EQ(complexity({"*a*a*a*a*a*a*a*a*"}), 17);
  EXPECT_EQ(complexity({"ab*c", "ab*c"}), 2);  // duplicates count once
}

TEST(Wildcard, ComplexityLimitMatchesAwsDecisions) {
  // Refused by AWS (recorded): 11 prefixes of "*:*:*:*:*:event-bus/*" match
  // ":::::event-bus/:::::".
  EXPECT_EQ(complexity({"*:*:*:*:*:event-bus/*"}), 11);
  EXPECT_FALSE(compile(R"({"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]})").pattern);
  // Accepted by AWS (recorded / seen in deployed rules).
  EXPECT_EQ(complexity({"arn:aws:events:us-east-1:*:event-bus/*"}), 3);
  EXPECT_EQ(complexity({"/Users/*/dir/dir/dir/dir/dir/doc.txt"}), 7);
  EXPECT_EQ(complexity({"*.bif", "*.tiff", "*.tif", "*.svs"}), 8);
  EXPECT_EQ(complexity({"*/datasync/*.bif", "*/datasync/*.tif"}), 8);
  // Refused by AWS (seen in a deployed rule's history): four such patterns on one field.
  EXPECT_GT(
      complexity({"*/datasync/*.bif", "*/datasync/*.tif", "*/datasync/*.tiff", "*/datasync/*.svs"}),
      kMaxWildcardComplexity);
  EXPECT_FALSE(compile(R"({"k": [{"wildcard": "*/datasync/*.bif"}, {"wildcard": "*/datasync/*.tif"},
                                 {"wildcard": "*/datasync/*.tiff"}, {"wildcard": "*/datasync/*.svs"}]})")
                   .pattern);
  EXPECT_TRUE(compile(R"({"k": [{"wildcard": "*.bif"}, {"wildcard": "*.tiff"},
                                {"wildcard": "*.tif"}, {"wildcard": "*.svs"}]})")
                  .pattern);
}

TEST(Wildcard, ComplexityEvaluationIsBoundedOnHostilePatterns) {
  std::vector<std::string> many;
  for (int i = 0; i < 200; ++i) many.push_back("*a" + std::to_string(i) + "*b*c*");
  std::vector<Wildcard> ws;
  for (const auto& p : many) ws.push_back(wc(p));
  std::vector<const Wildcard*> ptrs;
  for (const auto& w : ws) ptrs.push_back(&w);
  EXPECT_EQ(wildcard_complexity(ptrs, kMaxWildcardComplexity + 1), kMaxWildcardComplexity + 1);
}

}  // namespace
}  // namespace ebs::pattern::detail
