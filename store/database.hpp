// Database: the one SQLite connection of the emulator, with its PRAGMAs (WAL, synchronous, busy
// timeout, foreign keys), a cache of prepared statements, and the mutex that makes it the single
// writer. All access goes through a Transaction (see transaction.hpp), which holds that mutex for
// its lifetime, so callers never share a statement across threads.
//
// Durability: WAL with synchronous=NORMAL. A commit is in the WAL file (the OS page cache) before
// it returns, so it survives a kill -9 of the process; `--durability full` adds an fsync per commit
// for power-loss safety.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/statement.hpp"

namespace ebs::store {

class Database {
 public:
  struct Options {
    std::string path;  // file path or ":memory:"
    bool fsync_each_commit = false;
  };
  explicit Database(const Options& options);  // throws StoreError
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Ends the set-up of a new database file (see migrate()): from here on every commit has the
  // configured durability.
  void finish_setup();
  // Runs SQL with no parameters and no results (DDL, PRAGMAs). Caller holds the lock.
  void exec(const std::string& sql);
  // Returns the cached prepared statement for `sql` (keyed by text), reset and unbound. Caller
  // holds the lock (i.e. is inside a Transaction).
  Statement& prepare(const std::string& sql);
  int64_t last_insert_rowid() const;
  int changes() const;
  // Rows changed on this connection since it opened (SQLite's total_changes).
  int64_t total_changes() const;
  // Bumped after every committed transaction that changed a row: equal generations mean equal
  // state, so results derived from the store may be reused while it stays the same. Lock-free.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  void bump_generation() { generation_.fetch_add(1, std::memory_order_acq_rel); }
  std::recursive_mutex& mutex() { return mu_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string synchronous_;  // the PRAGMA of the configured durability
  sqlite3* db_ = nullptr;
  std::recursive_mutex mu_;
  std::atomic<uint64_t> generation_{0};
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace ebs::store
