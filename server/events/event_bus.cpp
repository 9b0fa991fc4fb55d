#include "events/event_bus.hpp"

#include <spdlog/spdlog.h>

#include "events/input_transform.hpp"
#include "events/pattern/pattern.hpp"
#include "store/events/delivery_table.hpp"
#include "store/events/event_table.hpp"
#include "store/events/target_table.hpp"

namespace ebs::events {

struct EventBus::BusRules {
  pattern::RuleSet set;
  std::map<std::string, store::RuleRow> rules;  // by rule ARN
};

namespace {
std::string cache_key(const std::string& account, const std::string& region,
                      const std::string& bus) {
  return account + "|" + region + "|" + bus;
}
}  // namespace

EventBus::EventBus(Clock& clock) : clock_(clock) {}
EventBus::~EventBus() = default;

void EventBus::invalidate_all() {
  std::lock_guard lock(mu_);
  cache_.clear();
}

void EventBus::invalidate(const std::string& account, const std::string& region,
                          const std::string& bus) {
  std::lock_guard lock(mu_);
  cache_.erase(cache_key(account, region, bus));
}

std::shared_ptr<const EventBus::BusRules> EventBus::rules_for(store::Transaction& tx,
                                                              const std::string& account,
                                                              const std::string& region,
                                                              const std::string& bus) {
  std::string key = cache_key(account, region, bus);
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto built = std::make_shared<BusRules>();
  for (auto& rule : store::RuleTable::list(tx, account, region, bus, "")) {
    if (rule.state == "DISABLED" || !rule.event_pattern) continue;
    auto compiled = pattern::compile(*rule.event_pattern);
    if (!compiled.pattern) {
      spdlog::warn("rule {}: stored pattern no longer compiles: {}", rule.arn, compiled.error);
      continue;
    }
    built->set.add(rule.arn, compiled.pattern);
    built->rules.emplace(rule.arn, std::move(rule));
  }
  std::lock_guard lock(mu_);
  cache_[key] = built;
  return built;
}

void EventBus::record(store::Transaction& tx, const std::string& account, const std::string& region,
                      const std::string& bus, const nlohmann::ordered_json& event) {
  store::EventRow row;
  row.event_id = event.value("id", "");
  row.account = account;
  row.region = region;
  row.bus = bus;
  row.source = event.value("source", "");
  row.detail_type = event.value("detail-type", "");
  row.received_at = clock_.now_ms();
  row.json = event.dump();
  store::EventTable::insert(tx, row);
  spdlog::debug("event {} on {}/{}/{}: {} {}", row.event_id, account, region, bus, row.source,
                row.detail_type);
}

size_t EventBus::enqueue(store::Transaction& tx, const store::RuleRow& rule,
                         const nlohmann::ordered_json& event, int hop, int64_t now) {
  size_t written = 0;
  for (const auto& target :
       store::TargetTable::for_rule(tx, rule.account, rule.region, rule.bus, rule.name)) {
    auto target_json = nlohmann::json::parse(target.json, nullptr, false);
    if (target_json.is_discarded()) continue;
    store::DeliveryRow d;
    d.event_id = event.value("id", "");
    d.account = rule.account;
    d.region = rule.region;
    d.bus = rule.bus;
    d.rule_arn = rule.arn;
    d.target_id = target.target_id;
    d.target_arn = target.arn;
    d.target_json = target.json;
    // Bus targets receive the event itself; others the rendered input.
    bool bus_target = target.arn.find(":event-bus/") != std::string::npos &&
                      target.arn.rfind("arn:aws:events:", 0) == 0;
    d.payload = bus_target ? event.dump()
                           : render_target_input(target_json, event, {rule.arn, rule.name}, now);
    d.hop = hop;
    d.status = "pending";
    d.created_at = now;
    d.next_attempt_at = now;
    d.updated_at = now;
    store::DeliveryTable::insert(tx, d);
    ++written;
  }
  return written;
}

void EventBus::publish(store::Transaction& tx, const std::string& account,
                       const std::string& region, const std::string& bus_name,
                       const nlohmann::ordered_json& event) {
  publish_hop(tx, account, region, bus_name, event, 0);
}

void EventBus::publish_hop(store::Transaction& tx, const std::string& account,
                           const std::string& region, const std::string& bus_name,
                           const nlohmann::ordered_json& event, int hop) {
  record(tx, account, region, bus_name, event);
  auto rules = rules_for(tx, account, region, bus_name);
  if (rules->set.size() == 0) return;
  auto plain = nlohmann::json::parse(event.dump());
  auto matched = rules->set.match(plain);
  if (matched.empty()) return;
  int64_t now = clock_.now_ms();
  size_t written = 0;
  for (const auto& arn : matched) {
    auto it = rules->rules.find(arn);
    if (it != rules->rules.end()) written += enqueue(tx, it->second, event, hop, now);
  }
  if (written && listener_) tx.after_commit(listener_);
}

void EventBus::publish_to_rule(store::Transaction& tx, const store::RuleRow& rule,
                               const nlohmann::ordered_json& event) {
  record(tx, rule.account, rule.region, rule.bus, event);
  if (enqueue(tx, rule, event, 0, clock_.now_ms()) && listener_) tx.after_commit(listener_);
}

}  // namespace ebs::events
