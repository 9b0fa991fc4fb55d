// Input transformation: the documented InputTemplate examples, predefined variables, JSONPath, and
// the PutTargets validation messages.
#include "events/input_transform.hpp"

#include <gtest/gtest.h>

namespace ebs::events {
namespace {

using ojson = nlohmann::ordered_json;

ojson ec2_event() {
  return ojson::parse(R"({"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602",
    "detail-type":"EC2 Instance State-change Notification","source":"aws.ec2",
    "account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",
    "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
    "detail":{"instance-id":"i-0123456789","state":"RUNNING"}})");
}

const nlohmann::json kPaths = {{"instance", "$.detail.instance-id"}, {"state", "$.detail.state"}};
const RuleRef kRule{"arn:aws:events:us-east-1:123456789012:rule/r", "r"};

TEST(InputTransform, DocumentedTemplates) {
  struct Case {
    const char* name;
    const char* tmpl;
    const char* expected;
  };
  static const Case cases[] = {
      {"string", R"("instance <instance> is in <state>")",
       R"("instance i-0123456789 is in RUNNING")"},
      {"json", R"({"instance" : <instance>, "state": <state>})",
       R"({"instance" : "i-0123456789", "state": "RUNNING"})"},
      {"escaped quotes", R"("<instance> is in state \"<state>\"")",
       R"("i-0123456789 is in state \"RUNNING\"")"},
      {"mixed", R"({"myInstance": <instance>,"myStatus": "<instance> is in state \"<state>\""})",
       R"({"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state \"RUNNING\""})"},
      {"plain text", "<instance> is in state <state>", "i-0123456789 is in state RUNNING"},
      {"whitespace kept", "{\n  \"i\" :\t<instance>\n}", "{\n  \"i\" :\t\"i-0123456789\"\n}"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(fill_template(c.tmpl, kPaths, ec2_event(), kRule, 0), c.expected) << c.name;
  }
}

TEST(InputTransform, ValuesKeepTheirJsonType) {
  auto event = ec2_event();
  event["detail"]["n"] = 5;
  event["detail"]["obj"] = {{"a", true}};
  nlohmann::json paths = {{"n", "$.detail.n"}, {"obj", "$.detail.obj"}, {"r", "$.resources[0]"}};
  EXPECT_EQ(
      fill_template(R"({"n": <n>, "o": <obj>, "s": "<n>", "r": <r>})", paths, event, kRule, 0),
      R"({"n": 5, "o": {"a":true}, "s": "5", "r": "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"})");
}

TEST(InputTransform, PredefinedVariables) {
  auto event = ec2_event();
  std::string out = fill_template(
      R"({"a": <aws.events.rule-arn>, "n": <aws.events.rule-name>, "t": <aws.events.event.ingestion-time>, "e": <aws.events.event>, "j": <aws.events.event.json>})",
      nlohmann::json::object(), event, kRule, 1447277394000);
  auto parsed = ojson::parse(out);
  EXPECT_EQ(parsed["a"], kRule.arn);
  EXPECT_EQ(parsed["n"], "r");
  EXPECT_EQ(parsed["t"], "2015-11-11T21:29:54.000Z");
  EXPECT_FALSE(parsed["e"].contains("detail"));
  EXPECT_EQ(parsed["e"]["id"], event["id"]);
  EXPECT_EQ(parsed["j"], event);
}

TEST(InputTransform, MissingPathRendersNullOrNothing) {
  nlohmann::json paths = {{"x", "$.detail.absent"}};
  EXPECT_EQ(fill_template(R"({"v": <x>, "s": "[<x>]"})", paths, ec2_event(), kRule, 0),
            R"({"v": null, "s": "[]"})");
}

TEST(InputTransform, TargetInputKinds) {
  auto event = ec2_event();
  EXPECT_EQ(render_target_input(nlohmann::json::object(), event, kRule, 0), event.dump());
  EXPECT_EQ(render_target_input({{"Input", R"({"c":1})"}}, event, kRule, 0), R"({"c":1})");
  EXPECT_EQ(render_target_input({{"InputPath", "$.detail.state"}}, event, kRule, 0), "\"RUNNING\"");
  EXPECT_EQ(render_target_input({{"InputPath", "$.detail"}}, event, kRule, 0),
            R"({"instance-id":"i-0123456789","state":"RUNNING"})");
}

TEST(InputTransform, JsonPath) {
  auto event = ec2_event();
  EXPECT_EQ(json_path(event, "$")->dump(), event.dump());
  EXPECT_EQ(*json_path(event, "$.detail.state"), "RUNNING");
  EXPECT_EQ(*json_path(event, "$.resources[0]"),
            "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111");
  EXPECT_EQ(*json_path(event, "$['detail-type']"), "EC2 Instance State-change Notification");
  EXPECT_FALSE(json_path(event, "$.resources[3]"));
  EXPECT_FALSE(json_path(event, "$.nope.deeper"));
  EXPECT_FALSE(json_path(event, "detail"));
}

TEST(InputTransform, Validation) {
  EXPECT_EQ(*validate_target_input({{"Input", "{}"}, {"InputPath", "$"}}, "t1"),
            "Only one of Input, InputPath, or InputTransformer must be provided for target t1.");
  nlohmann::json t = {
      {"InputTransformer", {{"InputPathsMap", {{"a", "$.detail"}}}, {"InputTemplate", "<a> <b>"}}}};
  EXPECT_EQ(*validate_target_input(t, "t1"),
            "InputTemplate for target t1 contains invalid placeholder b.");
  t["InputTransformer"]["InputTemplate"] = "<a> <aws.events.rule-name>";
  EXPECT_FALSE(validate_target_input(t, "t1"));
  EXPECT_TRUE(validate_target_input({{"Input", "not json"}}, "t1"));
  EXPECT_FALSE(validate_target_input({{"Input", "\"a string\""}}, "t1"));
}

}  // namespace
}  // namespace ebs::events
