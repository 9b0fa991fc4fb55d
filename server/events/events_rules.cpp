// EventsService: rules (PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule) and
// the schedule of scheduled rules.
#include "events/arn.hpp"
#include "events/events_errors.hpp"
#include "events/events_service.hpp"
#include "events/paging.hpp"
#include "events/pattern/pattern.hpp"
#include "events/schedule_expression.hpp"
#include "store/events/event_tag_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::events {

namespace {
constexpr const char* kScheduleWork = "events.rule.schedule";
}

store::RuleRow EventsService::require_rule(store::Transaction& tx, const RequestContext& ctx,
                                           const RuleRef2& r, std::string& bus) {
  bus = require_bus(tx, ctx, r.event_bus_name);
  auto rule = store::RuleTable::get(tx, ctx.account, ctx.region, bus, r.name);
  if (!rule) throw rule_not_found(r.name, bus);
  return *rule;
}

void EventsService::arm_schedule(store::Transaction& tx, const store::RuleRow& rule, int64_t now) {
  store::WorkQueue::remove_for_resource(tx, rule.arn);
  if (!rule.schedule_expression || rule.state == "DISABLED") return;
  auto schedule = ScheduleExpression::parse(*rule.schedule_expression);
  if (!schedule) return;
  if (auto next = schedule->next_after(now)) {
    deps_.scheduler.schedule(tx, kScheduleWork, rule.arn, *next);
  }
}

void EventsService::fire_schedule(store::Transaction& tx, const store::WorkItem& item) {
  auto rule = store::RuleTable::by_arn(tx, item.resource);
  if (!rule || rule->state == "DISABLED" || !rule->schedule_expression) return;
  auto event = make_event(deps_.ids, "aws.events", "Scheduled Event", rule->account, rule->region,
                          item.due_at_ms, {rule->arn}, nlohmann::ordered_json::object());
  bus_.publish_to_rule(tx, *rule, event);
  auto schedule = ScheduleExpression::parse(*rule->schedule_expression);
  if (!schedule) return;
  // The next firing after the one due now (not after "now": a late run does not shift the grid).
  int64_t after = std::max(item.due_at_ms, deps_.clock.now_ms() - 1);
  if (auto next = schedule->next_after(after)) {
    deps_.scheduler.schedule(tx, kScheduleWork, rule->arn, *next);
  }
}

void EventsService::register_work() {
  deps_.scheduler.on(kScheduleWork, [this](store::Transaction& tx, const store::WorkItem& item) {
    fire_schedule(tx, item);
  });
}

