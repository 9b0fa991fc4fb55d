// Codecs of the connection and API destination actions: Create/Describe/List/Update/Delete/
// DeauthorizeConnection, Create/Describe/List/Update/DeleteApiDestination.
#include "events/connection_service.hpp"
#include "protocol/events/events_api.hpp"
#include "protocol/events/events_json.hpp"

namespace ebs::protocol::events {

void register_connection_actions(JsonApi& api, ebs::events::ConnectionService& s) {
  using json = nlohmann::json;
  api.add("AWSEvents.CreateConnection",
          [&s](const json& in, const RequestContext& ctx) { return s.create_connection(ctx, in); });
  api.add("AWSEvents.UpdateConnection",
          [&s](const json& in, const RequestContext& ctx) { return s.update_connection(ctx, in); });
  api.add("AWSEvents.DescribeConnection", [&s](const json& in, const RequestContext& ctx) {
    return s.describe_connection(ctx, req_string(in, "Name", "name"));
  });
  api.add("AWSEvents.ListConnections",
          [&s](const json& in, const RequestContext& ctx) { return s.list_connections(ctx, in); });
  api.add("AWSEvents.DeleteConnection", [&s](const json& in, const RequestContext& ctx) {
    return s.delete_connection(ctx, req_string(in, "Name", "name"));
  });
  api.add("AWSEvents.DeauthorizeConnection", [&s](const json& in, const RequestContext& ctx) {
    return s.deauthorize_connection(ctx, req_string(in, "Name", "name"));
  });
  api.add("AWSEvents.CreateApiDestination", [&s](const json& in, const RequestContext& ctx) {
    return s.create_api_destination(ctx, in);
  });
  api.add("AWSEvents.UpdateApiDestination", [&s](const json& in, const RequestContext& ctx) {
    return s.update_api_destination(ctx, in);
  });
  api.add("AWSEvents.DescribeApiDestination", [&s](const json& in, const RequestContext& ctx) {
    return s.describe_api_destination(ctx, req_string(in, "Name", "name"));
  });
  api.add("AWSEvents.ListApiDestinations", [&s](const json& in, const RequestContext& ctx) {
    return s.list_api_destinations(ctx, in);
  });
  api.add("AWSEvents.DeleteApiDestination", [&s](const json& in, const RequestContext& ctx) {
    return s.delete_api_destination(ctx, req_string(in, "Name", "name"));
  });
}

}  // namespace ebs::protocol::events
