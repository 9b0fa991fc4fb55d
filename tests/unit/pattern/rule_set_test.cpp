// RuleSet: add/replace/remove, each id once, index paths for every operator kind, and a
// randomized differential check against the direct matcher.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "pattern.hpp"

namespace ebs::pattern {
namespace {

using nlohmann::json;

std::shared_ptr<const Pattern> P(std::string_view text) {
  CompileResult r = compile(text);
  EXPECT_TRUE(r.pattern) << r.error;
  return r.pattern;
}

using Ids = std::vector<std::string>;

TEST(RuleSet, AddReplaceRemove) {
  RuleSet rules;
  EXPECT_EQ(rules.size(), 0u);
  json event = json::parse(R"({"source": "aws.ec2", "detail": {"event": "createVolume"}})");
  EXPECT_EQ(rules.match(event), Ids{});
  rules.add("b", P(R"({"source": ["aws.ec2"]})"));
  rules.add("a", P(R"({"detail": {"event": ["createVolume", "deleteVolume"]}})"));
  rules.add("c", P(R"({"source": ["aws.kms"]})"));
  EXPECT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules.match(event), (Ids{"a", "b"}));
  rules.add("c", P(R"({"source": [{"prefix": "aws."}]})"));  // replace
  EXPECT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules.match(event), (Ids{"a", "b", "c"}));
  rules.remove("b");
  rules.remove("nope");
  EXPECT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules.match(event), (Ids{"a", "c"}));
  rules.remove("a");
  rules.remove("c");
  EXPECT_EQ(rules.match(event), Ids{});
  rules.add("a", P(R"({"source": ["aws.ec2"]})"));  // slot reuse
  EXPECT_EQ(rules.match(event), Ids{"a"});
}

TEST(RuleSet, EachIdOnceEvenWhenSeveralBranchesMatch) {
  RuleSet rules;
  rules.add("r", P(R"({"$or": [{"a": [1]}, {"b": [2]}, {"c": [{"exists": true}]}]})"));
  EXPECT_EQ(rules.match(json::parse(R"({"a": 1, "b": 2, "c": [3, 4]})")), Ids{"r"});
  rules.add("s", P(R"({"tags": ["x", "y"]})"));
  EXPECT_EQ(rules.match(json::parse(R"({"tags": ["x", "y", "x"]})")), Ids{"s"});
}

TEST(RuleSet, EveryOperatorKindIsFound) {
  RuleSet rules;
  rules.add("exact", P(R"({"f": ["v1"]})"));
  rules.add("num", P(R"({"n": [300]})"));
  rules.add("bool", P(R"({"b": [true]})"));
  rules.add("null", P(R"({"z": [null]})"));
  rules.add("ip", P(R"({"f": ["10.1.2.3"]})"));
  rules.add("prefix", P(R"({"f": [{"prefix": "pre"}]})"));
  rules.add("prefix_ic", P(R"({"f": [{"prefix": {"equals-ignore-case": "PrE"}}]})"));
  rules.add("suffix", P(R"({"f": [{"suffix": "fix"}]})"));
  rules.add("suffix_ic", P(R"({"f": [{"suffix": {"equals-ignore-case": "FIX"}}]})"));
  rules.add("eic", P(R"({"f": [{"equals-ignore-case": "MiXeD"}]})"));
  rules.add("wild_head", P(R"({"f": [{"wildcard": "pre*x"}]})"));
  rules.add("wild_tail", P(R"({"f": [{"wildcard": "*fix"}]})"));
  rules.add("wild_star", P(R"({"f": [{"wildcard": "*"}]})"));
  rules.add("numeric", P(R"({"n": [{"numeric": [">", 100]}]})"));
  rules.add("cidr", P(R"({"f": [{"cidr": "10.0.0.0/8"}]})"));
  rules.add("exists", P(R"({"f": [{"exists": true}]})"));
  rules.add("absent", P(R"({"g": [{"exists": false}]})"));
  rules.add("ab", P(R"({"f": [{"anything-but": "v1"}]})"));
  EXPECT_EQ(rules.match(json::parse(R"({"f": "v1"})")),
            (Ids{"absent", "exact", "exists", "wild_star"}));
  EXPECT_EQ(rules.match(json::parse(R"({"n": 300.0, "b": true, "z": null, "g": 1})")),
            (Ids{"bool", "null", "num", "numeric"}));
  EXPECT_EQ(rules.match(json::parse(R"({"f": "prefix", "g": 0})")),
            (Ids{"ab", "exists", "prefix", "prefix_ic", "suffix", "suffix_ic", "wild_head",
                 "wild_star", "wild_tail"}));
  EXPECT_EQ(rules.match(json::parse(R"({"f": "PREFIX", "g": 0})")),
            (Ids{"ab", "exists", "prefix_ic", "suffix_ic", "wild_star"}));
  EXPECT_EQ(rules.match(json::parse(R"({"f": "mixed", "g": 0})")),
            (Ids{"ab", "eic", "exists", "wild_star"}));
  EXPECT_EQ(rules.match(json::parse(R"({"f": "10.1.2.3", "g": 0})")),
            (Ids{"ab", "cidr", "exists", "ip", "wild_star"}));
}

TEST(RuleSet, ManyRulesOnOneValueAllMatch) {
  RuleSet rules;
  for (int i = 0; i < 500; ++i)
    rules.add(std::string("r").append(std::to_string(i)), P(R"({"source": ["aws.ec2"]})"));
  EXPECT_EQ(rules.match(json::parse(R"({"source": "aws.ec2"})")).size(), 500u);
  for (int i = 0; i < 500; i += 2) rules.remove(std::string("r").append(std::to_string(i)));
  EXPECT_EQ(rules.match(json::parse(R"({"source": "aws.ec2"})")).size(), 250u);
}

