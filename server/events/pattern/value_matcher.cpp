// Operator semantics for one event value (see docs/patterns.md for the rules per operator).
#include "value_matcher.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "case_fold.hpp"

namespace ebs::pattern::detail {
namespace {

const std::string& folded(std::string_view s) {
  thread_local std::string buf;
  buf.clear();
  fold_case_append(s, buf);
  return buf;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool ip_in(const IpRange& r, std::string_view s) {
  IpAddress a;
  return parse_ip(s, a) == IpParse::kOk && r.contains(a);
}

bool literal_equals(const EventValue& v, std::string_view text) {
  const nlohmann::json& j = *v.node;
  std::array<char, 32> buf{};
  std::to_chars_result res{};
  if (j.is_number_unsigned()) {
    res = std::to_chars(buf.data(), buf.data() + buf.size(), j.get<uint64_t>());
  } else if (j.is_number_integer()) {
    res = std::to_chars(buf.data(), buf.data() + buf.size(), j.get<int64_t>());
  } else {
    return false;  // the source text of a floating point event value is not kept
  }
  return std::string_view(buf.data(), static_cast<size_t>(res.ptr - buf.data())) == text;
}

}  // namespace

bool value_matches(const ValueMatcher& m, const EventValue& v) {
  using T = EventValue::Type;
  const bool is_str = v.type == T::kString;
  switch (m.kind) {
    case MatchKind::kExactString:
      return is_str && v.str == m.text;
    case MatchKind::kExactIp:
    case MatchKind::kCidr:
      return is_str && ip_in(m.ip, v.str);
    case MatchKind::kNumberLiteral:
      return v.type == T::kNumber && literal_equals(v, m.text);
    case MatchKind::kNumericEquals: {
      if (v.type != T::kNumber) return false;
      auto n = comparable_number(*v.node);
      return n && *n == m.number;
    }
    case MatchKind::kTrue:
      return v.type == T::kTrue;
    case MatchKind::kFalse:
      return v.type == T::kFalse;
    case MatchKind::kNull:
      return v.type == T::kNull;
    case MatchKind::kPrefix:
      return is_str && starts_with(v.str, m.text);
    case MatchKind::kPrefixIgnoreCase:
      return is_str && starts_with(folded(v.str), m.text);
    case MatchKind::kSuffix:
      return is_str && ends_with(v.str, m.text);
    case MatchKind::kSuffixIgnoreCase:
      return is_str && ends_with(folded(v.str), m.text);
    case MatchKind::kEqualsIgnoreCase:
      return is_str && folded(v.str) == m.text;
    case MatchKind::kWildcard:
      return is_str && m.wildcards.front().matches(v.str);
    case MatchKind::kNumericRange: {
      if (v.type != T::kNumber) return false;
      auto n = comparable_number(*v.node);
      return n && m.range.contains(*n);
    }
    case MatchKind::kExists:
      return true;
    case MatchKind::kAnythingButStrings:
      return !(is_str &&
               std::binary_search(m.strings.begin(), m.strings.end(), v.str, std::less<>()));
    case MatchKind::kAnythingButNumbers: {
      if (v.type != T::kNumber) return true;
      auto n = comparable_number(*v.node);
      return !(n && std::binary_search(m.numbers.begin(), m.numbers.end(), *n));
    }
    case MatchKind::kAnythingButPrefix:
      if (!is_str) return true;
      for (const std::string& p : m.strings) {
        if (starts_with(v.str, p)) return false;
      }
      return true;
    case MatchKind::kAnythingButSuffix:
      if (!is_str) return true;
      for (const std::string& p : m.strings) {
        if (ends_with(v.str, p)) return false;
      }
      return true;
    case MatchKind::kAnythingButIgnoreCase: {
      if (!is_str) return true;
      const std::string& f = folded(v.str);
      return !std::binary_search(m.strings.begin(), m.strings.end(), f);
    }
    case MatchKind::kAnythingButWildcard:
      if (!is_str) return true;
      for (const Wildcard& w : m.wildcards) {
        if (w.matches(v.str)) return false;
      }
      return true;
  }
  return false;
}

}  // namespace ebs::pattern::detail
