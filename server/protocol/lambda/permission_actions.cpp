// Codecs of the resource-based policy actions: AddPermission, RemovePermission, GetPolicy.
#include "lambda/lambda_errors.hpp"
#include "protocol/lambda/lambda_api.hpp"

namespace ebs::protocol::lambda {
namespace {

std::string required(const nlohmann::json& body, const char* name, const char* field) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) {
    throw ebs::lambda::validation(std::string("1 validation error detected: Value null at '") +
                                  field +
                                  "' failed to satisfy constraint: Member must not be null");
  }
  return it->get<std::string>();
}

std::optional<std::string> opt_string(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

void register_permission_actions(RestApi& api, ebs::lambda::FunctionService& functions) {
  api.add("POST", "/2015-03-31/functions/{FunctionName}/policy",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            auto body = parse_body(req);
            ebs::lambda::AddPermissionRequest r;
            r.statement_id = required(body, "StatementId", "statementId");
            r.action = required(body, "Action", "action");
            r.principal = required(body, "Principal", "principal");
            r.source_arn = opt_string(body, "SourceArn");
            r.source_account = opt_string(body, "SourceAccount");
            r.event_source_token = opt_string(body, "EventSourceToken");
            r.principal_org_id = opt_string(body, "PrincipalOrgID");
            r.revision_id = opt_string(body, "RevisionId");
            auto statement = functions.add_permission(ctx, req.path.at("FunctionName"),
                                                      req.query.get("Qualifier"), r);
            return json_reply(201, nlohmann::ordered_json{{"Statement", statement}}, ctx);
          });
  api.add("DELETE", "/2015-03-31/functions/{FunctionName}/policy/{StatementId}",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            functions.remove_permission(ctx, req.path.at("FunctionName"),
                                        req.path.at("StatementId"), req.query.get("Qualifier"),
                                        req.query.get("RevisionId"));
            HttpResponse response;
            response.status = 204;
            response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
            return response;
          });
  api.add("GET", "/2015-03-31/functions/{FunctionName}/policy",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            auto [policy, revision] =
                functions.get_policy(ctx, req.path.at("FunctionName"), req.query.get("Qualifier"));
            return json_reply(
                200, nlohmann::ordered_json{{"Policy", policy}, {"RevisionId", revision}}, ctx);
          });
}

}  // namespace ebs::protocol::lambda