// Random patterns over a small vocabulary, checked against the direct matcher.
TEST(RuleSet, RandomizedAgreementWithDirectMatching) {
  std::mt19937 rng(12345);
  auto pick = [&](std::initializer_list<const char*> xs) {
    std::vector<const char*> v(xs);
    return std::string(v[rng() % v.size()]);
  };
  auto value_pattern = [&]() {
    switch (rng() % 10) {
      case 0:
        return "\"" + pick({"a", "b", "ab", "Ab"}) + "\"";
      case 1:
        return "{\"prefix\": \"" + pick({"a", "A", ""}) + "\"}";
      case 2:
        return "{\"suffix\": \"" + pick({"b", "B"}) + "\"}";
      case 3:
        return "{\"equals-ignore-case\": \"" + pick({"ab", "AB"}) + "\"}";
      case 4:
        return "{\"anything-but\": [\"" + pick({"a", "b"}) + "\"]}";
      case 5:
        if (rng() % 2) return "{\"numeric\": [\">=\", 1, \"<\", " + pick({"2", "3"}) + "]}";
        return "{\"numeric\": [\">\", " + pick({"0", "1", "2"}) + "]}";
      case 6:
        return pick({"1", "2", "2.0"});
      case 7:
        return "{\"exists\": " + pick({"true", "false"}) + "}";
      case 8:
        if (rng() % 2) {
          return "{\"cidr\": \"" + pick({"10.0.0.0/8", "10.1.0.0/16", "::/0"}) + "\"}";
        }
        return "{\"wildcard\": \"" + pick({"a*", "*b", "a*b", "*"}) + "\"}";
      default:
        return pick({"null", "true"});
    }
  };
  auto field = [&]() { return pick({"x", "y", "o.x", "o.y", "arr.x", "arr.y"}); };
  auto event_value = [&]() -> json {
    switch (rng() % 7) {
      case 6:
        return pick({"10.1.2.3", "10.2.0.1", "192.168.0.1", "::1"});
      case 0:
        return pick({"a", "b", "ab", "Ab", "AB"});
      case 1:
        return static_cast<int>(rng() % 3);
      case 2:
        return 2.0;
      case 3:
        return nullptr;
      case 4:
        return true;
      default:
        return json::array({pick({"a", "b"}), static_cast<int>(rng() % 3)});
    }
  };
  std::vector<std::pair<std::string, std::shared_ptr<const Pattern>>> patterns;
  RuleSet rules;
  for (int i = 0; i < 300; ++i) {
    std::string text = "{";
    int fields = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < fields; ++f) {
      if (f) text += ", ";
      text.append("\"").append(field()).append("\": [").append(value_pattern());
      if (rng() % 3 == 0) text += ", " + value_pattern();
      text += "]";
    }
    text += "}";
    CompileResult r = compile(text);
    ASSERT_TRUE(r.pattern) << text << " " << r.error;
    std::string id = std::string("p").append(std::to_string(i));
    patterns.emplace_back(id, r.pattern);
    rules.add(id, r.pattern);
  }
  for (int e = 0; e < 300; ++e) {
    json event = json::object();
    for (const char* k : {"x", "y"}) {
      if (rng() % 3) event[k] = event_value();
    }
    if (rng() % 2) event["o"] = {{"x", event_value()}, {"y", event_value()}};
    if (rng() % 2) {
      json arr = json::array();
      int n = static_cast<int>(rng() % 3);
      for (int i = 0; i < n; ++i) arr.push_back({{"x", event_value()}, {"y", event_value()}});
      event["arr"] = arr;
    }
    std::vector<std::string> expected;
    for (const auto& [id, p] : patterns) {
      if (matches(*p, event)) expected.push_back(id);
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(rules.match(event), expected) << event.dump();
  }
}

// Patterns and a RuleSet are shared read-only by several threads (per-thread scratch buffers).
TEST(RuleSet, ConcurrentMatchingFromSeveralThreads) {
  RuleSet rules;
  std::vector<std::shared_ptr<const Pattern>> patterns;
  for (int i = 0; i < 50; ++i) {
    std::string text = R"({"detail": {"items": {"id": [)" + std::to_string(i) +
                       R"(], "tag": [{"prefix": "t"}]}}, "source": [{"anything-but": "x"}]})";
    patterns.push_back(P(text));
    rules.add(std::string("r").append(std::to_string(i)), patterns.back());
  }
  std::vector<json> events;
  for (int i = 0; i < 50; ++i) {
    events.push_back(json::parse(R"({"source": "s", "detail": {"items": [{"id": )" +
                                 std::to_string(i) + R"(, "tag": "u"}, {"id": )" +
                                 std::to_string((i + 1) % 50) + R"(, "tag": "t1"}]}})"));
  }
  auto expected_for = [&](size_t e) {
    return Ids{std::string("r").append(std::to_string((e + 1) % 50))};
  };
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        size_t e = static_cast<size_t>((round * 7 + t) % 50);
        if (rules.match(events[e]) != expected_for(e)) ++failures[static_cast<size_t>(t)];
        if (matches(*patterns[e], events[e])) ++failures[static_cast<size_t>(t)];
        if (!matches(*patterns[(e + 1) % 50], events[e])) ++failures[static_cast<size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace ebs::pattern
