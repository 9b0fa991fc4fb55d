#include "admin/fault_control.hpp"

#include <spdlog/spdlog.h>

#include "admin/admin_api.hpp"
#include "core/aws_error.hpp"

namespace ebs::admin {
namespace {

nlohmann::json all(ServiceDeps& deps) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : deps.faults.list()) items.push_back(r.to_json());
  return {{"faults", items}};
}

}  // namespace

void register_fault_control(protocol::RestApi& api, ServiceDeps& deps) {
  api.add("GET", "/_emulator/faults", [&deps](const protocol::RestRequest&, const RequestContext&) {
    return json_response(all(deps));
  });
  api.add("POST", "/_emulator/faults",
          [&deps](const protocol::RestRequest& req, const RequestContext&) {
            auto body = nlohmann::json::parse(req.http.body, nullptr, false);
            if (body.is_discarded())
              throw AwsError("InvalidRequest", "The body is not valid JSON.");
            std::vector<FaultRule> rules;
            if (body.is_array()) {
              for (size_t i = 0; i < body.size(); ++i) {
                try {
                  rules.push_back(FaultRule::from_json(body[i]));
                } catch (const AwsError& e) {
                  throw AwsError(e.code(), "[" + std::to_string(i) + "]: " + e.message());
                }
              }
            } else {
              rules.push_back(FaultRule::from_json(body));
            }
            nlohmann::json ids = nlohmann::json::array();
            for (auto& r : rules) {
              ids.push_back(deps.faults.add(r));
              spdlog::info("fault {} added ({} {})", ids.back().get<std::string>(), r.kind,
                           r.kind == "api"        ? r.action
                           : r.kind == "snapshot" ? r.volume_id + r.snapshot_id
                                                  : r.target_id + r.target_arn);
            }
            auto out = all(deps);
            out["added"] = ids;
            return json_response(out, 201);
          });
  api.add("DELETE", "/_emulator/faults/{id}",
          [&deps](const protocol::RestRequest& req, const RequestContext&) {
            if (!deps.faults.remove(req.path.at("id"))) {
              throw AwsError("NotFound", "No fault with id " + req.path.at("id"), 404);
            }
            return json_response(all(deps));
          });
  api.add("DELETE", "/_emulator/faults",
          [&deps](const protocol::RestRequest&, const RequestContext&) {
            deps.faults.clear();
            return json_response(all(deps));
          });
}

}  // namespace ebs::admin
