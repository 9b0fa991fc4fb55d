// Asynchronous invocations (InvocationType=Event) are persisted before the 202 and resumed after a
// restart: the row's attempt and due time follow Lambda's retries (one and two minutes), the
// request id stays the same, and the row is gone when the invocation ends. The function is an Image
// function whose invoke URL refuses connections, so every attempt is a function error without a
// runtime.
#include <chrono>
#include <memory>
#include <thread>

#include "lambda/invoke_service.hpp"
#include "lambda_fixture.hpp"
#include "store/lambda/async_invocation_table.hpp"
#include "store/lambda/invocation_table.hpp"

namespace ebs::lambda {
namespace {

class AsyncInvocationTest : public LambdaFixture {
 protected:
  AsyncInvocationTest() {
    store::migrate(db_, {store::AsyncInvocationTable::schema()});
    CreateFunctionRequest r;
    r.name = "img";
    r.package_type = "Image";
    r.image_uri = "111111111111.dkr.ecr.us-east-1.amazonaws.com/img:latest";
    r.config.role = "arn:aws:iam::111111111111:role/r";
    r.config.timeout = 3;
    r.tags[kInvokeUrlTag] = "http://127.0.0.1:1/2015-03-31/functions/function/invocations";
    functions_.create(ctx(), r);
    scheduler().run_due();
    start();
  }
  ~AsyncInvocationTest() override { invoker_.reset(); }

  // A process start: a new service on the same store, resuming what the last one left.
  void start() {
    invoker_.reset();
    invoker_ = std::make_unique<InvokeService>(deps(), functions_, logs_);
    invoker_->resume();
  }
  std::vector<store::AsyncInvocationRow> rows() {
    store::Transaction tx(db_);
    auto out = store::AsyncInvocationTable::all(tx);
    tx.commit();
    return out;
  }
  std::vector<store::InvocationRow> invocations() {
    store::Transaction tx(db_);
    auto out = store::InvocationTable::query(tx, {});
    tx.commit();
    return out;
  }
  // Waits (bounded) until nothing is running or due, as /_emulator/settle does.
  void settle() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!invoker_->idle()) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "asynchronous invocations settle";
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  std::unique_ptr<InvokeService> invoker_;
};

TEST_F(AsyncInvocationTest, RetriesAreRowsThatSurviveARestartAndTheRowEndsWithTheLastAttempt) {
  auto c = ctx();
  InvokeRequest request;
  request.function = "img";
  request.invocation_type = "Event";
  request.payload = R"({"n":1})";
  auto outcome = invoker_->invoke(c, request);
  EXPECT_EQ(outcome.status_code, 202);
  settle();
  auto runs = invocations();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].request_id, c.request_id);
  EXPECT_EQ(runs[0].invocation_type, "Event");
  EXPECT_EQ(runs[0].status, "runtime-error");
  auto pending = rows();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].request_id, c.request_id);
  EXPECT_EQ(pending[0].function, "img");
  EXPECT_EQ(pending[0].payload, R"({"n":1})");
  EXPECT_EQ(pending[0].attempt, 1);
  EXPECT_EQ(pending[0].due_at, kStart + 60000);

  start();  // the retry is pending across the restart and runs when due, not before
  clock_.advance(59999);
  settle();
  EXPECT_EQ(invocations().size(), 1u);
  clock_.advance(1);
  settle();
  ASSERT_EQ(invocations().size(), 2u);
  EXPECT_EQ(invocations()[1].request_id, c.request_id);
  pending = rows();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].attempt, 2);
  EXPECT_EQ(pending[0].due_at, kStart + 60000 + 120000);

  clock_.advance(120000);
  settle();
  ASSERT_EQ(invocations().size(), 3u);
  EXPECT_EQ(invocations()[2].request_id, c.request_id);
  EXPECT_TRUE(rows().empty());  // the final failure ends it
  start();
  clock_.advance(600000);
  settle();
  EXPECT_EQ(invocations().size(), 3u);
}

TEST_F(AsyncInvocationTest, AnAcceptedRowLeftByACrashIsResumedWithItsRequestId) {
  invoker_.reset();
  store::AsyncInvocationRow row;
  row.request_id = "0f5e7c1a-1111-4222-8333-444455556666";
  row.account = "111111111111";
  row.region = "us-east-1";
  row.function = "arn:aws:lambda:us-east-1:111111111111:function:img";
  row.payload = R"({"resumed":true})";
  row.source = "api";
  row.due_at = kStart;
  {
    store::Transaction tx(db_);
    store::AsyncInvocationTable::insert(tx, row);
    tx.commit();
  }
  start();
  settle();
  auto runs = invocations();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].request_id, row.request_id);
  EXPECT_EQ(runs[0].function_name, "img");
  EXPECT_EQ(runs[0].event, R"({"resumed":true})");
  ASSERT_EQ(rows().size(), 1u);
  EXPECT_EQ(rows()[0].attempt, 1);
}

TEST_F(AsyncInvocationTest, ARowForADeletedFunctionIsDropped) {
  invoker_.reset();
  store::AsyncInvocationRow row;
  row.request_id = "r";
  row.account = "111111111111";
  row.region = "us-east-1";
  row.function = "gone";
  row.due_at = kStart;
  {
    store::Transaction tx(db_);
    store::AsyncInvocationTable::insert(tx, row);
    tx.commit();
  }
  start();
  settle();
  EXPECT_TRUE(invocations().empty());
  EXPECT_TRUE(rows().empty());
}

}  // namespace
}  // namespace ebs::lambda
