// The EC2 tables: volumes, attachments, volume modifications, instances, snapshots and their
// sharing permissions, tags. State is partitioned by account and region as AWS partitions it; every
// lookup that users filter on has an index.
#pragma once

#include "store/migrations.hpp"

namespace ebs::store {

ModuleSchema ec2_schema();

}  // namespace ebs::store
