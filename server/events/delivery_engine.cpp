#include "events/delivery_engine.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <nlohmann/json.hpp>

#include "store/events/named_doc_table.hpp"

namespace ebs::events {

DeliveryEngine::DeliveryEngine(store::Database& db, Clock& clock, EventBus& bus,
                               DeliveryOptions options)
    : db_(db), clock_(clock), options_(options), sender_(db, clock, bus) {
  sender_.set_http_timeout_ms(options_.http_timeout_ms);
  bus.set_outbox_listener([this] { wake(); });
}

DeliveryEngine::~DeliveryEngine() { stop(); }

void DeliveryEngine::start() {
  stopping_ = false;
  dispatcher_ = std::thread([this] { dispatch_loop(); });
  for (int i = 0; i < std::max(1, options_.workers); ++i) {
    workers_.emplace_back([this] { worker_loop(); });
  }
}

void DeliveryEngine::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || !dispatcher_.joinable()) return;
    stopping_ = true;
  }
  dispatch_cv_.notify_all();
  work_cv_.notify_all();
  dispatcher_.join();
  for (auto& w : workers_) w.join();
  workers_.clear();
}

void DeliveryEngine::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  dispatch_cv_.notify_one();
}

bool DeliveryEngine::idle() {
  {
    std::lock_guard lock(mu_);
    if (!claimed_.empty()) return false;
  }
  store::Transaction tx(db_);
  bool none_due = store::DeliveryTable::due(tx, clock_.now_ms(), 1).empty();
  tx.commit();
  return none_due;
}

