#include "ec2/owned_snapshot.hpp"

#include "ec2/ec2_errors.hpp"

namespace ebs::ec2 {

void check_snapshot_id(const std::string& id) {
  if (id.rfind("snap-", 0) != 0) throw snapshot_id_malformed(id);
}

store::SnapshotRow owned_snapshot(store::Transaction& tx, const RequestContext& ctx,
                                  const std::string& snapshot_id) {
  check_snapshot_id(snapshot_id);
  auto row = store::SnapshotTable::by_id(tx, snapshot_id);
  if (!row || row->region != ctx.region || row->account != ctx.account) {
    throw snapshot_not_found(snapshot_id);
  }
  return *row;
}

}  // namespace ebs::ec2
