// ConnectionService: EventBridge connections (API key, basic and OAuth client-credentials
// authorization, kept with their secrets so deliveries can send them) and API destinations
// (InvocationEndpoint, HttpMethod, rate limit). Documents are kept in AWS's Describe shape plus the
// secret values; describe/list strip the secrets as AWS does.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "events/events_service.hpp"

namespace ebs::events {

class ConnectionService {
 public:
  explicit ConnectionService(ServiceDeps& deps) : deps_(deps) {}

  // Each takes and returns wire-shaped JSON documents (the request's members / the response).
  nlohmann::json create_connection(const RequestContext& ctx, const nlohmann::json& request);
  nlohmann::json update_connection(const RequestContext& ctx, const nlohmann::json& request);
  nlohmann::json describe_connection(const RequestContext& ctx, const std::string& name);
  nlohmann::json list_connections(const RequestContext& ctx, const nlohmann::json& request);
  nlohmann::json delete_connection(const RequestContext& ctx, const std::string& name);
  nlohmann::json deauthorize_connection(const RequestContext& ctx, const std::string& name);

  nlohmann::json create_api_destination(const RequestContext& ctx, const nlohmann::json& request);
  nlohmann::json update_api_destination(const RequestContext& ctx, const nlohmann::json& request);
  nlohmann::json describe_api_destination(const RequestContext& ctx, const std::string& name);
  nlohmann::json list_api_destinations(const RequestContext& ctx, const nlohmann::json& request);
  nlohmann::json delete_api_destination(const RequestContext& ctx, const std::string& name);

 private:
  ServiceDeps& deps_;
};

}  // namespace ebs::events
