// The "kms" module's schema: KMS keys, their tags, and aliases, per account and region.
#pragma once

#include "store/migrations.hpp"

namespace ebs::store {

ModuleSchema kms_schema();

}  // namespace ebs::store
