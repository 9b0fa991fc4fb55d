// The EventBridge endpoints of the admin API: GET /_emulator/deliveries (every delivery of an event
// to a target: status, attempts with their status code or error, dead-letter attributes, the
// payload sent). (GET /_emulator/events stays in admin_api.cpp.)
#pragma once

#include "core/services.hpp"
#include "protocol/rest_api.hpp"

namespace ebs::admin {

void register_deliveries(protocol::RestApi& api, ServiceDeps& deps);

}  // namespace ebs::admin
