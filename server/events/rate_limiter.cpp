#include "events/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace ebs::events {

int64_t RateLimiter::take(const std::string& key, int64_t rate, int64_t now_ms) {
  rate = std::max<int64_t>(rate, 1);
  auto [it, fresh] = buckets_.try_emplace(key);
  Bucket& b = it->second;
  if (fresh) {
    b.tokens = static_cast<double>(rate);
    b.rate = rate;
    b.refilled_at = now_ms;
  }
  if (b.rate != rate) {
    b.rate = rate;
    b.tokens = std::min(b.tokens, static_cast<double>(rate));
  }
  if (now_ms > b.refilled_at) {
    b.tokens = std::min(static_cast<double>(rate),
                        b.tokens + static_cast<double>(now_ms - b.refilled_at) * rate / 1000.0);
    b.refilled_at = now_ms;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  double missing_ms = (1.0 - b.tokens) * 1000.0 / static_cast<double>(rate);
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(missing_ms)));
}

void RateLimiter::prune(int64_t now_ms) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const Bucket& b = it->second;
    double tokens = b.tokens + static_cast<double>(now_ms - b.refilled_at) * b.rate / 1000.0;
    if (tokens >= static_cast<double>(b.rate) && now_ms - b.refilled_at >= 1000) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace ebs::events
