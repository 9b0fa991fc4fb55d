// /_emulator/faults: list, add (one rule or a list), remove one, or clear injected faults.
#pragma once

#include "core/services.hpp"
#include "protocol/rest_api.hpp"

namespace ebs::admin {

void register_fault_control(protocol::RestApi& api, ServiceDeps& deps);

}  // namespace ebs::admin
