// ScheduleExpression: which expressions AWS accepts and when they fire next.
#include "events/schedule_expression.hpp"

#include <gtest/gtest.h>

#include "core/time_format.hpp"

namespace ebs::events {
namespace {

int64_t at(const char* iso) { return *parse_iso8601(iso); }

TEST(ScheduleExpression, Validity) {
  static const struct {
    const char* text;
    bool valid;
  } cases[] = {
      {"rate(1 minute)", true},
      {"rate(5 minutes)", true},
      {"rate(1 hour)", true},
      {"rate(12 hours)", true},
      {"rate(1 day)", true},
      {"rate(7 days)", true},
      {"rate(1 minutes)", false},
      {"rate(5 minute)", false},
      {"rate(0 minutes)", false},
      {"rate(five minutes)", false},
      {"rate(5 weeks)", false},
      {"cron(0 12 * * ? *)", true},
      {"cron(15 10 ? * 6L 2019-2022)", false},
      {"cron(0/15 8-17 ? * MON-FRI *)", true},
      {"cron(0 12 * * * *)", false},
      {"cron(0 12 ? * ? *)", false},
      {"cron(0 12 * *)", false},
      {"cron(60 12 * * ? *)", false},
      {"cron(0 9 1 JAN,JUL ? *)", true},
      {"every 5 minutes", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ScheduleExpression::parse(c.text).has_value(), c.valid) << c.text;
  }
}

TEST(ScheduleExpression, RateFiresAPeriodLater) {
  auto e = ScheduleExpression::parse("rate(5 minutes)");
  EXPECT_EQ(*e->next_after(1000), 1000 + 5 * 60'000);
}

TEST(ScheduleExpression, CronNextFiring) {
  static const struct {
    const char* expr;
    const char* after;
    const char* next;
  } cases[] = {
      {"cron(0 12 * * ? *)", "2024-03-01T11:00:00Z", "2024-03-01T12:00:00Z"},
      {"cron(0 12 * * ? *)", "2024-03-01T12:00:00Z", "2024-03-02T12:00:00Z"},
      {"cron(0/15 8-17 ? * MON-FRI *)", "2024-03-01T17:50:00Z", "2024-03-04T08:00:00Z"},
      {"cron(30 9 1 JAN,JUL ? *)", "2024-02-10T00:00:00Z", "2024-07-01T09:30:00Z"},
      {"cron(0 0 29 2 ? *)", "2023-03-01T00:00:00Z", "2024-02-29T00:00:00Z"},
      {"cron(5 * * * ? 2030)", "2024-01-01T00:00:00Z", "2030-01-01T00:05:00Z"},
  };
  for (const auto& c : cases) {
    auto e = ScheduleExpression::parse(c.expr);
    ASSERT_TRUE(e) << c.expr;
    auto next = e->next_after(at(c.after));
    ASSERT_TRUE(next) << c.expr;
    EXPECT_EQ(iso8601_s(*next), c.next) << c.expr << " after " << c.after;
  }
  EXPECT_FALSE(ScheduleExpression::parse("cron(0 0 1 1 ? 1969)"));
  EXPECT_FALSE(
      ScheduleExpression::parse("cron(0 0 1 1 ? 2020)")->next_after(at("2024-01-01T00:00:00Z")));
}

}  // namespace
}  // namespace ebs::events
