#include "store/database.hpp"

#include <filesystem>

namespace ebs::store {

Database::Database(const Options& options)
    : path_(options.path),
      synchronous_(options.fsync_each_commit ? "PRAGMA synchronous = FULL"
                                             : "PRAGMA synchronous = NORMAL") {
  bool fresh = true;
  if (path_ != ":memory:") {
    auto parent = std::filesystem::path(path_).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    auto size = std::filesystem::file_size(path_, ec);
    fresh = ec || size == 0;
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open database " + path_ + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  try {
    exec("PRAGMA busy_timeout = 5000");
    // A new file is set up (WAL header, schema) without an fsync per step: nothing acknowledged
    // lives in it yet, and a process crash loses nothing either way. finish_setup() restores the
    // configured level before the first request.
    exec(fresh && !options.fsync_each_commit ? "PRAGMA synchronous = OFF" : synchronous_);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA temp_store = MEMORY");
    // Fails early on a file that is not a database ("file is not a database").
    exec("SELECT count(*) FROM sqlite_master");
  } catch (...) {
    sqlite3_close(db_);  // the destructor does not run when the constructor throws
    db_ = nullptr;
    throw;
  }
}

void Database::finish_setup() {
  std::lock_guard lock(mu_);
  exec(synchronous_);
  // The pages migrations touched (every table's root page) are cached; most are not needed again
  // until a request reads them.
  sqlite3_db_release_memory(db_);
}

Database::~Database() {
  statements_.clear();
  if (db_) sqlite3_close(db_);
}

void Database::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError("SQL failed: " + message + " in: " + sql);
  }
}

Statement& Database::prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
  }
  return it->second->reset();
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
int64_t Database::total_changes() const { return sqlite3_total_changes64(db_); }

}  // namespace ebs::store
