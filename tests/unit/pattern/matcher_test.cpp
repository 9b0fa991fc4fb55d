// Matching semantics that need more than one pattern/event pair to show: array consistency,
// dotted keys, $or branches, last-one-wins paths, absence inside arrays, number forms.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pattern.hpp"

namespace ebs::pattern {
namespace {

using nlohmann::json;

bool m(std::string_view pattern, const json& event) {
  CompileResult r = compile(pattern);
  EXPECT_TRUE(r.pattern) << r.error;
  if (!r.pattern) return false;
  bool direct = matches(*r.pattern, event);
  RuleSet rules;
  rules.add("r", r.pattern);
  EXPECT_EQ(!rules.match(event).empty(), direct) << "RuleSet disagrees on " << pattern;
  return direct;
}

TEST(Matcher, ArrayConsistencyForObjectsInArrays) {
  json event = json::parse(R"({"employees": [
      {"firstName": "John", "lastName": "Doe"},
      {"firstName": "Anna", "lastName": "Smith"},
      {"firstName": "Peter", "lastName": "Jones"}]})");
  EXPECT_TRUE(m(R"({"employees": {"firstName": ["Anna"]}})", event));
  EXPECT_TRUE(m(R"({"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}})", event));
  EXPECT_FALSE(m(R"({"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}})", event));
  json nested = json::parse(R"({"employees": [[{"firstName": "John", "lastName": "Doe"},
      {"firstName": "Anna", "lastName": "Smith"}], [{"firstName": "Peter", "lastName": "Jones"}]]})");
  EXPECT_TRUE(m(R"({"employees": {"firstName": ["Peter"], "lastName": ["Jones"]}})", nested));
  EXPECT_FALSE(m(R"({"employees": {"firstName": ["Peter"], "lastName": ["Doe"]}})", nested));
}

TEST(Matcher, FieldsInDifferentArraysAreIndependent) {
  json event = json::parse(R"({"a": [{"x": 1}, {"x": 2}], "b": [{"y": 3}, {"y": 4}]})");
  EXPECT_TRUE(m(R"({"a": {"x": [2]}, "b": {"y": [3]}})", event));
  EXPECT_FALSE(m(R"({"a": {"x": [5]}, "b": {"y": [3]}})", event));
}

TEST(Matcher, BacktracksToFindAConsistentElement) {
  json event = json::parse(R"({"items": [
      {"kind": "disk", "size": 10, "zone": "a"},
      {"kind": "disk", "size": 500, "zone": "b"},
      {"kind": "net", "size": 500, "zone": "c"}]})");
  EXPECT_TRUE(m(R"({"items": {"kind": ["disk"], "size": [{"numeric": [">", 100]}]}})", event));
  EXPECT_TRUE(m(R"({"items": {"kind": ["disk"], "size": [{"numeric": [">", 100]}],
                   "zone": ["b"]}})",
                event));
  EXPECT_FALSE(m(R"({"items": {"kind": ["disk"], "size": [{"numeric": [">", 100]}],
                    "zone": ["c"]}})",
                 event));
}

TEST(Matcher, AbsenceIsCheckedAgainstTheElementChosenForEarlierPaths) {
  // "a.c" sorts before "a.d": the absence of a.d is judged inside the element that gave a.c.
  json event = json::parse(R"({"a": [{"c": 1, "d": 1}, {"c": 2}]})");
  EXPECT_TRUE(m(R"({"a": {"c": [2], "d": [{"exists": false}]}})", event));
  EXPECT_FALSE(m(R"({"a": {"c": [1], "d": [{"exists": false}]}})", event));
  // "a.b" sorts before "a.c": when a.b is checked nothing is chosen yet, and a.b exists in
  // some element, so event-ruler (and EventBridge) report no match.
  json event2 = json::parse(R"({"a": [{"c": 1}, {"b": 5}]})");
  EXPECT_FALSE(m(R"({"a": {"b": [{"exists": false}], "c": [1]}})", event2));
}

TEST(Matcher, DottedKeysEqualNesting) {
  EXPECT_TRUE(m(R"({"detail": {"state.status": ["running"]}})",
                json::parse(R"({"detail": {"state": {"status": "running"}}})")));
  EXPECT_TRUE(m(R"({"detail": {"state": {"status": ["running"]}}})",
                json::parse(R"({"detail": {"state.status": "running"}})")));
  EXPECT_TRUE(m(R"({"a.b.c": ["x"]})", json::parse(R"({"a": {"b.c": "x"}})")));
  EXPECT_TRUE(m(R"({"a.b.c": ["x"]})", json::parse(R"({"a.b": {"c": "x"}})")));
  EXPECT_FALSE(m(R"({"a.b.c": ["x"]})", json::parse(R"({"a": {"b": {"c": {"d": "x"}}}})")));
}

TEST(Matcher, OrBranchesKeepArrayConsistencyPerBranch) {
  json event = json::parse(R"({"r": [{"k": "a", "v": 1}, {"k": "b", "v": 2}]})");
  EXPECT_TRUE(m(R"({"r": {"$or": [{"k": ["a"], "v": [2]}, {"k": ["b"], "v": [2]}]}})", event));
  EXPECT_FALSE(m(R"({"r": {"$or": [{"k": ["a"], "v": [2]}, {"k": ["b"], "v": [1]}]}})", event));
}

