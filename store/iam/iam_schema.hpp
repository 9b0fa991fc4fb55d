// The iam module's tables: roles, customer managed policies and role-policy attachments, per
// account (IAM is global: no region).
#pragma once

#include "store/migrations.hpp"

namespace ebs::store {

ModuleSchema iam_schema();

}  // namespace ebs::store
