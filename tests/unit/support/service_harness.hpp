// The set-up the service unit tests share: an in-memory store migrated with the modules a test
// names, a manual clock at kStart, a seeded IdGenerator, a scheduler run by hand (advance()), an
// event sink, Config, FaultRegistry and the ServiceDeps that wire them; and the event sinks
// (recording, counting, null).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "store/migrations.hpp"
#include "store/work_queue.hpp"
#include "support/error_of.hpp"

namespace ebs::test {

// Records every event, checking it goes to the default bus of the account and region it names.
class RecordingSink : public EventSink {
 public:
  void publish(store::Transaction&, const std::string& account, const std::string& region,
               const std::string& bus, const nlohmann::ordered_json& event) override {
    EXPECT_EQ(bus, "default");
    EXPECT_EQ(event["account"], account);
    EXPECT_EQ(event["region"], region);
    events.push_back(event);
  }
  // The events whose detail.event is `name`.
  std::vector<nlohmann::ordered_json> of(const std::string& name) const {
    std::vector<nlohmann::ordered_json> out;
    for (const auto& e : events) {
      if (e["detail"].value("event", "") == name) out.push_back(e);
    }
    return out;
  }
  // The events whose detail-type is `detail_type`.
  std::vector<nlohmann::ordered_json> of_type(const std::string& detail_type) const {
    std::vector<nlohmann::ordered_json> out;
    for (const auto& e : events) {
      if (e["detail-type"] == detail_type) out.push_back(e);
    }
    return out;
  }
  std::vector<nlohmann::ordered_json> events;
};

// Only counts the events.
class CountingSink : public EventSink {
 public:
  void publish(store::Transaction&, const std::string&, const std::string&, const std::string&,
               const nlohmann::ordered_json&) override {
    ++count;
  }
  int count = 0;
};

// Drops the events.
class NullSink : public EventSink {
 public:
  void publish(store::Transaction&, const std::string&, const std::string&, const std::string&,
               const nlohmann::ordered_json&) override {}
};

// A test fixture base: the fixture builds its services on deps() in its own members (constructed
// after these) and sets config_ in its constructor.
template <typename Sink = RecordingSink>
class ServiceHarness : public ::testing::Test {
 protected:
  static constexpr int64_t kStart = 1'700'000'000'000;

  // Migrates the work queue and then `modules`, and sets the clock to kStart.
  ServiceHarness(uint64_t id_seed, std::vector<store::ModuleSchema> modules)
      : db_(store::Database::Options{":memory:"}), ids_(id_seed) {
    restart_scheduler();
    modules.insert(modules.begin(), store::WorkQueue::schema());
    store::migrate(db_, modules);
    clock_.set_manual(kStart);
  }

  Scheduler& scheduler() { return *scheduler_; }
  ServiceDeps& deps() { return *deps_; }

  // A process restart: a new scheduler (nothing registered) and deps on the same store and clock.
  // The services built on the old deps() must be gone first.
  void restart_scheduler() {
    deps_.reset();
    scheduler_ = std::make_unique<Scheduler>(db_, clock_);
    deps_ = std::make_unique<ServiceDeps>(
        ServiceDeps{db_, clock_, ids_, *scheduler_, sink_, config_, faults_});
  }

  RequestContext ctx(const std::string& account = "111111111111",
                     const std::string& region = "us-east-1") {
    return {account, region, ids_.uuid(), clock_.now_ms()};
  }
  // Moves the manual clock and runs the work that became due.
  size_t advance(int64_t ms) {
    clock_.advance(ms);
    return scheduler_->run_due();
  }
  template <typename F>
  static std::string error_of(F&& f, std::string* message = nullptr) {
    return test::error_of(std::forward<F>(f), message);
  }

  store::Database db_;
  Clock clock_;
  IdGenerator ids_;
  Sink sink_;
  Config config_;
  FaultRegistry faults_;

 private:
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<ServiceDeps> deps_;
};

}  // namespace ebs::test
