// Transaction: a scoped unit of work on the Database. It holds the database mutex for its lifetime
// and rolls back unless commit() was called. Nested Transactions on the same thread join the outer
// one (only the outermost commits), so a service can call another service's code inside its own
// transaction. After-commit hooks let code react once the work is durable (e.g. wake the scheduler
// or the delivery workers).
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "store/database.hpp"

namespace ebs::store {

class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Statement& prepare(const std::string& sql) { return db_.prepare(sql); }
  void exec(const std::string& sql) { db_.exec(sql); }
  Database& db() { return db_; }
  void commit();
  // Runs `hook` after the outermost transaction commits (not at all if it rolls back).
  void after_commit(std::function<void()> hook);

 private:
  Database& db_;
  std::unique_lock<std::recursive_mutex> lock_;
  bool outermost_;
  bool done_ = false;
  int64_t changes_at_begin_ = 0;
};

}  // namespace ebs::store
