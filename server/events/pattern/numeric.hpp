// Numbers in patterns and events: event-ruler's "comparable number" rule and numeric ranges.
//
// A JSON number takes part in numeric matching (numeric operators, numeric equality of exact
// values, numeric anything-but) only when it is "comparable": its decimal text denotes exactly
// the value of the shortest round-trip form of the nearest double (so 300, 300.0 and 3e2 are the
// same comparable number, 0.30000000000000001 is not comparable, 1e400 is not).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace ebs::pattern::detail {

// The double value of a JSON number literal if it is comparable; -0 becomes 0.
std::optional<double> comparable_literal(std::string_view json_number_text);

// The same rule for a number already parsed into nlohmann::json. Integers are checked exactly;
// doubles are taken as comparable (their source text is gone).
std::optional<double> comparable_number(const nlohmann::json& number);

// Exact decimal text of an integer json number ("" for floating point numbers).
std::string integer_text(const nlohmann::json& number);

struct NumericRange {
  double bottom = 0;
  double top = 0;
  bool open_bottom = false;  // true: value > bottom, false: value >= bottom
  bool open_top = false;     // true: value < top, false: value <= top

  bool contains(double v) const {
    if (open_bottom ? !(v > bottom) : !(v >= bottom)) return false;
    return open_top ? v < top : v <= top;
  }
};

// Key bytes that identify a comparable number (its normalized double bits).
std::string number_key(double v);

}  // namespace ebs::pattern::detail