std::string EventsService::put_rule(const RequestContext& ctx, const PutRuleRequest& r) {
  Violations v;
  v.name(r.name, "name", 64, kRuleNameRegex, is_rule_name);
  if (r.event_pattern && r.event_pattern->size() > 4096) {
    v.add(*r.event_pattern, "eventPattern", "have length less than or equal to 4096");
  }
  if (r.schedule_expression && r.schedule_expression->size() > 256) {
    v.add(*r.schedule_expression, "scheduleExpression", "have length less than or equal to 256");
  }
  if (r.description && r.description->size() > 512) {
    v.add(*r.description, "description", "have length less than or equal to 512");
  }
  if (r.state && *r.state != "ENABLED" && *r.state != "DISABLED" &&
      *r.state != "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS") {
    v.add(*r.state, "state",
          "satisfy enum value set: [ENABLED, DISABLED, "
          "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
  }
  v.throw_if_any();
  bool has_pattern = r.event_pattern && !r.event_pattern->empty();
  bool has_schedule = r.schedule_expression && !r.schedule_expression->empty();
  if (!has_pattern && !has_schedule) {
    throw validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
  }
  store::Transaction tx(deps_.db);
  std::string bus = require_bus(tx, ctx, r.event_bus_name);
  if (has_schedule) {
    if (bus != "default")
      throw validation("ScheduleExpression is supported only on the default event bus.");
    if (!ScheduleExpression::parse(*r.schedule_expression)) {
      throw validation("Parameter ScheduleExpression is not valid.");
    }
  }
  if (has_pattern) {
    auto compiled = pattern::compile(*r.event_pattern);
    if (!compiled.pattern) throw invalid_pattern(compiled.error);
  }
  auto existing = store::RuleTable::get(tx, ctx.account, ctx.region, bus, r.name);
  if (!existing && store::RuleTable::count(tx, ctx.account, ctx.region, bus) >=
                       static_cast<size_t>(deps_.config.max_rules_per_bus)) {
    throw limit_exceeded("The requested resource exceeds the maximum number allowed.");
  }
  store::RuleRow row;
  row.account = ctx.account;
  row.region = ctx.region;
  row.bus = bus;
  row.name = r.name;
  row.arn = rule_arn(ctx.region, ctx.account, bus, r.name);
  if (has_pattern) row.event_pattern = r.event_pattern;
  if (has_schedule) row.schedule_expression = r.schedule_expression;
  row.state = r.state.value_or("ENABLED");
  row.description = r.description;
  row.role_arn = r.role_arn;
  row.created_by = existing ? existing->created_by : ctx.account;
  row.managed_by = existing ? existing->managed_by : std::nullopt;
  store::RuleTable::put(tx, row);
  if (!existing) {
    for (const auto& [k, val] : r.tags) store::EventTagTable::put(tx, row.arn, k, val);
  }
  arm_schedule(tx, row, ctx.now_ms);
  bus_.invalidate(ctx.account, ctx.region, bus);
  tx.commit();
  return row.arn;
}

store::RuleRow EventsService::describe_rule(const RequestContext& ctx, const RuleRef2& r) {
  store::Transaction tx(deps_.db);
  std::string bus;
  auto rule = require_rule(tx, ctx, r, bus);
  tx.commit();
  return rule;
}

Listed<store::RuleRow> EventsService::list_rules(const RequestContext& ctx,
                                                 const std::optional<std::string>& prefix,
                                                 const std::optional<std::string>& bus_name,
                                                 const Page& page) {
  store::Transaction tx(deps_.db);
  std::string bus = require_bus(tx, ctx, bus_name);
  auto rows = store::RuleTable::list(tx, ctx.account, ctx.region, bus, prefix.value_or(""));
  tx.commit();
  return paginate(std::move(rows), page);
}

void EventsService::delete_rule(const RequestContext& ctx, const RuleRef2& r, bool force) {
  store::Transaction tx(deps_.db);
  std::string bus = require_bus(tx, ctx, r.event_bus_name);
  auto rule = store::RuleTable::get(tx, ctx.account, ctx.region, bus, r.name);
  if (!rule) {
    tx.commit();
    return;  // idempotent
  }
  if (rule->managed_by && !force) {
    throw AwsError("ManagedRuleException", "Rule " + r.name + " is managed by " +
                                               *rule->managed_by +
                                               " and cannot be modified or deleted without Force.");
  }
  if (store::TargetTable::count(tx, ctx.account, ctx.region, bus, r.name) > 0) {
    throw validation("Rule can't be deleted since it has targets.");
  }
  store::RuleTable::remove(tx, rule->arn);
  store::EventTagTable::remove_all(tx, rule->arn);
  store::WorkQueue::remove_for_resource(tx, rule->arn);
  bus_.invalidate(ctx.account, ctx.region, bus);
  tx.commit();
}

void EventsService::set_rule_state(const RequestContext& ctx, const RuleRef2& r, bool enabled) {
  store::Transaction tx(deps_.db);
  std::string bus;
  auto rule = require_rule(tx, ctx, r, bus);
  rule.state = enabled ? "ENABLED" : "DISABLED";
  store::RuleTable::set_state(tx, rule.arn, rule.state);
  arm_schedule(tx, rule, ctx.now_ms);
  bus_.invalidate(ctx.account, ctx.region, bus);
  tx.commit();
}

}  // namespace ebs::events
