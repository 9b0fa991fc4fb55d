// EventSink: where services put the events they emit (the EventBridge bus implements it). publish()
// is called inside the transaction that causes the event, so the event, its matching and its
// deliveries (the outbox) commit or roll back together with the state change.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "store/transaction.hpp"

namespace ebs {

class EventSink {
 public:
  virtual ~EventSink() = default;
  // `event` is the complete envelope (version, id, detail-type, source, account, time, region,
  // resources, detail) in AWS's key order.
  virtual void publish(store::Transaction& tx, const std::string& account,
                       const std::string& region, const std::string& bus_name,
                       const nlohmann::ordered_json& event) = 0;
};

// Builds an AWS service event envelope in AWS's key order.
nlohmann::ordered_json make_event(IdGenerator& ids, const std::string& source,
                                  const std::string& detail_type, const std::string& account,
                                  const std::string& region, int64_t time_ms,
                                  const std::vector<std::string>& resources,
                                  nlohmann::ordered_json detail);

}  // namespace ebs
