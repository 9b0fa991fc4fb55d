// The EventBridge JSON 1.1 API (`X-Amz-Target: AWSEvents.<Op>`): registration of every action codec
// (one file per group: decode the request object into the service's typed request, encode the
// result).
#pragma once

#include "protocol/json_api.hpp"

namespace ebs::events {
class EventsService;
class ConnectionService;
}  // namespace ebs::events

namespace ebs::protocol::events {

void register_bus_actions(JsonApi& api, ebs::events::EventsService& service);
void register_rule_actions(JsonApi& api, ebs::events::EventsService& service);
void register_target_actions(JsonApi& api, ebs::events::EventsService& service);
void register_put_events_actions(JsonApi& api, ebs::events::EventsService& service);
void register_connection_actions(JsonApi& api, ebs::events::ConnectionService& service);

}  // namespace ebs::protocol::events
