#include "core/event_sink.hpp"

#include "core/time_format.hpp"

namespace ebs {

nlohmann::ordered_json make_event(IdGenerator& ids, const std::string& source,
                                  const std::string& detail_type, const std::string& account,
                                  const std::string& region, int64_t time_ms,
                                  const std::vector<std::string>& resources,
                                  nlohmann::ordered_json detail) {
  nlohmann::ordered_json event;
  event["version"] = "0";
  event["id"] = ids.uuid();
  event["detail-type"] = detail_type;
  event["source"] = source;
  event["account"] = account;
  event["time"] = iso8601_s(time_ms);
  event["region"] = region;
  event["resources"] = resources;
  event["detail"] = std::move(detail);
  return event;
}

}  // namespace ebs
