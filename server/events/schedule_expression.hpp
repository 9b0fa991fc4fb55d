// ScheduleExpression of scheduled rules: `rate(N minute|minutes|hour|hours|day|days)` and
// `cron(minutes hours day-of-month month day-of-week year)` in UTC, with `*`, `?`, lists, ranges,
// steps, month and weekday names (the `L`, `W` and `#` forms are not supported and are refused).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ebs::events {

class ScheduleExpression {
 public:
  // nullopt when the expression is not valid ("Parameter ScheduleExpression is not valid.").
  static std::optional<ScheduleExpression> parse(const std::string& text);
  // The first firing strictly after `after_ms` (nullopt if a cron never fires again).
  std::optional<int64_t> next_after(int64_t after_ms) const;

 private:
  bool is_rate_ = false;
  int64_t rate_ms_ = 0;
  uint64_t minutes_ = 0, hours_ = 0, dom_ = 0, months_ = 0, dow_ = 0;  // bit sets
  bool dom_any_ = false, dow_any_ = false;
  int year_from_ = 1970, year_to_ = 2199;
  uint64_t years_lo_ = 0, years_hi_ = 0, years_hi2_ = 0, years_hi3_ = 0;  // 1970..2225
  bool year_set(int y) const;
};

}  // namespace ebs::events
