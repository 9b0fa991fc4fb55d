#include "admin/snapshot_tier_control.hpp"

#include "admin/pending_control.hpp"
#include "core/time_format.hpp"
#include "ec2/snapshot_tier_service.hpp"

namespace ebs::admin {
namespace {

nlohmann::ordered_json describe(const store::SnapshotTierRow& row) {
  nlohmann::ordered_json j;
  j["snapshotId"] = row.snapshot_id;
  j["storageTier"] = ebs::ec2::tier::tier_of(row);
  j["lastTieringOperationStatus"] = row.status;
  j["lastTieringOperationStatusDetail"] = row.status_detail;
  j["lastTieringStartTime"] = iso8601_ms(row.start_time);
  if (row.restore_expiry_time) j["restoreExpiryTime"] = iso8601_ms(*row.restore_expiry_time);
  return j;
}

}  // namespace

void register_snapshot_tier_control(protocol::RestApi& api, ebs::ec2::SnapshotTierService& tiers) {
  register_pending_control(
      api, {"/_emulator/snapshots/{SnapshotId}/tiering", "SnapshotId", "InvalidSnapshot.NotFound",
            "Snapshot tiering failed",
            [&tiers](const std::string& id) { return describe(tiers.complete_now(id)); },
            [&tiers](const std::string& id, const std::string& cause) {
              return describe(tiers.fail_now(id, cause));
            }});
}

}  // namespace ebs::admin
