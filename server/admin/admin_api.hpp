// The /_emulator/ admin API (JSON in, JSON out): health, the event log, and — as the issues land —
// deliveries, fixtures, state export, reset, clock and fault control. Each group of endpoints
// registers itself on the same RestApi.
#pragma once

#include "core/services.hpp"
#include "protocol/rest_api.hpp"

namespace ebs::admin {

protocol::RestApi make_admin_api();
void register_health(protocol::RestApi& api, ServiceDeps& deps);
void register_event_log(protocol::RestApi& api, ServiceDeps& deps);

// Helpers for endpoint files.
protocol::HttpResponse json_response(const nlohmann::json& body, int status = 200);
protocol::HttpResponse json_response(const nlohmann::ordered_json& body, int status = 200);

}  // namespace ebs::admin
