// Codecs of the rule actions: PutRule, DescribeRule, ListRules, DeleteRule, EnableRule,
// DisableRule.
#include "events/events_service.hpp"
#include "protocol/events/events_api.hpp"
#include "protocol/events/events_json.hpp"

namespace ebs::protocol::events {
namespace {

using ebs::events::EventsService;
using json = nlohmann::json;

json rule_json(const store::RuleRow& r, bool describe) {
  json out;
  out["Name"] = r.name;
  out["Arn"] = r.arn;
  if (r.event_pattern) out["EventPattern"] = *r.event_pattern;
  if (r.schedule_expression) out["ScheduleExpression"] = *r.schedule_expression;
  out["State"] = r.state;
  if (r.description) out["Description"] = *r.description;
  if (r.role_arn) out["RoleArn"] = *r.role_arn;
  if (r.managed_by) out["ManagedBy"] = *r.managed_by;
  out["EventBusName"] = r.bus;
  if (describe) out["CreatedBy"] = r.created_by;
  return out;
}

ebs::events::RuleRef2 rule_ref(const json& in, const char* key = "Name",
                               const char* member = "name") {
  return {req_string(in, key, member), opt_string(in, "EventBusName")};
}

}  // namespace

void register_rule_actions(JsonApi& api, EventsService& s) {
  api.add("AWSEvents.PutRule", [&s](const json& in, const RequestContext& ctx) {
    ebs::events::PutRuleRequest r;
    r.name = req_string(in, "Name", "name");
    r.event_pattern = opt_string(in, "EventPattern");
    r.schedule_expression = opt_string(in, "ScheduleExpression");
    r.state = opt_string(in, "State");
    r.description = opt_string(in, "Description");
    r.role_arn = opt_string(in, "RoleArn");
    r.tags = tags(in);
    r.event_bus_name = opt_string(in, "EventBusName");
    return json{{"RuleArn", s.put_rule(ctx, r)}};
  });
  api.add("AWSEvents.DescribeRule", [&s](const json& in, const RequestContext& ctx) {
    return rule_json(s.describe_rule(ctx, rule_ref(in)), true);
  });
  api.add("AWSEvents.ListRules", [&s](const json& in, const RequestContext& ctx) {
    auto listed =
        s.list_rules(ctx, opt_string(in, "NamePrefix"), opt_string(in, "EventBusName"), page(in));
    json out;
    out["Rules"] = json::array();
    for (const auto& r : listed.items) out["Rules"].push_back(rule_json(r, false));
    if (listed.next_token) out["NextToken"] = *listed.next_token;
    return out;
  });
  api.add("AWSEvents.DeleteRule", [&s](const json& in, const RequestContext& ctx) {
    s.delete_rule(ctx, rule_ref(in), opt_bool(in, "Force"));
    return json::object();
  });
  api.add("AWSEvents.EnableRule", [&s](const json& in, const RequestContext& ctx) {
    s.set_rule_state(ctx, rule_ref(in), true);
    return json::object();
  });
  api.add("AWSEvents.DisableRule", [&s](const json& in, const RequestContext& ctx) {
    s.set_rule_state(ctx, rule_ref(in), false);
    return json::object();
  });
}

}  // namespace ebs::protocol::events
