#include "admin/snapshot_control.hpp"

#include "admin/pending_control.hpp"
#include "ec2/snapshot_service.hpp"

namespace ebs::admin {
namespace {

nlohmann::ordered_json describe(const ebs::ec2::SnapshotView& v) {
  nlohmann::ordered_json j;
  j["snapshotId"] = v.row.snapshot_id;
  j["state"] = v.row.state;
  j["statusMessage"] = v.row.status_message;
  j["progress"] = std::to_string(v.progress) + "%";
  j["ownerId"] = v.row.account;
  j["region"] = v.row.region;
  return j;
}

}  // namespace

void register_snapshot_control(protocol::RestApi& api, ebs::ec2::SnapshotService& snapshots) {
  register_pending_control(
      api, {"/_emulator/snapshots/{SnapshotId}", "SnapshotId", "InvalidSnapshot.NotFound",
            "Snapshot creation failed",
            [&snapshots](const std::string& id) { return describe(snapshots.complete_now(id)); },
            [&snapshots](const std::string& id, const std::string& cause) {
              return describe(snapshots.fail_now(id, cause));
            }});
}

}  // namespace ebs::admin
