// Comparable-number rule (see numeric.hpp): exact decimal comparison of a JSON number literal
// with the shortest round-trip decimal of its double.
#include "numeric.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include <nlohmann/json.hpp>

namespace ebs::pattern::detail {
namespace {

// A decimal as sign, significant digits without leading/trailing zeros, and a power of ten:
// value = 0.d1d2d3... * 10^exponent. Zero has no digits and no sign.
struct Decimal {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
};

// Parses a JSON number literal (or a C++ to_chars output, which may use "e+NN").
bool parse_decimal(std::string_view s, Decimal& out) {
  out = Decimal{};
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    out.negative = s[i] == '-';
    ++i;
  }
  std::string digits;
  int64_t point_pos = -1;  // number of integer digits
  bool any_digit = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      any_digit = true;
    } else if (c == '.' && point_pos < 0) {
      point_pos = static_cast<int64_t>(digits.size());
    } else {
      break;
    }
  }
  if (!any_digit) return false;
  if (point_pos < 0) point_pos = static_cast<int64_t>(digits.size());
  int64_t exp10 = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool neg_exp = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      neg_exp = s[i] == '-';
      ++i;
    }
    bool any = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      any = true;
      if (exp10 < 100000000) exp10 = exp10 * 10 + (s[i] - '0');
    }
    if (!any) return false;
    if (neg_exp) exp10 = -exp10;
  }
  if (i != s.size()) return false;
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {  // zero
    out.negative = false;
    return true;
  }
  size_t last = digits.find_last_not_of('0');
  out.digits = digits.substr(first, last - first + 1);
  out.exponent = point_pos - static_cast<int64_t>(first) + exp10;
  return true;
}

bool same_decimal(const Decimal& a, const Decimal& b) {
  return a.negative == b.negative && a.digits == b.digits &&
         (a.digits.empty() || a.exponent == b.exponent);
}

std::optional<double> checked(std::string_view text) {
  Decimal exact;
  if (!parse_decimal(text, exact)) return std::nullopt;
  if (exact.digits.size() > 800) return std::nullopt;  // far beyond double precision
  double d = 0;
  const char* b = text.data();
  const char* e = text.data() + text.size();
  if (b != e && *b == '+') ++b;
  auto [ptr, ec] = std::from_chars(b, e, d);
  if (ec != std::errc() || ptr != e || !std::isfinite(d)) return std::nullopt;
  if (d == 0) d = 0;  // -0 -> 0
  std::array<char, 64> buf{};
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  if (res.ec != std::errc()) return std::nullopt;
  Decimal shortest;
  if (!parse_decimal(std::string_view(buf.data(), static_cast<size_t>(res.ptr - buf.data())),
                     shortest)) {
    return std::nullopt;
  }
  if (!same_decimal(exact, shortest)) return std::nullopt;
  return d;
}

}  // namespace

std::optional<double> comparable_literal(std::string_view json_number_text) {
  return checked(json_number_text);
}

std::optional<double> comparable_number(const nlohmann::json& number) {
  constexpr int64_t kExactLimit = int64_t{1} << 53;
  if (number.is_number_integer() && !number.is_number_unsigned()) {
    int64_t v = number.get<int64_t>();
    if (v >= -kExactLimit && v <= kExactLimit) return static_cast<double>(v);
    return checked(integer_text(number));
  }
  if (number.is_number_unsigned()) {
    uint64_t v = number.get<uint64_t>();
    if (v <= static_cast<uint64_t>(kExactLimit)) return static_cast<double>(v);
    return checked(integer_text(number));
  }
  if (number.is_number_float()) {
    double d = number.get<double>();
    if (!std::isfinite(d)) return std::nullopt;
    if (d == 0) d = 0;
    return d;
  }
  return std::nullopt;
}

std::string integer_text(const nlohmann::json& number) {
  std::array<char, 32> buf{};
  std::to_chars_result res{};
  if (number.is_number_unsigned()) {
    res = std::to_chars(buf.data(), buf.data() + buf.size(), number.get<uint64_t>());
  } else if (number.is_number_integer()) {
    res = std::to_chars(buf.data(), buf.data() + buf.size(), number.get<int64_t>());
  } else {
    return {};
  }
  return std::string(buf.data(), static_cast<size_t>(res.ptr - buf.data()));
}

std::string number_key(double v) {
  if (v == 0) v = 0;
  uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  std::string key(8, '\0');
  for (int i = 0; i < 8; ++i)
    key[static_cast<size_t>(i)] = static_cast<char>((bits >> (8 * i)) & 0xff);
  return key;
}

}  // namespace ebs::pattern::detail
