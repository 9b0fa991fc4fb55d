// Hostile inputs: every one must return promptly with an answer or an error, never crash.
#include <gtest/gtest.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "pattern.hpp"

namespace ebs::pattern {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

TEST(Hostile, DeeplyNestedPatternIsRefused) {
  std::string p;
  for (int i = 0; i < 5000; ++i) p += "{\"a\":";
  EXPECT_FALSE(compile(p).pattern);
  std::string arrays(4000, '[');
  EXPECT_FALSE(compile("{\"a\":" + arrays).pattern);
}

TEST(Hostile, DeeplyNestedEventIsWalkedWithoutRecursion) {
  // Built in place: copying such a json would itself recurse (nlohmann's copy constructor).
  json event = json::object();
  json* cur = &event["a"];
  for (int i = 0; i < 20000; ++i) {
    *cur = json::array();
    cur->push_back(nullptr);
    cur = &cur->back();
  }
  *cur = "x";
  json* o = &event["o"];
  for (int i = 0; i < 20000; ++i) o = &(*o)["k"];
  *o = "y";
  auto t = Clock::now();
  EXPECT_TRUE(matches(*compile(R"({"a": ["x"]})").pattern, event));
  EXPECT_FALSE(matches(*compile(R"({"o": {"k": ["y"]}})").pattern, event));
  RuleSet rules;
  rules.add("r", compile(R"({"a": ["x"]})").pattern);
  rules.add("s", compile(R"({"o": {"k": ["y"]}})").pattern);
  EXPECT_EQ(rules.match(event), std::vector<std::string>{"r"});
  EXPECT_LT(seconds_since(t), 5.0);
}

TEST(Hostile, PathologicalWildcardsStayLinear) {
  // Many stars with near-misses: a backtracking matcher would take exponential time.
  auto p = compile(R"({"s": [{"anything-but": {"wildcard": "*a*a*a*a*a*a*a*a*a*a*a*a*b"}}]})");
  ASSERT_TRUE(p.pattern) << p.error;
  json event = {{"s", std::string(200000, 'a')}};
  auto t = Clock::now();
  EXPECT_TRUE(matches(*p.pattern, event));
  EXPECT_LT(seconds_since(t), 2.0);
  auto q = compile(R"({"s": [{"wildcard": "*aaaaaaaab"}]})");  // complexity 9: accepted
  ASSERT_TRUE(q.pattern) << q.error;
  t = Clock::now();
  EXPECT_FALSE(matches(*q.pattern, event));
  EXPECT_LT(seconds_since(t), 2.0);
  // Too complex wildcards are refused at compile time.
  EXPECT_FALSE(compile(R"({"s": [{"wildcard": "*a*a*a*a*a*a*a*a*a*a*a*a*b"}]})").pattern);
}

TEST(Hostile, OrExplosionIsRefused) {
  std::string p = "{";
  for (int i = 0; i < 12; ++i) {
    if (i) p += ",";
    p += "\"k" + std::to_string(i) + "\": {\"$or\": [{\"a\": [1]}, {\"b\": [1]}]}";
  }
  p += "}";
  CompileResult r = compile(p);
  EXPECT_FALSE(r.pattern);
  EXPECT_EQ(r.error,
            "Event pattern is not valid. Reason: Rule is too complex - the $or expressions "
            "expand to more than 1024 combinations");
  // Ten parallel $or (1024 branches) is still accepted.
  std::string q = "{";
  for (int i = 0; i < 10; ++i) {
    if (i) q += ",";
    q += "\"k" + std::to_string(i) + "\": {\"$or\": [{\"a\": [1]}, {\"b\": [1]}]}";
  }
  q += "}";
  EXPECT_TRUE(compile(q).pattern);
}

TEST(Hostile, HugeArraysAndManyArraysAreBounded) {
  json big = json::array();
  for (int i = 0; i < 3000; ++i) big.push_back({{"x", i}, {"y", i + 1}});
  json event = {{"a", big}, {"b", big}, {"c", big}};
  // Every pair of elements from a and b is consistent, but no element of a has y == x.
  auto p = compile(R"({"a": {"x": [{"numeric": [">=", 0]}], "y": [0]},
                      "b": {"x": [{"exists": true}]}, "c": {"y": [{"numeric": ["<", 0]}]}})");
  ASSERT_TRUE(p.pattern) << p.error;
  auto t = Clock::now();
  EXPECT_FALSE(matches(*p.pattern, event));
  auto p2 = compile(R"({"a": {"x": [2999]}, "b": {"x": [{"exists": true}]},
                       "c": {"y": [3000]}, "d": [{"exists": false}]})");
  ASSERT_TRUE(p2.pattern);
  EXPECT_TRUE(matches(*p2.pattern, event));
  EXPECT_LT(seconds_since(t), 5.0);
}

TEST(Hostile, LongStringsAndManyFields) {
  std::string p = "{";
  for (int i = 0; i < 200; ++i) {
    if (i) p += ",";
    p += "\"f" + std::to_string(i) + "\": [" + std::to_string(i) + "]";
  }
  p += "}";
  auto r = compile(p);
  ASSERT_TRUE(r.pattern) << r.error;
  json event = json::object();
  for (int i = 0; i < 200; ++i) event[std::string("f").append(std::to_string(i))] = i;
  EXPECT_TRUE(matches(*r.pattern, event));
  event["f199"] = 0;
  EXPECT_FALSE(matches(*r.pattern, event));
}

TEST(Hostile, GarbageNeverCrashes) {
  const char* inputs[] = {"\xff\xfe",
                          "{\"\xff\": [\"\xc3\"]}",
                          "{\"a\": [\"\\ud800\"]}",
                          "{\"a\": [1e999999999]}",
                          "{\"a\": [-]}",
                          "{\"a\": [{\"numeric\": []}]}",
                          "{\"a\": [{}]}",
                          "{\"a\": [[]]}",
                          "{\"$or\": []}",
                          "{\"$or\": 1}",
                          "{\"a\": [{\"cidr\": \"/\"}]}",
                          "{\"a\": [{\"wildcard\": \"\\\\\"}]}"};
  for (const char* in : inputs) {
    CompileResult r = compile(in);
    if (r.pattern) {
      (void)matches(*r.pattern, json::parse(R"({"a": "x"})"));
    } else {
      EXPECT_EQ(r.error.rfind("Event pattern is not valid. Reason: ", 0), 0u) << in;
    }
  }
}

}  // namespace
}  // namespace ebs::pattern
