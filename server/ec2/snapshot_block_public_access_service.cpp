#include "ec2/snapshot_block_public_access_service.hpp"

#include <spdlog/spdlog.h>

#include "ec2/snapshot_bpa_events.hpp"
#include "store/ec2/snapshot_block_public_access_table.hpp"

namespace ebs::ec2 {

SnapshotBlockPublicAccessService::SnapshotBlockPublicAccessService(ServiceDeps& deps)
    : deps_(deps) {}

std::string SnapshotBlockPublicAccessService::enable(const RequestContext& ctx,
                                                     const std::optional<std::string>& state,
                                                     bool dry_run) {
  if (!state) throw AwsError::missing_parameter("State");
  if (*state != "block-all-sharing" && *state != "block-new-sharing") {
    // [obs] real AWS, boto3 issue 3942 (State=unblocked).
    throw AwsError("InvalidRequest", "Value '" + *state +
                                         "' for State is not valid. Valid values are "
                                         "'block-all-sharing' and 'block-new-sharing'.");
  }
  if (dry_run) throw AwsError::dry_run();
  return set(ctx, *state);
}

std::string SnapshotBlockPublicAccessService::disable(const RequestContext& ctx, bool dry_run) {
  if (dry_run) throw AwsError::dry_run();
  return set(ctx, "unblocked");
}

std::string SnapshotBlockPublicAccessService::set(const RequestContext& ctx,
                                                  const std::string& state) {
  store::Transaction tx(deps_.db);
  auto before = store::SnapshotBlockPublicAccessTable::state(tx, ctx.account, ctx.region);
  store::SnapshotBlockPublicAccessTable::set(tx, ctx.account, ctx.region, state);
  publish_block_public_access(deps_, tx, ctx.account, ctx.region, state);
  bool all_before = before == "block-all-sharing", all_now = state == "block-all-sharing";
  if (all_before != all_now && on_change_) on_change_(tx, ctx.account, ctx.region);
  tx.commit();
  spdlog::debug("snapshot block public access {} {}: {}", ctx.account, ctx.region, state);
  return state;
}

SnapshotBlockPublicAccessState SnapshotBlockPublicAccessService::get(const RequestContext& ctx,
                                                                     bool dry_run) {
  if (dry_run) throw AwsError::dry_run();
  store::Transaction tx(deps_.db);
  SnapshotBlockPublicAccessState out;
  out.state = store::SnapshotBlockPublicAccessTable::state(tx, ctx.account, ctx.region);
  tx.commit();
  return out;
}

void SnapshotBlockPublicAccessService::check_public_sharing(store::Transaction& tx,
                                                            const std::string& account,
                                                            const std::string& region) {
  if (store::SnapshotBlockPublicAccessTable::state(tx, account, region) == "unblocked") return;
  // [inf] modelled on real AWS's refusal for AMIs ("You can't publicly share this image because
  // block public access for AMIs is enabled for this account. ..."); see docs/events.md.
  throw AwsError("OperationNotPermitted",
                 "You can't publicly share this snapshot because block public access for "
                 "snapshots is enabled for this account. To publicly share the snapshot, you must "
                 "call the DisableSnapshotBlockPublicAccess API.");
}

bool SnapshotBlockPublicAccessService::public_allowed(store::Transaction& tx,
                                                      const std::string& account,
                                                      const std::string& region) {
  return store::SnapshotBlockPublicAccessTable::state(tx, account, region) != "block-all-sharing";
}

}  // namespace ebs::ec2
