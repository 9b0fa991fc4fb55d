// Codecs of the target actions: PutTargets, RemoveTargets, ListTargetsByRule,
// ListRuleNamesByTarget.
#include "events/events_service.hpp"
#include "protocol/events/events_api.hpp"
#include "protocol/events/events_json.hpp"

namespace ebs::protocol::events {
namespace {

using ebs::events::EventsService;
using json = nlohmann::json;

json failed_entries(const std::vector<ebs::events::FailedEntry>& failed) {
  json out;
  out["FailedEntryCount"] = failed.size();
  out["FailedEntries"] = json::array();
  for (const auto& f : failed) {
    out["FailedEntries"].push_back(
        {{"TargetId", f.id}, {"ErrorCode", f.error_code}, {"ErrorMessage", f.error_message}});
  }
  return out;
}

}  // namespace

void register_target_actions(JsonApi& api, EventsService& s) {
  api.add("AWSEvents.PutTargets", [&s](const json& in, const RequestContext& ctx) {
    ebs::events::RuleRef2 rule{req_string(in, "Rule", "rule"), opt_string(in, "EventBusName")};
    std::vector<json> targets;
    if (auto it = in.find("Targets"); it != in.end() && !it->is_null()) {
      if (!it->is_array()) throw serialization("Targets");
      for (const auto& t : *it) {
        if (!t.is_object()) throw serialization("Targets");
        targets.push_back(t);
      }
    } else {
      throw AwsError("ValidationException",
                     "1 validation error detected: Value null at 'targets' failed to satisfy "
                     "constraint: Member must not be null");
    }
    return failed_entries(s.put_targets(ctx, rule, targets));
  });
  api.add("AWSEvents.RemoveTargets", [&s](const json& in, const RequestContext& ctx) {
    ebs::events::RuleRef2 rule{req_string(in, "Rule", "rule"), opt_string(in, "EventBusName")};
    return failed_entries(
        s.remove_targets(ctx, rule, string_list(in, "Ids"), opt_bool(in, "Force")));
  });
  api.add("AWSEvents.ListTargetsByRule", [&s](const json& in, const RequestContext& ctx) {
    ebs::events::RuleRef2 rule{req_string(in, "Rule", "rule"), opt_string(in, "EventBusName")};
    auto listed = s.list_targets_by_rule(ctx, rule, page(in));
    json out;
    out["Targets"] = json::array();
    for (const auto& t : listed.items) out["Targets"].push_back(json::parse(t.json));
    if (listed.next_token) out["NextToken"] = *listed.next_token;
    return out;
  });
  api.add("AWSEvents.ListRuleNamesByTarget", [&s](const json& in, const RequestContext& ctx) {
    auto listed = s.list_rule_names_by_target(ctx, req_string(in, "TargetArn", "targetArn"),
                                              opt_string(in, "EventBusName"), page(in));
    json out;
    out["RuleNames"] = listed.items;
    if (listed.next_token) out["NextToken"] = *listed.next_token;
    return out;
  });
}

}  // namespace ebs::protocol::events
