// The outbox and the delivery engine with an in-memory store: publish writes one delivery per
// target of each matching ENABLED rule in the caller's transaction (none on rollback); the engine
// retries with backoff under RetryPolicy, dead-letters with AWS's attributes, and marks unknown
// target kinds.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "events/delivery_engine.hpp"
#include "events/event_bus.hpp"
#include "store/events/delivery_table.hpp"
#include "store/events/event_table.hpp"
#include "store/events/rule_table.hpp"
#include "store/events/target_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::events {
namespace {

using ojson = nlohmann::ordered_json;

class FakeLambda : public LambdaInvoker {
 public:
  std::atomic<int> calls{0};
  int fail_first = 0;
  bool retryable = true;
  InvokeOutcome invoke_async(const std::string&, const std::string&, const std::string&,
                             const std::string&) override {
    int n = ++calls;
    InvokeOutcome o;
    o.ok = n > fail_first;
    o.retryable = retryable;
    if (!o.ok) {
      o.error_code = "ServiceException";
      o.error_message = "boom";
    }
    return o;
  }
};

class OutboxTest : public ::testing::Test {
 protected:
  OutboxTest() : db_({":memory:", false}), bus_(clock_) {
    store::migrate(db_, {store::WorkQueue::schema(), store::EventTable::schema()});
    clock_.set_manual(1'700'000'000'000);
  }

  void rule(const std::string& name, const std::string& pattern, const std::string& state,
            const std::vector<nlohmann::json>& targets) {
    store::Transaction tx(db_);
    store::RuleRow r;
    r.account = "111111111111";
    r.region = "us-east-1";
    r.bus = "default";
    r.name = name;
    r.arn = "arn:aws:events:us-east-1:111111111111:rule/" + name;
    r.event_pattern = pattern;
    r.state = state;
    r.created_by = r.account;
    store::RuleTable::put(tx, r);
    for (const auto& t : targets) {
      store::TargetTable::put(tx, {r.account, r.region, r.bus, name, t["Id"], t["Arn"], t.dump()});
    }
    bus_.invalidate(r.account, r.region, r.bus);
    tx.commit();
  }

  std::string publish(const std::string& source, bool commit = true) {
    ojson event = {
        {"version", "0"},        {"id", "ev-" + std::to_string(++n_)}, {"detail-type", "t"},
        {"source", source},      {"account", "111111111111"},          {"time", "x"},
        {"region", "us-east-1"}, {"resources", ojson::array()},        {"detail", ojson::object()}};
    store::Transaction tx(db_);
    bus_.publish(tx, "111111111111", "us-east-1", "default", event);
    if (commit) tx.commit();
    return event["id"];
  }

  std::vector<store::DeliveryRow> deliveries(const std::string& event_id) {
    store::Transaction tx(db_);
    store::DeliveryQuery q;
    q.event_id = event_id;
    auto rows = store::DeliveryTable::query(tx, q);
    tx.commit();
    return rows;
  }

  // Waits (bounded) until the delivery reaches a final status, advancing the manual clock so that
  // retries become due.
  store::DeliveryRow settle(const std::string& event_id) {
    for (int i = 0; i < 2000; ++i) {
      auto rows = deliveries(event_id);
      if (!rows.empty() && rows[0].status != "pending" && rows[0].status != "retrying") {
        return rows[0];
      }
      clock_.advance(1000);
      engine_->wake();
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ADD_FAILURE() << "delivery of " << event_id << " did not settle";
    return deliveries(event_id).at(0);
  }

  void start_engine(LambdaInvoker* lambda) {
    engine_ = std::make_unique<DeliveryEngine>(db_, clock_, bus_, DeliveryOptions{2, 2, 1.0, 1000});
    engine_->set_lambda_invoker(lambda);
    engine_->start();
  }

  Clock clock_;
  store::Database db_;
  EventBus bus_;
  std::unique_ptr<DeliveryEngine> engine_;
  int n_ = 0;
};

const char* kFn = "arn:aws:lambda:us-east-1:111111111111:function:f";

TEST_F(OutboxTest, OneDeliveryPerTargetOfEachMatchingEnabledRule) {
  rule("a", R"({"source":["app"]})", "ENABLED",
       {{{"Id", "1"}, {"Arn", kFn}}, {{"Id", "2"}, {"Arn", kFn}, {"Input", "\"x\""}}});
  rule("b", R"({"source":["app"]})", "DISABLED", {{{"Id", "3"}, {"Arn", kFn}}});
  rule("c", R"({"source":["other"]})", "ENABLED", {{{"Id", "4"}, {"Arn", kFn}}});
  auto id = publish("app");
  auto rows = deliveries(id);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].target_id, "1");
  EXPECT_EQ(rows[0].status, "pending");
  EXPECT_EQ(ojson::parse(rows[0].payload)["id"], id);
  EXPECT_EQ(rows[1].payload, "\"x\"");
  // A rolled-back transaction leaves neither the event nor its deliveries.
  auto gone = publish("app", false);
  EXPECT_TRUE(deliveries(gone).empty());
}

