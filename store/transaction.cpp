#include "store/transaction.hpp"

namespace ebs::store {
namespace {

// Per-thread nesting depth and the outermost transaction's pending hooks.
thread_local int tls_depth = 0;
thread_local std::vector<std::function<void()>>* tls_hooks = nullptr;

}  // namespace

Transaction::Transaction(Database& db) : db_(db), lock_(db.mutex()) {
  outermost_ = tls_depth == 0;
  if (outermost_) {
    db_.exec("BEGIN IMMEDIATE");
    changes_at_begin_ = db_.total_changes();
    tls_hooks = new std::vector<std::function<void()>>();
  }
  ++tls_depth;
}

Transaction::~Transaction() {
  --tls_depth;
  if (!outermost_) return;
  std::vector<std::function<void()>>* hooks = tls_hooks;
  tls_hooks = nullptr;
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
    }
    delete hooks;
    return;
  }
  lock_.unlock();
  for (auto& hook : *hooks) hook();
  delete hooks;
}

void Transaction::commit() {
  if (done_) return;
  done_ = true;
  if (!outermost_) return;
  db_.exec("COMMIT");
  if (db_.total_changes() != changes_at_begin_) db_.bump_generation();
}

void Transaction::after_commit(std::function<void()> hook) {
  if (tls_hooks) tls_hooks->push_back(std::move(hook));
}

}  // namespace ebs::store
