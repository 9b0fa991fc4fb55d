// Shared decoding helpers of the EventBridge codecs: typed member access with the
// SerializationException AWS answers for a wrong JSON type, Tags lists, paging members.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/aws_error.hpp"
#include "events/events_service.hpp"

namespace ebs::protocol::events {

inline AwsError serialization(const std::string& member) {
  return AwsError("SerializationException", "Unexpected value type for member " + member + ".");
}

inline std::optional<std::string> opt_string(const nlohmann::json& in, const char* key) {
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw serialization(key);
  return it->get<std::string>();
}

inline std::string req_string(const nlohmann::json& in, const char* key, const char* member) {
  auto v = opt_string(in, key);
  if (!v) {
    throw AwsError("ValidationException",
                   std::string("1 validation error detected: Value null at '") + member +
                       "' failed to satisfy constraint: Member must not be null");
  }
  return *v;
}

inline std::optional<int64_t> opt_int(const nlohmann::json& in, const char* key) {
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) throw serialization(key);
  return it->get<int64_t>();
}

inline bool opt_bool(const nlohmann::json& in, const char* key) {
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return false;
  if (!it->is_boolean()) throw serialization(key);
  return it->get<bool>();
}

inline ebs::events::Tags tags(const nlohmann::json& in, const char* key = "Tags") {
  ebs::events::Tags out;
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return out;
  if (!it->is_array()) throw serialization(key);
  for (const auto& t : *it) {
    if (!t.is_object()) throw serialization(key);
    out.emplace_back(t.value("Key", ""), t.value("Value", ""));
  }
  return out;
}

inline ebs::events::Page page(const nlohmann::json& in) {
  return {opt_string(in, "NextToken"), opt_int(in, "Limit")};
}

inline std::vector<std::string> string_list(const nlohmann::json& in, const char* key) {
  std::vector<std::string> out;
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return out;
  if (!it->is_array()) throw serialization(key);
  for (const auto& v : *it) {
    if (!v.is_string()) throw serialization(key);
    out.push_back(v.get<std::string>());
  }
  return out;
}

inline double epoch_seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

}  // namespace ebs::protocol::events
