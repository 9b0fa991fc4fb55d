// Optional members of a JSON request body as the JSON codecs (KMS, CloudWatch Logs, Lambda) read
// them: absent or null is nullopt; a member of another JSON type throws nlohmann::json's
// type_error, which JsonApi and RestApi answer as the protocol's serialization error.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ebs::protocol {

template <typename T>
std::optional<T> opt_member(const nlohmann::json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

inline std::optional<std::string> opt_string(const nlohmann::json& in, const char* name) {
  return opt_member<std::string>(in, name);
}
inline std::optional<int64_t> opt_int(const nlohmann::json& in, const char* name) {
  return opt_member<int64_t>(in, name);
}
inline std::optional<bool> opt_bool(const nlohmann::json& in, const char* name) {
  return opt_member<bool>(in, name);
}

}  // namespace ebs::protocol
