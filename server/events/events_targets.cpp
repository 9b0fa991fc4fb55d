// EventsService: targets (PutTargets, RemoveTargets, ListTargetsByRule, ListRuleNamesByTarget).
#include <set>

#include "events/arn.hpp"
#include "events/events_errors.hpp"
#include "events/events_service.hpp"
#include "events/input_transform.hpp"
#include "events/paging.hpp"

namespace ebs::events {

namespace {
constexpr size_t kMaxTargetsPerRule = 5;

// Member constraints of one Target, as smithy reports them (targets.N.member.field).
void check_target(Violations& v, const nlohmann::json& t, size_t index) {
  std::string at = "targets." + std::to_string(index) + ".member.";
  if (!t.contains("Id") || !t["Id"].is_string()) {
    v.null_value(at + "id");
  } else {
    v.name(t["Id"].get<std::string>(), at + "id", 64, kRuleNameRegex, is_rule_name);
  }
  if (!t.contains("Arn") || !t["Arn"].is_string()) {
    v.null_value(at + "arn");
  } else {
    const auto& arn = t["Arn"].get_ref<const std::string&>();
    if (arn.empty()) v.add(arn, at + "arn", "have length greater than or equal to 1");
    if (arn.size() > 1600) v.add(arn, at + "arn", "have length less than or equal to 1600");
  }
  if (t.contains("Input") && t["Input"].is_string() &&
      t["Input"].get<std::string>().size() > 8192) {
    v.add(t["Input"].get<std::string>(), at + "input", "have length less than or equal to 8192");
  }
  if (auto rp = t.find("RetryPolicy"); rp != t.end() && rp->is_object()) {
    if (auto m = rp->find("MaximumRetryAttempts"); m != rp->end() && m->is_number_integer()) {
      int64_t n = m->get<int64_t>();
      if (n < 0) {
        v.add(std::to_string(n), at + "retryPolicy.maximumRetryAttempts",
              "have value greater than or equal to 0");
      }
      if (n > 185) {
        v.add(std::to_string(n), at + "retryPolicy.maximumRetryAttempts",
              "have value less than or equal to 185");
      }
    }
    if (auto m = rp->find("MaximumEventAgeInSeconds"); m != rp->end() && m->is_number_integer()) {
      int64_t n = m->get<int64_t>();
      if (n < 60) {
        v.add(std::to_string(n), at + "retryPolicy.maximumEventAgeInSeconds",
              "have value greater than or equal to 60");
      }
      if (n > 86400) {
        v.add(std::to_string(n), at + "retryPolicy.maximumEventAgeInSeconds",
              "have value less than or equal to 86400");
      }
    }
  }
}
}  // namespace

std::vector<FailedEntry> EventsService::put_targets(const RequestContext& ctx, const RuleRef2& r,
                                                    const std::vector<nlohmann::json>& targets) {
  Violations v;
  if (targets.empty()) {
    v.add("[]", "targets", "have length greater than or equal to 1");
  } else if (targets.size() > 100) {
    v.add("[...]", "targets", "have length less than or equal to 100");
  }
  for (size_t i = 0; i < targets.size(); ++i) check_target(v, targets[i], i + 1);
  v.throw_if_any();
  for (const auto& t : targets) {
    if (auto error = validate_target_input(t, t["Id"].get<std::string>())) throw validation(*error);
  }
  store::Transaction tx(deps_.db);
  std::string bus;
  auto rule = require_rule(tx, ctx, r, bus);
  // Count the targets the rule would have afterwards (same Id updates).
  std::set<std::string> ids;
  for (const auto& t : store::TargetTable::for_rule(tx, ctx.account, ctx.region, bus, rule.name)) {
    ids.insert(t.target_id);
  }
  for (const auto& t : targets) ids.insert(t["Id"].get<std::string>());
  if (ids.size() > kMaxTargetsPerRule) {
    throw limit_exceeded("The requested resource exceeds the maximum number allowed.");
  }
  for (const auto& t : targets) {
    store::TargetRow row;
    row.account = ctx.account;
    row.region = ctx.region;
    row.bus = bus;
    row.rule = rule.name;
    row.target_id = t["Id"].get<std::string>();
    row.arn = t["Arn"].get<std::string>();
    row.json = t.dump();
    store::TargetTable::put(tx, row);
  }
  tx.commit();
  return {};
}

std::vector<FailedEntry> EventsService::remove_targets(const RequestContext& ctx, const RuleRef2& r,
                                                       const std::vector<std::string>& ids,
                                                       bool /*force*/) {
  Violations v;
  if (ids.empty()) v.add("[]", "ids", "have length greater than or equal to 1");
  if (ids.size() > 100) v.add("[...]", "ids", "have length less than or equal to 100");
  v.throw_if_any();
  store::Transaction tx(deps_.db);
  std::string bus;
  auto rule = require_rule(tx, ctx, r, bus);
  std::vector<FailedEntry> failed;
  for (const auto& id : ids) {
    if (!store::TargetTable::remove(tx, ctx.account, ctx.region, bus, rule.name, id)) {
      failed.push_back(
          {id, "ResourceNotFoundException",
           "Rule '" + rule.name + "' does not have a target with the Id '" + id + "'."});
    }
  }
  tx.commit();
  return failed;
}

Listed<store::TargetRow> EventsService::list_targets_by_rule(const RequestContext& ctx,
                                                             const RuleRef2& r, const Page& page) {
  store::Transaction tx(deps_.db);
  std::string bus;
  auto rule = require_rule(tx, ctx, r, bus);
  auto rows = store::TargetTable::for_rule(tx, ctx.account, ctx.region, bus, rule.name);
  tx.commit();
  return paginate(std::move(rows), page);
}

Listed<std::string> EventsService::list_rule_names_by_target(
    const RequestContext& ctx, const std::string& target_arn,
    const std::optional<std::string>& bus_name, const Page& page) {
  store::Transaction tx(deps_.db);
  std::string bus = require_bus(tx, ctx, bus_name);
  auto rows = store::TargetTable::rules_for_arn(tx, ctx.account, ctx.region, bus, target_arn);
  tx.commit();
  return paginate(std::move(rows), page);
}

}  // namespace ebs::events
