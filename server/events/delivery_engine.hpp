// DeliveryEngine: sends the outbox. A dispatcher thread picks due delivery rows (pending, or
// retrying whose next attempt is due by the emulator's clock) and hands them to a pool of worker
// threads; a worker performs the attempt with no transaction open (TargetSender), then records the
// attempt and the outcome in one short transaction: succeeded, retrying (exponential backoff with
// jitter under the target's RetryPolicy, delays multiplied by the retry scale), dead-lettered
// (DeadLetterConfig set; AWS's DLQ attributes recorded) or dropped. At most `per_target_inflight`
// deliveries to one target ARN run at once, so a slow or dead target holds only its own deliveries.
// An API destination's InvocationRateLimitPerSecond is enforced on real time (RateLimiter): a
// delivery over the rate waits in the ready queue (claimed, not an attempt) until a token is free.
// Nothing is kept only in memory: after a crash, every pending or retrying row is due again at
// start.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "events/rate_limiter.hpp"
#include "events/target_sender.hpp"

namespace ebs::events {

struct DeliveryOptions {
  int workers = 8;
  int per_target_inflight = 4;
  // Multiplies backoff delays and MaximumEventAgeInSeconds (0.001: a 24 h policy passes in 86 s).
  double retry_scale = 1.0;
  int http_timeout_ms = 5000;
};

class DeliveryEngine {
 public:
  DeliveryEngine(store::Database& db, Clock& clock, EventBus& bus, DeliveryOptions options);
  ~DeliveryEngine();

  void set_lambda_invoker(LambdaInvoker* invoker) { sender_.set_lambda_invoker(invoker); }
  // Injected delivery faults (tests): matching deliveries fail with the fault's HTTP status.
  void set_faults(FaultRegistry* faults) { sender_.set_faults(faults); }
  void start();
  void stop();
  // New outbox rows or a moved clock: look for due work now.
  void wake();
  // True when no delivery is due now or running (for /_emulator/settle-like waits).
  bool idle();

  // Backoff before retry number `attempt` (1-based), before jitter and scaling (exposed for tests).
  static int64_t base_backoff_ms(int64_t attempt);

 private:
  void dispatch_loop();
  void worker_loop();
  void deliver(int64_t id);
  // With mu_ held: moves ready deliveries of `arn` to the work queue while the target has room.
  void schedule_target_locked(const std::string& arn);
  void record(store::Transaction& tx, store::DeliveryRow row, const AttemptOutcome& outcome,
              int64_t started_at);

  store::Database& db_;
  Clock& clock_;
  DeliveryOptions options_;
  TargetSender sender_;

  std::mutex mu_;
  std::condition_variable dispatch_cv_, work_cv_;
  bool woken_ = false;
  bool stopping_ = false;
  struct Work {
    int64_t id;
    std::string target_arn;
  };
  std::deque<Work> queue_;
  std::set<int64_t> claimed_;                         // ready or running
  std::map<std::string, std::deque<int64_t>> ready_;  // by target ARN
  std::map<std::string, int> running_;                // by target ARN
  int64_t pending_cursor_ = 0;                        // highest pending id claimed
  std::mt19937_64 rng_{std::random_device{}()};
  // API destinations' InvocationRateLimitPerSecond by ARN (read by the dispatcher each pass; other
  // targets are absent: no limit).
  std::map<std::string, int64_t> rate_limits_;
  RateLimiter limiter_;
  std::set<std::string> rate_blocked_;  // ARNs with ready deliveries waiting for a token
  int64_t rate_wake_at_ = 0;            // steady ms when the first of them gets one (0: none)

  std::thread dispatcher_;
  std::vector<std::thread> workers_;
};

}  // namespace ebs::events
