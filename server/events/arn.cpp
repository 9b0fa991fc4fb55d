#include "events/arn.hpp"

namespace ebs::events {

std::optional<Arn> parse_arn(const std::string& text) {
  if (text.rfind("arn:", 0) != 0) return std::nullopt;
  Arn arn;
  std::string* parts[] = {&arn.partition, &arn.service, &arn.region, &arn.account};
  size_t pos = 4;
  for (auto* part : parts) {
    size_t colon = text.find(':', pos);
    if (colon == std::string::npos) return std::nullopt;
    *part = text.substr(pos, colon - pos);
    pos = colon + 1;
  }
  arn.resource = text.substr(pos);
  return arn;
}

std::string bus_arn(const std::string& region, const std::string& account, const std::string& bus) {
  return "arn:aws:events:" + region + ":" + account + ":event-bus/" + bus;
}

std::string rule_arn(const std::string& region, const std::string& account, const std::string& bus,
                     const std::string& rule) {
  std::string base = "arn:aws:events:" + region + ":" + account + ":rule/";
  return bus == "default" ? base + rule : base + bus + "/" + rule;
}

std::string bus_name_of(const std::optional<std::string>& name_or_arn) {
  if (!name_or_arn || name_or_arn->empty()) return "default";
  if (auto arn = parse_arn(*name_or_arn)) {
    if (arn->resource.rfind("event-bus/", 0) == 0) return arn->resource.substr(10);
  }
  return *name_or_arn;
}

}  // namespace ebs::events
