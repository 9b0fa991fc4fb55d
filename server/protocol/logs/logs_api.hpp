// The CloudWatch Logs JSON 1.1 actions (`X-Amz-Target: Logs_20140328.<Action>`), registered on the
// shared JsonApi.
#pragma once

#include "logs/log_service.hpp"
#include "protocol/json_api.hpp"

namespace ebs::protocol::logs {

void register_log_actions(JsonApi& api, ebs::logs::LogService& service);

}  // namespace ebs::protocol::logs
