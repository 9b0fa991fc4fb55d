// Target input: what a target receives for a matched event. Nothing set -> the event JSON; `Input`
// -> that constant; `InputPath` -> a JSONPath extract; `InputTransformer` -> InputPathsMap
// variables filled into InputTemplate with AWS's quoting rules (see docs/eventbridge.md):
// - in a template that is JSON (starts with `{` or `[`), a placeholder outside quotes becomes the
// JSON
//   value (strings quoted), one inside a quoted string is inserted raw (unescaped);
// - in any other template (a quoted string or plain text) placeholders are inserted raw;
// - the predefined <aws.events.rule-arn>, <aws.events.rule-name>,
// <aws.events.event.ingestion-time>,
//   <aws.events.event> (the event without detail) and <aws.events.event.json> are always available;
// - a path missing from the event defines no variable: it renders as null outside quotes and as
//   nothing inside them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ebs::events {

// `$`, `$.a.b`, `$.a[0].b`, `$['a']`; nullopt when the path does not resolve (or is malformed).
std::optional<nlohmann::ordered_json> json_path(const nlohmann::ordered_json& doc,
                                                std::string_view path);
bool valid_json_path(std::string_view path);

struct RuleRef {
  std::string arn;
  std::string name;
};

// The payload for `target` (a PutTargets Target object) when `event` matched `rule`.
std::string render_target_input(const nlohmann::json& target, const nlohmann::ordered_json& event,
                                const RuleRef& rule, int64_t ingestion_ms);

// Fills an InputTemplate (exposed for unit tests).
std::string fill_template(std::string_view input_template, const nlohmann::json& input_paths_map,
                          const nlohmann::ordered_json& event, const RuleRef& rule,
                          int64_t ingestion_ms);

// PutTargets validation of Input / InputPath / InputTransformer; returns the ValidationException
// message, or nullopt when valid.
std::optional<std::string> validate_target_input(const nlohmann::json& target,
                                                 const std::string& target_id);

}  // namespace ebs::events
