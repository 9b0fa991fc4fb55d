#include "events/schedule_expression.hpp"

#include <array>
#include <cctype>
#include <vector>

namespace ebs::events {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::optional<int> number(const std::string& s, const std::vector<std::string>& names, int base) {
  if (s.empty()) return std::nullopt;
  bool digits = true;
  for (char c : s) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (digits) return s.size() > 5 ? std::nullopt : std::optional<int>(std::stoi(s));
  std::string upper;
  for (char c : s) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == upper) return base + static_cast<int>(i);
  }
  return std::nullopt;
}

// Parses one cron field into a set of values in [lo, hi]; `any` is set for `*` / `?`.
bool parse_field(const std::string& field, int lo, int hi, const std::vector<std::string>& names,
                 int name_base, std::vector<bool>& set, bool& any, bool allow_question) {
  set.assign(hi + 1, false);
  any = false;
  if (field == "?") {
    if (!allow_question) return false;
    any = true;
    for (int v = lo; v <= hi; ++v) set[v] = true;
    return true;
  }
  for (const auto& part : split(field, ',')) {
    std::string range = part;
    int step = 1;
    if (auto slash = part.find('/'); slash != std::string::npos) {
      auto s = number(part.substr(slash + 1), {}, 0);
      if (!s || *s <= 0) return false;
      step = *s;
      range = part.substr(0, slash);
    }
    int from = lo, to = hi;
    if (range == "*") {
      if (part == "*") any = true;
    } else if (auto dash = range.find('-'); dash != std::string::npos) {
      auto a = number(range.substr(0, dash), names, name_base);
      auto b = number(range.substr(dash + 1), names, name_base);
      if (!a || !b) return false;
      from = *a;
      to = *b;
    } else {
      auto a = number(range, names, name_base);
      if (!a) return false;
      from = *a;
      to = part.find('/') != std::string::npos ? hi : *a;
    }
    if (from < lo || to > hi || from > to) return false;
    for (int v = from; v <= to; v += step) set[v] = true;
  }
  return true;
}

uint64_t bits(const std::vector<bool>& set) {
  uint64_t b = 0;
  for (size_t i = 0; i < set.size() && i < 64; ++i) {
    if (set[i]) b |= uint64_t{1} << i;
  }
  return b;
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void civil_from_days(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t yy = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

}  // namespace

bool ScheduleExpression::year_set(int y) const {
  int i = y - 1970;
  if (i < 0 || i >= 256) return false;
  const uint64_t* words[] = {&years_lo_, &years_hi_, &years_hi2_, &years_hi3_};
  return (*words[i / 64] >> (i % 64)) & 1;
}

std::optional<ScheduleExpression> ScheduleExpression::parse(const std::string& text) {
  ScheduleExpression e;
  if (text.rfind("rate(", 0) == 0 && text.back() == ')') {
    auto inner = split(text.substr(5, text.size() - 6), ' ');
    if (inner.size() != 2) return std::nullopt;
    auto n = number(inner[0], {}, 0);
    if (!n || *n <= 0) return std::nullopt;
    const std::string& unit = inner[1];
    int64_t unit_ms = 0;
    if (unit == (*n == 1 ? "minute" : "minutes")) unit_ms = 60'000;
    if (unit == (*n == 1 ? "hour" : "hours")) unit_ms = 3'600'000;
    if (unit == (*n == 1 ? "day" : "days")) unit_ms = 86'400'000;
    if (unit_ms == 0) return std::nullopt;
    e.is_rate_ = true;
    e.rate_ms_ = *n * unit_ms;
    return e;
  }
  if (text.rfind("cron(", 0) != 0 || text.back() != ')') return std::nullopt;
  auto f = split(text.substr(5, text.size() - 6), ' ');
  if (f.size() != 6) return std::nullopt;
  static const std::vector<std::string> months = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  static const std::vector<std::string> days = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  std::vector<bool> set;
  bool any = false;
  if (!parse_field(f[0], 0, 59, {}, 0, set, any, false)) return std::nullopt;
  e.minutes_ = bits(set);
  if (!parse_field(f[1], 0, 23, {}, 0, set, any, false)) return std::nullopt;
  e.hours_ = bits(set);
  if (!parse_field(f[2], 1, 31, {}, 0, set, e.dom_any_, true)) return std::nullopt;
  e.dom_ = bits(set);
  if (!parse_field(f[3], 1, 12, months, 1, set, any, false)) return std::nullopt;
  e.months_ = bits(set);
  if (!parse_field(f[4], 1, 7, days, 1, set, e.dow_any_, true)) return std::nullopt;
  e.dow_ = bits(set);
  // Exactly one of day-of-month and day-of-week must be `?`.
  if ((f[2] == "?") == (f[4] == "?")) return std::nullopt;
  if (!parse_field(f[5], 1970, 2199, {}, 0, set, any, false)) return std::nullopt;
  for (int y = 1970; y <= 2199; ++y) {
    if (!set[y]) continue;
    int i = y - 1970;
    uint64_t* words[] = {&e.years_lo_, &e.years_hi_, &e.years_hi2_, &e.years_hi3_};
    *words[i / 64] |= uint64_t{1} << (i % 64);
  }
  return e;
}

std::optional<int64_t> ScheduleExpression::next_after(int64_t after_ms) const {
  if (is_rate_) return after_ms + rate_ms_;
  constexpr int64_t kMinute = 60'000, kDay = 86'400'000;
  int64_t start = (after_ms / kMinute + 1) * kMinute;  // next whole minute
  int64_t day = start / kDay;
  for (int64_t d = day; d < day + 366 * 8; ++d) {
    int y = 0, m = 0, dom = 0;
    civil_from_days(d, y, m, dom);
    if (!year_set(y) || !((months_ >> m) & 1)) continue;
    int dow = static_cast<int>(((d % 7) + 7 + 4) % 7) + 1;  // 1970-01-01 was a Thursday; SUN = 1
    bool dom_ok = (dom_ >> dom) & 1;
    bool dow_ok = (dow_ >> dow) & 1;
    if (!(dom_ok && dow_ok)) continue;
    int64_t day_start = d * kDay;
    for (int h = 0; h < 24; ++h) {
      if (!((hours_ >> h) & 1)) continue;
      for (int mi = 0; mi < 60; ++mi) {
        if (!((minutes_ >> mi) & 1)) continue;
        int64_t t = day_start + (h * 60 + mi) * kMinute;
        if (t >= start) return t;
      }
    }
  }
  return std::nullopt;
}

}  // namespace ebs::events
