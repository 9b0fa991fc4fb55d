#include "core/scheduler.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace ebs {
namespace {

class SchedulerTest : public ::testing::Test {
 protected:
  SchedulerTest() : db_(store::Database::Options{":memory:"}), scheduler_(db_, clock_) {
    store::migrate(db_, {store::WorkQueue::schema()});
    clock_.set_manual(1'000'000);
    scheduler_.on("test.kind", [this](store::Transaction&, const store::WorkItem& item) {
      ran_.push_back(item.resource);
    });
  }
  void schedule(const std::string& resource, int64_t due) {
    store::Transaction tx(db_);
    scheduler_.schedule(tx, "test.kind", resource, due);
    tx.commit();
  }
  store::Database db_;
  Clock clock_;
  Scheduler scheduler_;
  std::vector<std::string> ran_;
};

TEST_F(SchedulerTest, RunsOnlyDueWorkInDueOrder) {
  schedule("later", 1'000'500);
  schedule("first", 1'000'000);
  schedule("second", 1'000'100);
  clock_.advance(100);
  EXPECT_EQ(scheduler_.run_due(), 2u);
  EXPECT_EQ(ran_, (std::vector<std::string>{"first", "second"}));
  EXPECT_TRUE(scheduler_.idle());
  EXPECT_EQ(scheduler_.next_due_at(), 1'000'500);
  clock_.advance(400);
  EXPECT_FALSE(scheduler_.idle());
  scheduler_.run_due();
  EXPECT_EQ(ran_.back(), "later");
}

TEST_F(SchedulerTest, FailingHandlerIsPostponedNotLost) {
  int calls = 0;
  scheduler_.on("test.fail", [&](store::Transaction&, const store::WorkItem&) {
    ++calls;
    throw std::runtime_error("boom");
  });
  {
    store::Transaction tx(db_);
    scheduler_.schedule(tx, "test.fail", "r", 1'000'000);
    tx.commit();
  }
  scheduler_.run_due();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(scheduler_.next_due_at(), 1'001'000);  // retried a second later
}

TEST_F(SchedulerTest, RolledBackScheduleLeavesNoRow) {
  {
    store::Transaction tx(db_);
    scheduler_.schedule(tx, "test.kind", "r", 0);
  }
  EXPECT_FALSE(scheduler_.next_due_at());
}

TEST(Clock, ManualClockMovesOnlyWhenAdvanced) {
  Clock clock;
  clock.set_manual(5000);
  EXPECT_EQ(clock.now_ms(), 5000);
  EXPECT_EQ(clock.real_wait_ms(6000), -1);
  clock.advance(1000);
  EXPECT_EQ(clock.now_ms(), 6000);
  EXPECT_EQ(clock.real_wait_ms(6000), 0);
}

TEST(Clock, ScaledClockWaitsLess) {
  Clock clock;
  clock.set_scale(100.0);
  int64_t now = clock.now_ms();
  EXPECT_LE(clock.real_wait_ms(now + 100'000), 1000);
}

}  // namespace
}  // namespace ebs
