#include "core/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace ebs {

Scheduler::Scheduler(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::on(const std::string& kind, Handler handler) {
  handlers_[kind] = std::move(handler);
}

int64_t Scheduler::schedule(store::Transaction& tx, const std::string& kind,
                            const std::string& resource, int64_t due_at_ms,
                            const std::string& payload) {
  int64_t id = store::WorkQueue::add(tx, kind, resource, due_at_ms, payload);
  tx.after_commit([this] { wake(); });
  return id;
}

void Scheduler::start() {
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  wake();
  thread_.join();
}

void Scheduler::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

bool Scheduler::run_one(const store::WorkItem& item) {
  auto it = handlers_.find(item.kind);
  try {
    store::Transaction tx(db_);
    // Re-check inside the transaction: another runner may have taken it.
    auto current = store::WorkQueue::for_resource(tx, item.resource);
    bool present = false;
    for (const auto& row : current) present = present || row.id == item.id;
    if (!present) return false;
    store::WorkQueue::remove(tx, item.id);
    if (it == handlers_.end()) {
      spdlog::error("scheduler: no handler for work kind {} (row {} dropped)", item.kind, item.id);
    } else {
      it->second(tx, item);
    }
    tx.commit();
    return true;
  } catch (const std::exception& e) {
    spdlog::error("scheduler: {} on {} failed: {}; retrying in 1 s", item.kind, item.resource,
                  e.what());
    try {
      store::Transaction tx(db_);
      if (item.attempts >= 5) {
        spdlog::error("scheduler: giving up on {} {} after {} attempts", item.kind, item.resource,
                      item.attempts + 1);
        store::WorkQueue::remove(tx, item.id);
      } else {
        store::WorkQueue::postpone(tx, item.id, clock_.now_ms() + 1000);
      }
      tx.commit();
    } catch (const std::exception& e2) {
      spdlog::error("scheduler: cannot postpone row {}: {}", item.id, e2.what());
    }
    return false;
  }
}

size_t Scheduler::run_due() {
  std::lock_guard run_lock(run_mu_);
  size_t ran = 0;
  for (int round = 0; round < 10000; ++round) {
    std::vector<store::WorkItem> due;
    {
      store::Transaction tx(db_);
      due = store::WorkQueue::due(tx, clock_.now_ms(), 64);
      tx.commit();
    }
    if (due.empty()) break;
    for (const auto& item : due) {
      if (stopping_) return ran;
      if (run_one(item)) ++ran;
    }
  }
  return ran;
}

bool Scheduler::idle() {
  auto next = next_due_at();
  return !next || *next > clock_.now_ms();
}

std::optional<int64_t> Scheduler::next_due_at() {
  store::Transaction tx(db_);
  auto next = store::WorkQueue::next_due_at(tx);
  tx.commit();
  return next;
}

void Scheduler::loop() {
  while (!stopping_) {
    try {
      run_due();
    } catch (const std::exception& e) {
      spdlog::error("scheduler: {}", e.what());
    }
    std::optional<int64_t> next;
    try {
      next = next_due_at();
    } catch (const std::exception& e) {
      spdlog::error("scheduler: {}", e.what());
    }
    std::unique_lock lock(mu_);
    if (woken_) {
      woken_ = false;
      continue;
    }
    int64_t wait_ms = next ? clock_.real_wait_ms(*next) : -1;
    // Manual clocks and empty queues sleep until woken; re-check at least every second anyway.
    if (wait_ms < 0 || wait_ms > 1000) wait_ms = 1000;
    cv_.wait_for(lock, std::chrono::milliseconds(wait_ms), [this] { return woken_; });
    woken_ = false;
  }
}

}  // namespace ebs
