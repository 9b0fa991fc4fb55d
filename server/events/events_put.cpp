// EventsService: PutEvents (entry validation and limits, then the internal publish path) and
// TestEventPattern (the pattern engine's test_event_pattern).
#include "core/time_format.hpp"
#include "events/arn.hpp"
#include "events/events_errors.hpp"
#include "events/events_service.hpp"
#include "events/pattern/pattern.hpp"
#include "store/events/bus_table.hpp"

namespace ebs::events {

namespace {
constexpr size_t kMaxEntries = 10;
constexpr size_t kMaxRequestBytes = 256 * 1024;

size_t entry_size(const PutEventsEntry& e) {
  size_t size = e.time || e.time_ms ? 14 : 0;
  if (e.source) size += e.source->size();
  if (e.detail_type) size += e.detail_type->size();
  if (e.detail) size += e.detail->size();
  for (const auto& r : e.resources) size += r.size();
  return size;
}

PutEventsResultEntry entry_error(const std::string& code, const std::string& message) {
  PutEventsResultEntry out;
  out.error_code = code;
  out.error_message = message;
  return out;
}
}  // namespace

std::vector<PutEventsResultEntry> EventsService::put_events(
    const RequestContext& ctx, const std::vector<PutEventsEntry>& entries) {
  if (entries.empty()) {
    throw validation(
        "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");
  }
  if (entries.size() > kMaxEntries) {
    throw validation(
        "1 validation error detected: Value '[PutEventsRequestEntry]' at 'entries' failed to "
        "satisfy constraint: Member must have length less than or equal to 10");
  }
  size_t total = 0;
  for (const auto& e : entries) total += entry_size(e);
  if (total > kMaxRequestBytes) {
    throw validation("Total size of the entries in the request is over the limit.");
  }
  std::vector<PutEventsResultEntry> results;
  store::Transaction tx(deps_.db);
  for (const auto& e : entries) {
    if (!e.source || e.source->empty()) {
      results.push_back(entry_error("InvalidArgument",
                                    "Parameter Source is not valid. Reason: Source is a required "
                                    "argument."));
      continue;
    }
    if (!e.detail_type || e.detail_type->empty()) {
      results.push_back(entry_error("InvalidArgument",
                                    "Parameter DetailType is not valid. Reason: DetailType is a "
                                    "required argument."));
      continue;
    }
    if (!e.detail || e.detail->empty()) {
      results.push_back(entry_error("InvalidArgument",
                                    "Parameter Detail is not valid. Reason: Detail is a required "
                                    "argument."));
      continue;
    }
    if (e.detail_type->size() > 128) {
      results.push_back(entry_error("InvalidArgument",
                                    "Parameter DetailType is not valid. Reason: DetailType is "
                                    "longer than 128 characters."));
      continue;
    }
    auto detail = nlohmann::ordered_json::parse(*e.detail, nullptr, false);
    if (detail.is_discarded() || !detail.is_object()) {
      results.push_back(entry_error("MalformedDetail", "Detail is malformed."));
      continue;
    }
    if (e.source->rfind("aws.", 0) == 0) {
      results.push_back(
          entry_error("NotAuthorizedForSourceException", "Not authorized for the source."));
      continue;
    }
    std::string bus = bus_name_of(e.event_bus_name);
    if (bus != "default" && !store::BusTable::get(tx, ctx.account, ctx.region, bus)) {
      results.push_back(
          entry_error("ResourceNotFoundException", "Event bus " + bus + " does not exist."));
      continue;
    }
    int64_t time_ms = ctx.now_ms;
    if (e.time_ms) time_ms = *e.time_ms;
    auto event = make_event(deps_.ids, *e.source, *e.detail_type, ctx.account, ctx.region, time_ms,
                            e.resources, std::move(detail));
    bus_.publish(tx, ctx.account, ctx.region, bus, event);
    PutEventsResultEntry ok;
    ok.event_id = event["id"].get<std::string>();
    results.push_back(std::move(ok));
  }
  tx.commit();
  return results;
}

bool EventsService::test_event_pattern(const std::string& pattern_text,
                                       const std::string& event_text) {
  auto result = pattern::test_event_pattern(pattern_text, event_text);
  if (!result.error_code.empty()) throw AwsError(result.error_code, result.error_message);
  return result.matched;
}

}  // namespace ebs::events
