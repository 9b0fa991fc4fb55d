#include <gtest/gtest.h>

#include <filesystem>

#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/transaction.hpp"
#include "store/work_queue.hpp"

namespace ebs::store {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() : db_(Database::Options{":memory:"}) {
    migrate(db_, {{"t", {{1, "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"}}}});
  }
  int64_t count() {
    Transaction tx(db_);
    auto& st = tx.prepare("SELECT count(*) FROM kv");
    st.step();
    return st.int64(0);
  }
  Database db_;
};

TEST_F(StoreTest, RollsBackUnlessCommitted) {
  {
    Transaction tx(db_);
    tx.prepare("INSERT INTO kv (k, v) VALUES (?, ?)").bind_all("a", int64_t{1}).run();
  }
  EXPECT_EQ(count(), 0);
  {
    Transaction tx(db_);
    tx.prepare("INSERT INTO kv (k, v) VALUES (?, ?)").bind_all("a", int64_t{1}).run();
    tx.commit();
  }
  EXPECT_EQ(count(), 1);
}

TEST_F(StoreTest, NestedTransactionsJoinTheOuterOne) {
  bool hook_ran = false;
  {
    Transaction outer(db_);
    {
      Transaction inner(db_);
      inner.prepare("INSERT INTO kv (k, v) VALUES ('x', 1)").run();
      inner.after_commit([&] { hook_ran = true; });
      inner.commit();
    }
    EXPECT_FALSE(hook_ran);
    // outer not committed: everything rolls back, hooks never run
  }
  EXPECT_EQ(count(), 0);
  EXPECT_FALSE(hook_ran);
  {
    Transaction outer(db_);
    outer.prepare("INSERT INTO kv (k, v) VALUES ('y', 1)").run();
    outer.after_commit([&] { hook_ran = true; });
    outer.commit();
  }
  EXPECT_TRUE(hook_ran);
}

TEST_F(StoreTest, GenerationMovesOnlyWhenACommitChangedRows) {
  uint64_t start = db_.generation();
  count();  // a read
  {
    Transaction tx(db_);
    tx.prepare("INSERT INTO kv (k, v) VALUES (?, ?)").bind_all("a", int64_t{1}).run();
  }  // rolled back
  EXPECT_EQ(db_.generation(), start);
  {
    Transaction outer(db_);
    {
      Transaction inner(db_);
      inner.prepare("INSERT INTO kv (k, v) VALUES (?, ?)").bind_all("a", int64_t{1}).run();
      inner.commit();
    }
    EXPECT_EQ(db_.generation(), start);  // not before the outermost commit
    outer.commit();
  }
  EXPECT_EQ(db_.generation(), start + 1);
  {
    Transaction tx(db_);
    tx.exec("DELETE FROM kv");  // SQLite's truncate optimisation still counts the rows
    tx.commit();
  }
  EXPECT_EQ(db_.generation(), start + 2);
}

TEST_F(StoreTest, ConstraintViolationThrowsStoreError) {
  Transaction tx(db_);
  tx.prepare("INSERT INTO kv (k, v) VALUES ('a', 1)").run();
  EXPECT_THROW(tx.prepare("INSERT INTO kv (k, v) VALUES ('a', 2)").run(), StoreError);
}

TEST_F(StoreTest, MigrationsAreIdempotentAndVersioned) {
  migrate(db_, {{"t",
                 {{1, "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"},
                  {2, "ALTER TABLE kv ADD COLUMN note TEXT"}}}});
  migrate(db_, {{"t",
                 {{1, "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"},
                  {2, "ALTER TABLE kv ADD COLUMN note TEXT"}}}});
  Transaction tx(db_);
  auto& st = tx.prepare("SELECT version FROM schema_versions WHERE module = 't'");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.int64(0), 2);
}

int64_t synchronous_level(Database& db) {
  Transaction tx(db);
  auto& st = tx.prepare("PRAGMA synchronous");
  st.step();
  return st.int64(0);
}

// A new file is set up without fsyncs (synchronous=OFF); migrate() ends that before any request.
TEST(StoreFile, NewFileGetsItsConfiguredDurabilityAfterMigrations) {
  auto dir = std::filesystem::temp_directory_path() / ("ebs-sync-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  for (bool fsync : {false, true}) {
    auto path = (dir / (fsync ? "full.db" : "normal.db")).string();
    Database db(Database::Options{path, fsync});
    EXPECT_EQ(synchronous_level(db), fsync ? 2 : 0);
    migrate(db, {WorkQueue::schema()});
    EXPECT_EQ(synchronous_level(db), fsync ? 2 : 1);  // FULL, NORMAL
  }
  Database reopened(Database::Options{(dir / "normal.db").string()});
  EXPECT_EQ(synchronous_level(reopened), 1);  // an existing file never runs unsynced
  std::filesystem::remove_all(dir);
}

TEST(StoreFile, CommittedWritesSurviveReopen) {
  auto dir = std::filesystem::temp_directory_path() / ("ebs-store-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto path = (dir / "state.db").string();
  {
    Database db(Database::Options{path});
    migrate(db, {WorkQueue::schema()});
    Transaction tx(db);
    WorkQueue::add(tx, "k", "r", 5, "{}");
    tx.commit();
  }
  {
    Database db(Database::Options{path});
    migrate(db, {WorkQueue::schema()});
    Transaction tx(db);
    auto due = WorkQueue::due(tx, 10, 10);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].kind, "k");
  }
  std::filesystem::remove_all(dir);
}

TEST(StoreFile, NotADatabaseIsRefusedAtOpen) {
  auto path = std::filesystem::temp_directory_path() / ("ebs-bad-" + std::to_string(::getpid()));
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fputs("this is not a database, just some text that is long enough............", f);
    std::fclose(f);
  }
  EXPECT_THROW(Database(Database::Options{path.string()}), StoreError);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ebs::store
