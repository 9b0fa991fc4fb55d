// Codecs of the event bus and tag actions: CreateEventBus, DescribeEventBus, ListEventBuses,
// DeleteEventBus, TagResource, UntagResource, ListTagsForResource.
#include "events/events_service.hpp"
#include "protocol/events/events_api.hpp"
#include "protocol/events/events_json.hpp"

namespace ebs::protocol::events {
namespace {

using ebs::events::EventsService;
using json = nlohmann::json;

json bus_json(const store::BusRow& b, bool describe) {
  json out;
  out["Name"] = b.name;
  out["Arn"] = b.arn;
  if (b.description) out["Description"] = *b.description;
  if (b.created_at) out["CreationTime"] = epoch_seconds(b.created_at);
  if (b.modified_at) out["LastModifiedTime"] = epoch_seconds(b.modified_at);
  (void)describe;
  return out;
}

}  // namespace

void register_bus_actions(JsonApi& api, EventsService& s) {
  api.add("AWSEvents.CreateEventBus", [&s](const json& in, const RequestContext& ctx) {
    ebs::events::CreateEventBusRequest r;
    r.name = req_string(in, "Name", "name");
    r.event_source_name = opt_string(in, "EventSourceName");
    r.description = opt_string(in, "Description");
    r.tags = tags(in);
    auto row = s.create_event_bus(ctx, r);
    json out{{"EventBusArn", row.arn}};
    if (row.description) out["Description"] = *row.description;
    return out;
  });
  api.add("AWSEvents.DescribeEventBus", [&s](const json& in, const RequestContext& ctx) {
    return bus_json(s.describe_event_bus(ctx, opt_string(in, "Name")), true);
  });
  api.add("AWSEvents.ListEventBuses", [&s](const json& in, const RequestContext& ctx) {
    auto listed = s.list_event_buses(ctx, opt_string(in, "NamePrefix"), page(in));
    json out;
    out["EventBuses"] = json::array();
    for (const auto& b : listed.items) out["EventBuses"].push_back(bus_json(b, false));
    if (listed.next_token) out["NextToken"] = *listed.next_token;
    return out;
  });
  api.add("AWSEvents.DeleteEventBus", [&s](const json& in, const RequestContext& ctx) {
    s.delete_event_bus(ctx, req_string(in, "Name", "name"));
    return json::object();
  });
  api.add("AWSEvents.TagResource", [&s](const json& in, const RequestContext& ctx) {
    s.tag_resource(ctx, req_string(in, "ResourceARN", "resourceARN"), tags(in));
    return json::object();
  });
  api.add("AWSEvents.UntagResource", [&s](const json& in, const RequestContext& ctx) {
    s.untag_resource(ctx, req_string(in, "ResourceARN", "resourceARN"), string_list(in, "TagKeys"));
    return json::object();
  });
  api.add("AWSEvents.ListTagsForResource", [&s](const json& in, const RequestContext& ctx) {
    json out;
    out["Tags"] = json::array();
    for (const auto& [k, v] : s.list_tags(ctx, req_string(in, "ResourceARN", "resourceARN"))) {
      out["Tags"].push_back({{"Key", k}, {"Value", v}});
    }
    return out;
  });
}

}  // namespace ebs::protocol::events
