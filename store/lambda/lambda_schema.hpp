// The lambda module's tables: functions (configuration, code as its base64 zip, resource policy)
// and the invocation log read by /_emulator/invocations.
#pragma once

#include "store/migrations.hpp"

namespace ebs::store {

ModuleSchema lambda_schema();

}  // namespace ebs::store