TEST_F(OutboxTest, RuleChangesRebuildTheRuleSet) {
  rule("a", R"({"source":["app"]})", "DISABLED", {{{"Id", "1"}, {"Arn", kFn}}});
  EXPECT_TRUE(deliveries(publish("app")).empty());
  rule("a", R"({"source":["app"]})", "ENABLED", {{{"Id", "1"}, {"Arn", kFn}}});
  EXPECT_EQ(deliveries(publish("app")).size(), 1u);
}

TEST_F(OutboxTest, RetriesUntilSuccess) {
  FakeLambda lambda;
  lambda.fail_first = 2;
  rule("a", R"({"source":["app"]})", "ENABLED", {{{"Id", "1"}, {"Arn", kFn}}});
  start_engine(&lambda);
  auto row = settle(publish("app"));
  EXPECT_EQ(row.status, "succeeded");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(lambda.calls.load(), 3);
}

TEST_F(OutboxTest, ExhaustedRetriesAreDeadLettered) {
  FakeLambda lambda;
  lambda.fail_first = 100;
  rule("a", R"({"source":["app"]})", "ENABLED",
       {{{"Id", "1"},
         {"Arn", kFn},
         {"RetryPolicy", {{"MaximumRetryAttempts", 3}}},
         {"DeadLetterConfig", {{"Arn", "arn:aws:sqs:us-east-1:111111111111:dlq"}}}}});
  start_engine(&lambda);
  auto row = settle(publish("app"));
  EXPECT_EQ(row.status, "dead-lettered");
  EXPECT_EQ(row.attempts, 4);
  auto attrs = ojson::parse(*row.dead_letter_attributes);
  EXPECT_EQ(attrs["EXHAUSTED_RETRY_CONDITION"], "MaximumRetryAttempts");
  EXPECT_EQ(attrs["RETRY_ATTEMPTS"], "3");
  EXPECT_EQ(attrs["RULE_ARN"], "arn:aws:events:us-east-1:111111111111:rule/a");
  EXPECT_EQ(attrs["TARGET_ARN"], kFn);
}

TEST_F(OutboxTest, EventAgeLimitsRetries) {
  FakeLambda lambda;
  lambda.fail_first = 1000;
  rule("a", R"({"source":["app"]})", "ENABLED",
       {{{"Id", "1"}, {"Arn", kFn}, {"RetryPolicy", {{"MaximumEventAgeInSeconds", 60}}}}});
  start_engine(&lambda);
  auto row = settle(publish("app"));
  EXPECT_EQ(row.status, "dropped");
  EXPECT_GT(row.attempts, 1);
  EXPECT_LT(row.attempts, 10);  // 1 s, 2 s, 4 s ... backoff reaches 60 s within a few attempts
}

TEST_F(OutboxTest, NonRetryableAndUnsupported) {
  FakeLambda lambda;
  lambda.fail_first = 100;
  lambda.retryable = false;
  rule("a", R"({"source":["app"]})", "ENABLED",
       {{{"Id", "1"}, {"Arn", kFn}},
        {{"Id", "2"}, {"Arn", "arn:aws:sns:us-east-1:111111111111:topic"}}});
  start_engine(&lambda);
  auto id = publish("app");
  settle(id);
  auto rows = deliveries(id);
  for (int i = 0; i < 2000 && (rows[1].status == "pending"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    rows = deliveries(id);
  }
  EXPECT_EQ(rows[0].status, "dropped");
  EXPECT_EQ(rows[0].attempts, 1);
  EXPECT_EQ(rows[1].status, "unsupported");
}

TEST(DeliveryEngine, Backoff) {
  EXPECT_EQ(DeliveryEngine::base_backoff_ms(1), 1000);
  EXPECT_EQ(DeliveryEngine::base_backoff_ms(2), 2000);
  EXPECT_EQ(DeliveryEngine::base_backoff_ms(5), 16000);
  EXPECT_EQ(DeliveryEngine::base_backoff_ms(100), 180000);
}

}  // namespace
}  // namespace ebs::events
