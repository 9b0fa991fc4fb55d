// The logs module's tables: CloudWatch Logs log groups, log streams and log events.
#pragma once

#include "store/migrations.hpp"

namespace ebs::store {

ModuleSchema logs_schema();

}  // namespace ebs::store
