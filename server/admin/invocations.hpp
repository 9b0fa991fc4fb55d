// /_emulator/invocations: every Lambda invocation (API Invoke, asynchronous, EventBridge target)
// with its event, result, error and log; and /_emulator/lambda/code/{account}/{region}/{name}, the
// download behind GetFunction's Code.Location.
#pragma once

#include "core/services.hpp"
#include "protocol/rest_api.hpp"

namespace ebs::admin {

void register_invocations(protocol::RestApi& api, ServiceDeps& deps);

}  // namespace ebs::admin