TEST(Matcher, NestedAndParallelOr) {
  const char* p = R"({"source": ["aws.cloudwatch"], "$or": [
      {"metricName": ["CPUUtilization"]},
      {"metricType": ["MetricType"], "$or": [{"metricId": [1234]}, {"spaceId": [1000]}]}]})";
  EXPECT_TRUE(m(p, json::parse(R"({"source": "aws.cloudwatch", "metricName": "CPUUtilization"})")));
  EXPECT_TRUE(m(
      p,
      json::parse(R"({"source": "aws.cloudwatch", "metricType": "MetricType", "spaceId": 1000})")));
  EXPECT_FALSE(m(p, json::parse(R"({"source": "aws.cloudwatch", "metricType": "MetricType"})")));
  EXPECT_FALSE(m(p, json::parse(R"({"source": "x", "metricName": "CPUUtilization"})")));
  const char* parallel =
      R"({"$or": [{"a": [1]}, {"b": [1]}], "c": {"$or": [{"d": [1]}, {"e": [1]}]}})";
  EXPECT_TRUE(m(parallel, json::parse(R"({"b": 1, "c": {"d": 1}})")));
  EXPECT_FALSE(m(parallel, json::parse(R"({"b": 1, "c": {"f": 1}})")));
}

TEST(Matcher, APathGivenTwiceKeepsTheLastList) {
  EXPECT_TRUE(m(R"({"a": ["x"], "a": ["y"]})", json::parse(R"({"a": "y"})")));
  EXPECT_FALSE(m(R"({"a": ["x"], "a": ["y"]})", json::parse(R"({"a": "x"})")));
  // An object repeated under the same key is merged, not replaced.
  EXPECT_TRUE(
      m(R"({"d": {"a": [1]}, "d": {"b": [2]}})", json::parse(R"({"d": {"a": 1, "b": 2}})")));
  EXPECT_FALSE(m(R"({"d": {"a": [1]}, "d": {"b": [2]}})", json::parse(R"({"d": {"b": 2}})")));
  // Dotted and nested spellings are the same path.
  EXPECT_TRUE(m(R"({"d": {"a": [1]}, "d.a": [2]})", json::parse(R"({"d": {"a": 2}})")));
}

TEST(Matcher, NumbersCompareByValue) {
  EXPECT_TRUE(m(R"({"n": [300]})", json::parse(R"({"n": 300.0})")));
  EXPECT_TRUE(m(R"({"n": [3e2]})", json::parse(R"({"n": 300})")));
  EXPECT_FALSE(m(R"({"n": [300]})", json::parse(R"({"n": "300"})")));
  EXPECT_FALSE(m(R"({"n": ["300"]})", json::parse(R"({"n": 300})")));
  EXPECT_TRUE(m(R"({"n": [{"numeric": ["=", 3.018e2]}]})", json::parse(R"({"n": 301.8})")));
  // Not comparable: only the same literal matches.
  EXPECT_TRUE(m(R"({"n": [9007199254740993]})", json::parse(R"({"n": 9007199254740993})")));
  EXPECT_FALSE(m(R"({"n": [9007199254740993]})", json::parse(R"({"n": 9007199254740992})")));
}

TEST(Matcher, ExactIpValuesMatchAnySpellingOfTheAddress) {
  EXPECT_TRUE(m(R"({"ip": ["2001:db8::1"]})", json::parse(R"({"ip": "2001:0db8:0:0:0:0:0:1"})")));
  EXPECT_TRUE(m(R"({"ip": ["10.0.0.1"]})", json::parse(R"({"ip": "10.0.0.1"})")));
  EXPECT_FALSE(m(R"({"ip": ["10.0.0.1"]})", json::parse(R"({"ip": "10.0.0.2"})")));
  EXPECT_FALSE(m(R"({"ip": [{"exactly": "2001:db8::1"}]})",
                 json::parse(R"({"ip": "2001:0db8:0:0:0:0:0:1"})")));
}

TEST(Matcher, NonObjectEventsHaveNoFields) {
  EXPECT_FALSE(m(R"({"a": [{"exists": true}]})", json::parse("[1, 2]")));
  EXPECT_TRUE(m(R"({"a": [{"exists": false}]})", json::parse("\"text\"")));
}

TEST(Matcher, EmptyKeysAndUnicode) {
  EXPECT_TRUE(m(R"({"": ["x"]})", json::parse(R"({"": "x"})")));
  EXPECT_TRUE(m(R"({"a": {"": ["x"]}})", json::parse(R"({"a": {"": "x"}})")));
  EXPECT_TRUE(m(R"({"名前": [{"prefix": "東"}]})", json::parse(R"({"名前": "東京"})")));
  EXPECT_TRUE(
      m(R"({"s": [{"equals-ignore-case": "ÉTÉ Ωμέγα"}]})", json::parse(R"({"s": "été ωμέγα"})")));
}

}  // namespace
}  // namespace ebs::pattern
