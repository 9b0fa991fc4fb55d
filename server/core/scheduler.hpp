// Scheduler: runs the persistent work queue. Services register a handler per work kind and add rows
// in their own transactions; one executor thread runs each due row's handler inside one transaction
// that also deletes the row, so a crash either happened before it (the row runs after restart) or
// after it (its effects and the events it published are all there). Time comes from the injected
// Clock, so a manual clock runs work only when a test advances it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "store/work_queue.hpp"

namespace ebs {

class Scheduler {
 public:
  using Handler = std::function<void(store::Transaction&, const store::WorkItem&)>;

  Scheduler(store::Database& db, Clock& clock);
  ~Scheduler();

  // Registers the handler of a work kind. Call before start().
  void on(const std::string& kind, Handler handler);
  // Adds a row in the caller's transaction; the executor is woken once it commits.
  int64_t schedule(store::Transaction& tx, const std::string& kind, const std::string& resource,
                   int64_t due_at_ms, const std::string& payload = "{}");
  void start();
  void stop();
  // Wakes the executor (the clock moved, or work was added).
  void wake();
  // Runs every row due now on the calling thread; returns how many ran.
  size_t run_due();
  // True when no row is due at the current emulated time.
  bool idle();
  std::optional<int64_t> next_due_at();
  Clock& clock() { return clock_; }

 private:
  void loop();
  bool run_one(const store::WorkItem& item);

  store::Database& db_;
  Clock& clock_;
  std::map<std::string, Handler> handlers_;
  std::mutex mu_;
  std::mutex run_mu_;  // one runner of due work at a time (executor thread or run_due callers)
  std::condition_variable cv_;
  bool woken_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ebs
