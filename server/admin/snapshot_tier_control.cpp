#include "admin/snapshot_tier_control.hpp"

#include "admin/admin_api.hpp"
#include "core/aws_error.hpp"
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

protocol::HttpResponse error_response(const AwsError& e) {
  int status = e.code() == "InvalidSnapshot.NotFound" ? 404 : 409;
  return json_response(nlohmann::json{{"error", e.code()}, {"message", e.message()}}, status);
}

}  // namespace

void register_snapshot_tier_control(protocol::RestApi& api, ebs::ec2::SnapshotTierService& tiers) {
  api.add("POST", "/_emulator/snapshots/{SnapshotId}/tiering/complete",
          [&tiers](const protocol::RestRequest& req, const RequestContext&) {
            try {
              return json_response(describe(tiers.complete_now(req.path.at("SnapshotId"))));
            } catch (const AwsError& e) {
              return error_response(e);
            }
          });
  api.add("POST", "/_emulator/snapshots/{SnapshotId}/tiering/fail",
          [&tiers](const protocol::RestRequest& req, const RequestContext&) {
            std::string cause = "Snapshot tiering failed";
            if (!req.http.body.empty()) {
              auto body = nlohmann::json::parse(req.http.body, nullptr, false);
              if (body.is_discarded() || !body.is_object()) {
                return json_response(nlohmann::json{{"error", "BadRequest"},
                                                    {"message", "body must be a JSON object"}},
                                     400);
              }
              if (body.contains("cause") && body["cause"].is_string()) cause = body["cause"];
            }
            try {
              return json_response(describe(tiers.fail_now(req.path.at("SnapshotId"), cause)));
            } catch (const AwsError& e) {
              return error_response(e);
            }
          });
}

}  // namespace ebs::admin
