// The API destination rate limiter: a bucket per ARN with one second's burst, refilled at the
// rate, telling how long to wait when empty; a changed rate applies at once; buckets are separate.
#include "events/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace ebs::events {
namespace {

TEST(RateLimiterTest, OneSecondsBurstThenTheRate) {
  RateLimiter limiter;
  EXPECT_EQ(limiter.take("a", 2, 0), 0);
  EXPECT_EQ(limiter.take("a", 2, 0), 0);
  EXPECT_EQ(limiter.take("a", 2, 0), 500);  // empty: the next token in half a second
  EXPECT_EQ(limiter.take("a", 2, 200), 300);
  EXPECT_EQ(limiter.take("a", 2, 500), 0);
  EXPECT_EQ(limiter.take("a", 2, 500), 500);
}

TEST(RateLimiterTest, SixDeliveriesAtTwoASecondSpanTwoSeconds) {
  RateLimiter limiter;
  int64_t now = 1'000'000;
  std::vector<int64_t> sent;
  while (sent.size() < 6) {
    int64_t wait = limiter.take("dest", 2, now);
    if (wait == 0) {
      sent.push_back(now);
    } else {
      now += wait;
    }
  }
  EXPECT_EQ(sent.back() - sent.front(), 2000);
}

TEST(RateLimiterTest, TheBucketNeverHoldsMoreThanOneSecond) {
  RateLimiter limiter;
  EXPECT_EQ(limiter.take("a", 1, 0), 0);
  EXPECT_EQ(limiter.take("a", 1, 60'000), 0);  // a minute idle still gives one token
  EXPECT_GT(limiter.take("a", 1, 60'000), 0);
}

TEST(RateLimiterTest, ARateChangeAppliesAtOnce) {
  RateLimiter limiter;
  for (int i = 0; i < 300; ++i) ASSERT_EQ(limiter.take("a", 300, 0), 0);
  EXPECT_GT(limiter.take("a", 300, 0), 0);
  EXPECT_EQ(limiter.take("a", 1, 1000), 0);  // lowered: a second refills one token
  EXPECT_EQ(limiter.take("a", 1, 1000), 1000);
}

TEST(RateLimiterTest, DestinationsHaveTheirOwnBuckets) {
  RateLimiter limiter;
  EXPECT_EQ(limiter.take("a", 1, 0), 0);
  EXPECT_GT(limiter.take("a", 1, 0), 0);
  EXPECT_EQ(limiter.take("b", 1, 0), 0);
}

TEST(RateLimiterTest, PruneKeepsOnlyBucketsStillRefilling) {
  RateLimiter limiter;
  EXPECT_EQ(limiter.take("a", 1, 0), 0);
  limiter.prune(500);  // "a" is still empty-ish: kept, so it still limits
  EXPECT_EQ(limiter.take("a", 1, 500), 500);
  limiter.prune(5000);
  EXPECT_EQ(limiter.take("a", 1, 5000), 0);
}

}  // namespace
}  // namespace ebs::events