int64_t DeliveryEngine::base_backoff_ms(int64_t attempt) {
  // 1 s, 2 s, 4 s, ... capped at 3 minutes.
  int64_t ms = 1000;
  for (int64_t i = 1; i < attempt && ms < 180'000; ++i) ms *= 2;
  return std::min<int64_t>(ms, 180'000);
}

namespace {
int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
bool is_api_destination(const std::string& arn) {
  return arn.find(":api-destination/") != std::string::npos;
}
}  // namespace

void DeliveryEngine::schedule_target_locked(const std::string& arn) {
  auto it = ready_.find(arn);
  if (it == ready_.end()) return;
  int& running = running_[arn];
  bool queued = false;
  auto limit = rate_limits_.empty() ? rate_limits_.end() : rate_limits_.find(arn);
  rate_blocked_.erase(arn);
  while (!it->second.empty() && running < std::max(1, options_.per_target_inflight)) {
    if (limit != rate_limits_.end()) {
      int64_t now = steady_ms();
      int64_t wait = limiter_.take(arn, limit->second, now);
      if (wait > 0) {
        rate_blocked_.insert(arn);
        if (rate_wake_at_ == 0 || now + wait < rate_wake_at_) {
          rate_wake_at_ = now + wait;
          woken_ = true;
          dispatch_cv_.notify_one();
        }
        break;
      }
    }
    queue_.push_back({it->second.front(), arn});
    it->second.pop_front();
    ++running;
    queued = true;
  }
  if (it->second.empty()) ready_.erase(it);
  if (running == 0) running_.erase(arn);
  if (queued) work_cv_.notify_all();
}

void DeliveryEngine::dispatch_loop() {
  while (true) {
    std::vector<store::DeliveryTable::DueRef> found;
    std::map<std::string, int64_t> limits;
    std::optional<int64_t> next;
    int64_t cursor;
    int64_t new_cursor = 0;
    size_t pending_found = 0;
    {
      std::lock_guard lock(mu_);
      cursor = pending_cursor_;
    }
    try {
      store::Transaction tx(db_);
      int64_t now = clock_.now_ms();
      found = store::DeliveryTable::pending_after(tx, cursor, 4096);
      pending_found = found.size();
      if (!found.empty()) new_cursor = found.back().id;
      auto retries = store::DeliveryTable::retries_due(tx, now, 4096);
      found.insert(found.end(), retries.begin(), retries.end());
      next = store::DeliveryTable::next_due_after(tx, now);
      // The rate limits of the API destinations with work (an update applies from the next pass).
      std::set<std::string> arns;
      {
        std::lock_guard lock(mu_);
        for (const auto& entry : ready_) {
          if (is_api_destination(entry.first)) arns.insert(entry.first);
        }
      }
      for (const auto& ref : found) {
        if (is_api_destination(ref.target_arn)) arns.insert(ref.target_arn);
      }
      for (const auto& arn : arns) {
        auto doc = store::NamedDocTable::by_arn(tx, store::DocKind::kApiDestination, arn);
        if (!doc) continue;  // deleted: its deliveries fail with NO_RESOURCE
        auto parsed = nlohmann::json::parse(doc->json, nullptr, false);
        if (parsed.is_object()) {
          limits[arn] = parsed.value("InvocationRateLimitPerSecond", int64_t{300});
        }
      }
      tx.commit();
    } catch (const std::exception& e) {
      spdlog::error("delivery dispatcher: {}", e.what());
    }
    std::unique_lock lock(mu_);
    if (stopping_) return;
    std::set<std::string> touched;
    for (auto& ref : found) {
      if (!claimed_.insert(ref.id).second) continue;
      ready_[ref.target_arn].push_back(ref.id);
      touched.insert(ref.target_arn);
    }
    pending_cursor_ = std::max(pending_cursor_, new_cursor);
    for (auto& [arn, rate] : limits) rate_limits_[arn] = rate;
    for (auto it = rate_limits_.begin(); it != rate_limits_.end();) {
      // Keep only destinations with work (the next pass reads them again).
      it = ready_.count(it->first) || running_.count(it->first) || limits.count(it->first)
               ? std::next(it)
               : rate_limits_.erase(it);
    }
    if (rate_wake_at_ != 0 && steady_ms() >= rate_wake_at_) {
      rate_wake_at_ = 0;
      auto blocked = rate_blocked_;
      for (const auto& arn : blocked) touched.insert(arn);
      limiter_.prune(steady_ms());
    }
    for (const auto& arn : touched) schedule_target_locked(arn);
    if (pending_found >= 4096) continue;  // more to claim
    if (woken_) {
      woken_ = false;
      continue;
    }
    int64_t wait_ms = next ? clock_.real_wait_ms(*next) : -1;
    if (wait_ms < 0 || wait_ms > 1000) wait_ms = 1000;
    if (rate_wake_at_ != 0)
      wait_ms = std::min(wait_ms, std::max<int64_t>(rate_wake_at_ - steady_ms(), 1));
    dispatch_cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(wait_ms, 1)),
                          [this] { return woken_ || stopping_; });
    woken_ = false;
    if (stopping_) return;
  }
}

void DeliveryEngine::worker_loop() {
  while (true) {
    Work work;
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    deliver(work.id);
    std::lock_guard lock(mu_);
    claimed_.erase(work.id);
    if (--running_[work.target_arn] <= 0) running_.erase(work.target_arn);
    schedule_target_locked(work.target_arn);
  }
}

void DeliveryEngine::deliver(int64_t id) {
  std::optional<store::DeliveryRow> row;
  try {
    store::Transaction tx(db_);
    row = store::DeliveryTable::get(tx, id);
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::error("delivery {}: cannot load: {}", id, e.what());
    return;
  }
  if (!row || (row->status != "pending" && row->status != "retrying")) return;
  int64_t started = clock_.now_ms();
  try {
    bool recorded = false;
    auto record_in = [&](store::Transaction& tx, const AttemptOutcome& o) {
      record(tx, *row, o, started);
    };
    AttemptOutcome outcome = sender_.send(*row, record_in, recorded);
    if (recorded) return;
    store::Transaction tx(db_);
    record(tx, *row, outcome, started);
    tx.commit();
  } catch (const std::exception& e) {
    // Record the failure so the row moves on (retrying) instead of staying claimed-pending.
    spdlog::error("delivery {}: {}", id, e.what());
    try {
      AttemptOutcome o;
      o.error_code = "INTERNAL_ERROR";
      o.error_message = e.what();
      store::Transaction tx(db_);
      record(tx, *row, o, started);
      tx.commit();
    } catch (const std::exception& e2) {
      spdlog::error("delivery {}: cannot record failure: {}", id, e2.what());
    }
  }
}

