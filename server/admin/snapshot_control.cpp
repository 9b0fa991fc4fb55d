#include "admin/snapshot_control.hpp"

#include "admin/admin_api.hpp"
#include "core/aws_error.hpp"
#include "core/time_format.hpp"
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

protocol::HttpResponse error_response(const AwsError& e) {
  int status = e.code() == "InvalidSnapshot.NotFound" ? 404 : 409;
  return json_response(nlohmann::json{{"error", e.code()}, {"message", e.message()}}, status);
}

}  // namespace

void register_snapshot_control(protocol::RestApi& api, ebs::ec2::SnapshotService& snapshots) {
  api.add("POST", "/_emulator/snapshots/{SnapshotId}/complete",
          [&snapshots](const protocol::RestRequest& req, const RequestContext&) {
            try {
              return json_response(describe(snapshots.complete_now(req.path.at("SnapshotId"))));
            } catch (const AwsError& e) {
              return error_response(e);
            }
          });
  api.add("POST", "/_emulator/snapshots/{SnapshotId}/fail",
          [&snapshots](const protocol::RestRequest& req, const RequestContext&) {
            std::string cause = "Snapshot creation failed";
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
              return json_response(describe(snapshots.fail_now(req.path.at("SnapshotId"), cause)));
            } catch (const AwsError& e) {
              return error_response(e);
            }
          });
}

}  // namespace ebs::admin
