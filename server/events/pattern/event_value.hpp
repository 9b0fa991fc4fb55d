// A view of one leaf value of an event (string, number, true, false or null) as the matchers see
// it. Objects and empty arrays are not leaves; arrays are looked through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ebs::pattern::detail {

struct EventValue {
  enum class Type : uint8_t { kString, kNumber, kTrue, kFalse, kNull };
  Type type = Type::kNull;
  std::string_view str;                  // kString
  const nlohmann::json* node = nullptr;  // the leaf itself

  static EventValue of(const nlohmann::json& j) {
    EventValue v;
    v.node = &j;
    switch (j.type()) {
      case nlohmann::json::value_t::string:
        v.type = Type::kString;
        v.str = j.get_ref<const std::string&>();
        break;
      case nlohmann::json::value_t::number_integer:
      case nlohmann::json::value_t::number_unsigned:
      case nlohmann::json::value_t::number_float:
        v.type = Type::kNumber;
        break;
      case nlohmann::json::value_t::boolean:
        v.type = j.get<bool>() ? Type::kTrue : Type::kFalse;
        break;
      default:
        v.type = Type::kNull;
        break;
    }
    return v;
  }
};

// A json value that is a leaf (not an object or array; discarded values count as null).
inline bool is_leaf(const nlohmann::json& j) { return !j.is_object() && !j.is_array(); }

}  // namespace ebs::pattern::detail
