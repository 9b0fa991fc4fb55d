#include "admin/pending_control.hpp"

#include <memory>

#include "admin/admin_api.hpp"
#include "core/aws_error.hpp"

namespace ebs::admin {

void register_pending_control(protocol::RestApi& api, PendingControl control) {
  auto c = std::make_shared<const PendingControl>(std::move(control));
  auto error_response = [c](const AwsError& e) {
    int status = e.code() == c->not_found_code ? 404 : 409;
    return json_response(nlohmann::json{{"error", e.code()}, {"message", e.message()}}, status);
  };
  api.add("POST", c->base + "/complete",
          [c, error_response](const protocol::RestRequest& req, const RequestContext&) {
            try {
              return json_response(c->complete(req.path.at(c->id_param)));
            } catch (const AwsError& e) {
              return error_response(e);
            }
          });
  api.add("POST", c->base + "/fail",
          [c, error_response](const protocol::RestRequest& req, const RequestContext&) {
            std::string cause = c->default_cause;
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
              return json_response(c->fail(req.path.at(c->id_param), cause));
            } catch (const AwsError& e) {
              return error_response(e);
            }
          });
}

}  // namespace ebs::admin
