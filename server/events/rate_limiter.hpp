// RateLimiter: the InvocationRateLimitPerSecond of API destinations. One token bucket per API
// destination ARN, refilled at `rate` tokens a second up to `rate` tokens (one second's burst), on
// a caller-supplied monotonic time in milliseconds (the delivery engine passes real time: the limit
// protects a real receiver, so it does not follow the emulator's clock). A delivery that finds no
// token waits in the engine's queue; it is not an attempt and is not dropped. Not thread-safe (the
// engine calls it with its lock held).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace ebs::events {

class RateLimiter {
 public:
  // Takes a token for `key` at `rate` per second: 0 when taken, else the milliseconds (>= 1) until
  // one is available. A changed rate applies from now on.
  int64_t take(const std::string& key, int64_t rate, int64_t now_ms);
  // Forgets buckets full for at least a second (their state is the same as a new bucket's).
  void prune(int64_t now_ms);

 private:
  struct Bucket {
    double tokens = 0;
    int64_t rate = 0;
    int64_t refilled_at = 0;
  };
  std::map<std::string, Bucket> buckets_;
};

}  // namespace ebs::events
