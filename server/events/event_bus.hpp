// EventBus: the EventSink of the emulator and the heart of EventBridge. publish() runs inside the
// transaction that causes the event: it records the event (the `events` table, read by
// /_emulator/events), matches it against the compiled rule set of its bus (kept in memory per
// account/region/bus, rebuilt lazily after a rule changes), and writes one delivery row per target
// of every matching ENABLED rule, with the target's input already rendered: the outbox. After the
// transaction commits, the outbox listener (the DeliveryEngine) is woken.
//
// Thread-safety: publish() is called with the database mutex held (inside a Transaction); the rule
// cache has its own mutex, so invalidate() may be called from any thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "core/event_sink.hpp"
#include "store/events/rule_table.hpp"

namespace ebs::events {

class EventBus : public EventSink {
 public:
  // Buses an event may cross (bus targets forwarding to other buses) before it is dropped as a
  // loop.
  static constexpr int kMaxHops = 5;

  explicit EventBus(Clock& clock);
  ~EventBus() override;

  void publish(store::Transaction& tx, const std::string& account, const std::string& region,
               const std::string& bus_name, const nlohmann::ordered_json& event) override;
  // publish() for an event that already crossed `hop` buses (bus-to-bus delivery).
  void publish_hop(store::Transaction& tx, const std::string& account, const std::string& region,
                   const std::string& bus_name, const nlohmann::ordered_json& event, int hop);
  // A scheduled rule fired: the event goes to that rule's targets only (no matching).
  void publish_to_rule(store::Transaction& tx, const store::RuleRow& rule,
                       const nlohmann::ordered_json& event);
  // Drops every cached rule set (after a fixture load or a reset changed rules directly).
  void invalidate_all();
  // A rule of this bus changed (put, delete, enable, disable): its rule set is rebuilt on next use.
  void invalidate(const std::string& account, const std::string& region, const std::string& bus);
  // Called (outside the transaction) after a transaction that wrote deliveries commits.
  void set_outbox_listener(std::function<void()> listener) { listener_ = std::move(listener); }

 private:
  struct BusRules;
  std::shared_ptr<const BusRules> rules_for(store::Transaction& tx, const std::string& account,
                                            const std::string& region, const std::string& bus);
  void record(store::Transaction& tx, const std::string& account, const std::string& region,
              const std::string& bus, const nlohmann::ordered_json& event);
  size_t enqueue(store::Transaction& tx, const store::RuleRow& rule,
                 const nlohmann::ordered_json& event, int hop, int64_t now);

  Clock& clock_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const BusRules>> cache_;
  std::function<void()> listener_;
};

}  // namespace ebs::events
