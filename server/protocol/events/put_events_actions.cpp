// Codecs of PutEvents and TestEventPattern.
#include "core/time_format.hpp"
#include "events/events_service.hpp"
#include "protocol/events/events_api.hpp"
#include "protocol/events/events_json.hpp"

namespace ebs::protocol::events {
namespace {

using ebs::events::EventsService;
using json = nlohmann::json;

ebs::events::PutEventsEntry decode_entry(const json& e) {
  if (!e.is_object()) throw serialization("Entries");
  ebs::events::PutEventsEntry out;
  if (auto it = e.find("Time"); it != e.end() && !it->is_null()) {
    // botocore sends epoch seconds; other SDKs may send ISO-8601.
    if (it->is_number()) {
      out.time_ms = static_cast<int64_t>(it->get<double>() * 1000.0);
    } else if (it->is_string()) {
      out.time = it->get<std::string>();
      out.time_ms = parse_iso8601(*out.time);
      if (!out.time_ms) throw serialization("Time");
    } else {
      throw serialization("Time");
    }
  }
  out.source = opt_string(e, "Source");
  out.resources = string_list(e, "Resources");
  out.detail_type = opt_string(e, "DetailType");
  out.detail = opt_string(e, "Detail");
  out.event_bus_name = opt_string(e, "EventBusName");
  out.trace_header = opt_string(e, "TraceHeader");
  return out;
}

}  // namespace

void register_put_events_actions(JsonApi& api, EventsService& s) {
  api.add("AWSEvents.PutEvents", [&s](const json& in, const RequestContext& ctx) {
    std::vector<ebs::events::PutEventsEntry> entries;
    auto it = in.find("Entries");
    if (it == in.end() || it->is_null()) {
      throw AwsError("ValidationException",
                     "1 validation error detected: Value null at 'entries' failed to satisfy "
                     "constraint: Member must not be null");
    }
    if (!it->is_array()) throw serialization("Entries");
    for (const auto& e : *it) entries.push_back(decode_entry(e));
    auto results = s.put_events(ctx, entries);
    json out;
    size_t failed = 0;
    out["Entries"] = json::array();
    for (const auto& r : results) {
      json item = json::object();
      if (r.event_id) item["EventId"] = *r.event_id;
      if (r.error_code) {
        ++failed;
        item["ErrorCode"] = *r.error_code;
        item["ErrorMessage"] = r.error_message.value_or("");
      }
      out["Entries"].push_back(item);
    }
    out["FailedEntryCount"] = failed;
    return out;
  });
  api.add("AWSEvents.TestEventPattern", [&s](const json& in, const RequestContext&) {
    std::string pattern = req_string(in, "EventPattern", "eventPattern");
    std::string event = req_string(in, "Event", "event");
    return json{{"Result", s.test_event_pattern(pattern, event)}};
  });
}

}  // namespace ebs::protocol::events