void DeliveryEngine::record(store::Transaction& tx, store::DeliveryRow row, const AttemptOutcome& o,
                            int64_t started_at) {
  int64_t now = clock_.now_ms();
  row.attempts += 1;
  store::AttemptRow attempt;
  attempt.delivery_id = row.id;
  attempt.attempt = row.attempts;
  attempt.started_at = started_at;
  attempt.finished_at = now;
  attempt.status_code = o.status_code;
  if (!o.ok) {
    attempt.error_code = o.error_code;
    attempt.error = o.error_message;
  }
  if (!o.response.empty()) attempt.response = o.response;
  store::DeliveryTable::add_attempt(tx, attempt);

  row.updated_at = now;
  row.last_status = o.status_code;
  row.last_error_code = o.ok ? std::nullopt : std::optional<std::string>(o.error_code);
  row.last_error = o.ok ? std::nullopt : std::optional<std::string>(o.error_message);
  if (o.ok) {
    row.status = "succeeded";
  } else if (o.unsupported) {
    row.status = "unsupported";
  } else {
    auto target = nlohmann::json::parse(row.target_json, nullptr, false);
    auto policy = target.is_object() ? target.value("RetryPolicy", nlohmann::json::object())
                                     : nlohmann::json::object();
    int64_t max_retries = policy.value("MaximumRetryAttempts", int64_t{185});
    int64_t max_age_ms = static_cast<int64_t>(
        static_cast<double>(policy.value("MaximumEventAgeInSeconds", int64_t{86400})) * 1000.0 *
        options_.retry_scale);
    std::string exhausted;
    int64_t next = 0;
    if (o.retryable) {
      if (row.attempts - 1 >= max_retries) {
        exhausted = "MaximumRetryAttempts";
      } else {
        int64_t base = base_backoff_ms(row.attempts);
        int64_t jittered;
        {
          std::lock_guard lock(mu_);
          jittered = base / 2 + static_cast<int64_t>(rng_() % static_cast<uint64_t>(base / 2 + 1));
        }
        int64_t delay = std::max<int64_t>(
            1, static_cast<int64_t>(static_cast<double>(jittered) * options_.retry_scale));
        next = now + delay;
        if (next - row.created_at > max_age_ms) exhausted = "MaximumEventAgeInSeconds";
      }
    }
    if (o.retryable && exhausted.empty()) {
      row.status = "retrying";
      row.next_attempt_at = next;
    } else {
      std::string dlq;
      if (target.is_object() && target.contains("DeadLetterConfig")) {
        dlq = target["DeadLetterConfig"].value("Arn", "");
      }
      if (!dlq.empty()) {
        row.status = "dead-lettered";
        row.dead_letter_arn = dlq;
        nlohmann::ordered_json attrs;
        attrs["RULE_ARN"] = row.rule_arn;
        attrs["TARGET_ARN"] = row.target_arn;
        attrs["ERROR_CODE"] = o.error_code;
        attrs["ERROR_MESSAGE"] = o.error_message;
        if (!exhausted.empty()) attrs["EXHAUSTED_RETRY_CONDITION"] = exhausted;
        attrs["RETRY_ATTEMPTS"] = std::to_string(row.attempts - 1);
        row.dead_letter_attributes = attrs.dump();
      } else {
        row.status = "dropped";
      }
    }
  }
  store::DeliveryTable::update_outcome(tx, row);
}

}  // namespace ebs::events
