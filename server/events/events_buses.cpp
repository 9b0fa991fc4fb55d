// EventsService: event buses and tags (CreateEventBus, DescribeEventBus, ListEventBuses,
// DeleteEventBus, TagResource, UntagResource, ListTagsForResource).
#include <algorithm>
#include <set>

#include "events/arn.hpp"
#include "events/events_errors.hpp"
#include "events/events_service.hpp"
#include "events/paging.hpp"
#include "store/events/event_tag_table.hpp"

namespace ebs::events {

namespace {
constexpr size_t kMaxBuses = 100;

store::BusRow default_bus(const RequestContext& ctx) {
  store::BusRow row;
  row.account = ctx.account;
  row.region = ctx.region;
  row.name = "default";
  row.arn = bus_arn(ctx.region, ctx.account, "default");
  return row;
}
}  // namespace

EventsService::EventsService(ServiceDeps& deps, EventBus& bus) : deps_(deps), bus_(bus) {}

std::string EventsService::require_bus(store::Transaction& tx, const RequestContext& ctx,
                                       const std::optional<std::string>& name_or_arn) {
  std::string name = bus_name_of(name_or_arn);
  if (name != "default" && !store::BusTable::get(tx, ctx.account, ctx.region, name)) {
    throw bus_not_found(name);
  }
  return name;
}

store::BusRow EventsService::create_event_bus(const RequestContext& ctx,
                                              const CreateEventBusRequest& r) {
  Violations v;
  v.name(r.name, "name", 256, kBusNameRegex, is_bus_name);
  if (r.description && r.description->size() > 512) {
    v.add(*r.description, "description", "have length less than or equal to 512");
  }
  v.throw_if_any();
  store::Transaction tx(deps_.db);
  if (r.name == "default" || store::BusTable::get(tx, ctx.account, ctx.region, r.name)) {
    throw already_exists("Event bus " + r.name + " already exists.");
  }
  if (store::BusTable::list(tx, ctx.account, ctx.region, "").size() + 1 >= kMaxBuses) {
    throw limit_exceeded("The requested resource exceeds the maximum number allowed.");
  }
  store::BusRow row;
  row.account = ctx.account;
  row.region = ctx.region;
  row.name = r.name;
  row.arn = bus_arn(ctx.region, ctx.account, r.name);
  row.description = r.description;
  row.created_at = ctx.now_ms;
  row.modified_at = ctx.now_ms;
  store::BusTable::insert(tx, row);
  for (const auto& [k, val] : r.tags) store::EventTagTable::put(tx, row.arn, k, val);
  tx.commit();
  return row;
}

store::BusRow EventsService::describe_event_bus(const RequestContext& ctx,
                                                const std::optional<std::string>& name_or_arn) {
  std::string name = bus_name_of(name_or_arn);
  if (name == "default") return default_bus(ctx);
  store::Transaction tx(deps_.db);
  auto row = store::BusTable::get(tx, ctx.account, ctx.region, name);
  tx.commit();
  if (!row) throw bus_not_found(name);
  return *row;
}

Listed<store::BusRow> EventsService::list_event_buses(const RequestContext& ctx,
                                                      const std::optional<std::string>& prefix,
                                                      const Page& page) {
  store::Transaction tx(deps_.db);
  auto rows = store::BusTable::list(tx, ctx.account, ctx.region, prefix.value_or(""));
  tx.commit();
  if (std::string("default").rfind(prefix.value_or(""), 0) == 0) rows.push_back(default_bus(ctx));
  std::sort(rows.begin(), rows.end(),
            [](const store::BusRow& a, const store::BusRow& b) { return a.name < b.name; });
  return paginate(std::move(rows), page);
}

void EventsService::delete_event_bus(const RequestContext& ctx, const std::string& name) {
  if (name == "default") throw validation("Cannot delete event bus default.");
  store::Transaction tx(deps_.db);
  auto row = store::BusTable::get(tx, ctx.account, ctx.region, name);
  if (!row) {
    tx.commit();
    return;  // idempotent
  }
  for (const auto& rule : store::RuleTable::list(tx, ctx.account, ctx.region, name, "")) {
    for (const auto& t :
         store::TargetTable::for_rule(tx, ctx.account, ctx.region, name, rule.name)) {
      store::TargetTable::remove(tx, ctx.account, ctx.region, name, rule.name, t.target_id);
    }
    store::EventTagTable::remove_all(tx, rule.arn);
    store::RuleTable::remove(tx, rule.arn);
  }
  store::EventTagTable::remove_all(tx, row->arn);
  store::BusTable::remove(tx, ctx.account, ctx.region, name);
  bus_.invalidate(ctx.account, ctx.region, name);
  tx.commit();
}

namespace {
// Checks that `arn` names an existing bus or rule of the caller.
void require_taggable(store::Transaction& tx, const RequestContext& ctx, const std::string& arn) {
  auto parsed = parse_arn(arn);
  if (!parsed || parsed->service != "events" || parsed->account != ctx.account ||
      parsed->region != ctx.region) {
    throw validation("Invalid ARN: " + arn);
  }
  const std::string& res = parsed->resource;
  if (res.rfind("event-bus/", 0) == 0) {
    std::string name = res.substr(10);
    if (name != "default" && !store::BusTable::get(tx, ctx.account, ctx.region, name)) {
      throw bus_not_found(name);
    }
    return;
  }
  if (res.rfind("rule/", 0) == 0) {
    if (!store::RuleTable::by_arn(tx, arn)) {
      std::string rest = res.substr(5);
      auto slash = rest.rfind('/');
      std::string bus = slash == std::string::npos ? "default" : rest.substr(0, slash);
      std::string rule = slash == std::string::npos ? rest : rest.substr(slash + 1);
      throw rule_not_found(rule, bus);
    }
    return;
  }
  throw not_found("Resource " + arn + " does not exist.");
}
}  // namespace

void EventsService::tag_resource(const RequestContext& ctx, const std::string& arn,
                                 const Tags& tags) {
  std::set<std::string> keys;
  for (const auto& [k, v] : tags) {
    if (!keys.insert(k).second) {
      throw validation("Invalid parameter: Duplicated keys are not allowed.");
    }
  }
  store::Transaction tx(deps_.db);
  require_taggable(tx, ctx, arn);
  for (const auto& [k, v] : tags) store::EventTagTable::put(tx, arn, k, v);
  tx.commit();
}

void EventsService::untag_resource(const RequestContext& ctx, const std::string& arn,
                                   const std::vector<std::string>& keys) {
  store::Transaction tx(deps_.db);
  require_taggable(tx, ctx, arn);
  for (const auto& k : keys) store::EventTagTable::remove(tx, arn, k);
  tx.commit();
}

Tags EventsService::list_tags(const RequestContext& ctx, const std::string& arn) {
  store::Transaction tx(deps_.db);
  require_taggable(tx, ctx, arn);
  auto tags = store::EventTagTable::for_arn(tx, arn);
  tx.commit();
  return tags;
}

}  // namespace ebs::events
