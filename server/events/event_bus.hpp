// EventBus: the EventSink of the emulator. It records every event put on a bus (the `events` table,
// read by /_emulator/events). Rule matching and the delivery outbox plug in here (see architecture.md).
#pragma once

#include "core/clock.hpp"
#include "core/event_sink.hpp"

namespace ebs::events {

class EventBus : public EventSink {
 public:
  explicit EventBus(Clock& clock) : clock_(clock) {}
  void publish(store::Transaction& tx, const std::string& account, const std::string& region,
               const std::string& bus_name, const nlohmann::ordered_json& event) override;

 private:
  Clock& clock_;
};

}  // namespace ebs::events
