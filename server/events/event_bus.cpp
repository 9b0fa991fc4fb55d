#include "events/event_bus.hpp"

#include <spdlog/spdlog.h>

#include "store/events/event_table.hpp"

namespace ebs::events {

void EventBus::publish(store::Transaction& tx, const std::string& account,
                       const std::string& region, const std::string& bus_name,
                       const nlohmann::ordered_json& event) {
  store::EventRow row;
  row.event_id = event.value("id", "");
  row.account = account;
  row.region = region;
  row.bus = bus_name;
  row.source = event.value("source", "");
  row.detail_type = event.value("detail-type", "");
  row.received_at = clock_.now_ms();
  row.json = event.dump();
  store::EventTable::insert(tx, row);
  spdlog::info("event {} on {}/{}/{}: {} {}", row.event_id, account, region, bus_name, row.source,
               row.detail_type);
}

}  // namespace ebs::events
