// EventsService: the EventBridge control and data plane of buses, rules, targets and tags,
// PutEvents and TestEventPattern. Typed requests in, store rows (or small result structs) out; no
// HTTP, no JSON wire codec here (Target objects are kept as the JSON documents PutTargets
// received). Scheduled rules are Scheduler rows (`events.rule.schedule`, resource = rule ARN) that
// publish AWS's "Scheduled Event" to the rule's targets and re-arm themselves.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "events/event_bus.hpp"
#include "store/events/bus_table.hpp"
#include "store/events/rule_table.hpp"
#include "store/events/target_table.hpp"

namespace ebs::events {

using Tags = std::vector<std::pair<std::string, std::string>>;

struct Page {
  std::optional<std::string> next_token;
  std::optional<int64_t> limit;
};

struct CreateEventBusRequest {
  std::string name;
  std::optional<std::string> event_source_name;
  std::optional<std::string> description;
  Tags tags;
};

struct PutRuleRequest {
  std::string name;
  std::optional<std::string> event_pattern;
  std::optional<std::string> schedule_expression;
  std::optional<std::string> state;
  std::optional<std::string> description;
  std::optional<std::string> role_arn;
  Tags tags;
  std::optional<std::string> event_bus_name;
};

struct RuleRef2 {
  std::string name;
  std::optional<std::string> event_bus_name;
};

struct FailedEntry {
  std::string id;  // TargetId (PutTargets/RemoveTargets)
  std::string error_code;
  std::string error_message;
};

struct PutEventsEntry {
  std::optional<std::string> time;  // RFC 3339 or epoch seconds, as decoded
  std::optional<int64_t> time_ms;
  std::optional<std::string> source;
  std::vector<std::string> resources;
  std::optional<std::string> detail_type;
  std::optional<std::string> detail;
  std::optional<std::string> event_bus_name;
  std::optional<std::string> trace_header;
};

struct PutEventsResultEntry {
  std::optional<std::string> event_id;
  std::optional<std::string> error_code;
  std::optional<std::string> error_message;
};

template <typename T>
struct Listed {
  std::vector<T> items;
  std::optional<std::string> next_token;
};

class EventsService {
 public:
  EventsService(ServiceDeps& deps, EventBus& bus);
  // Registers the scheduled-rule handler. Call once before the scheduler starts.
  void register_work();

  // Buses.
  store::BusRow create_event_bus(const RequestContext& ctx, const CreateEventBusRequest& r);
  store::BusRow describe_event_bus(const RequestContext& ctx,
                                   const std::optional<std::string>& name);
  Listed<store::BusRow> list_event_buses(const RequestContext& ctx,
                                         const std::optional<std::string>& prefix,
                                         const Page& page);
  void delete_event_bus(const RequestContext& ctx, const std::string& name);

  // Tags (buses and rules).
  void tag_resource(const RequestContext& ctx, const std::string& arn, const Tags& tags);
  void untag_resource(const RequestContext& ctx, const std::string& arn,
                      const std::vector<std::string>& keys);
  Tags list_tags(const RequestContext& ctx, const std::string& arn);

  // Rules.
  std::string put_rule(const RequestContext& ctx, const PutRuleRequest& r);
  store::RuleRow describe_rule(const RequestContext& ctx, const RuleRef2& r);
  Listed<store::RuleRow> list_rules(const RequestContext& ctx,
                                    const std::optional<std::string>& prefix,
                                    const std::optional<std::string>& bus, const Page& page);
  void delete_rule(const RequestContext& ctx, const RuleRef2& r, bool force);
  void set_rule_state(const RequestContext& ctx, const RuleRef2& r, bool enabled);

  // Targets.
  std::vector<FailedEntry> put_targets(const RequestContext& ctx, const RuleRef2& rule,
                                       const std::vector<nlohmann::json>& targets);
  std::vector<FailedEntry> remove_targets(const RequestContext& ctx, const RuleRef2& rule,
                                          const std::vector<std::string>& ids, bool force);
  Listed<store::TargetRow> list_targets_by_rule(const RequestContext& ctx, const RuleRef2& rule,
                                                const Page& page);
  Listed<std::string> list_rule_names_by_target(const RequestContext& ctx,
                                                const std::string& target_arn,
                                                const std::optional<std::string>& bus,
                                                const Page& page);

  // Events.
  std::vector<PutEventsResultEntry> put_events(const RequestContext& ctx,
                                               const std::vector<PutEventsEntry>& entries);
  bool test_event_pattern(const std::string& pattern, const std::string& event);

 private:
  std::string require_bus(store::Transaction& tx, const RequestContext& ctx,
                          const std::optional<std::string>& name_or_arn);
  store::RuleRow require_rule(store::Transaction& tx, const RequestContext& ctx, const RuleRef2& r,
                              std::string& bus);
  void arm_schedule(store::Transaction& tx, const store::RuleRow& rule, int64_t now);
  void fire_schedule(store::Transaction& tx, const store::WorkItem& item);

  ServiceDeps& deps_;
  EventBus& bus_;
};

}  // namespace ebs::events
