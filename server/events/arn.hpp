// ARNs of EventBridge resources (buses, rules, connections, API destinations) and a small ARN
// parser used to route deliveries by target kind.
#pragma once

#include <optional>
#include <string>

namespace ebs::events {

struct Arn {
  std::string partition, service, region, account, resource;  // resource: "event-bus/name", ...
};
std::optional<Arn> parse_arn(const std::string& text);

std::string bus_arn(const std::string& region, const std::string& account, const std::string& bus);
// rule/<name> on the default bus, rule/<bus>/<name> on a custom bus.
std::string rule_arn(const std::string& region, const std::string& account, const std::string& bus,
                     const std::string& rule);
// EventBusName accepts a name or a bus ARN; returns the name (default "default").
std::string bus_name_of(const std::optional<std::string>& name_or_arn);

}  // namespace ebs::events
