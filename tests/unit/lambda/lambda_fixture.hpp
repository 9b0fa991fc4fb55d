// The Lambda, Logs and IAM services on an in-memory store with a manual clock and a scheduler run
// by hand, for the lambda unit tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "core/services.hpp"
#include "iam/iam_service.hpp"
#include "lambda/function_service.hpp"
#include "logs/log_service.hpp"
#include "store/iam/iam_schema.hpp"
#include "store/lambda/lambda_schema.hpp"
#include "store/logs/logs_schema.hpp"
#include "store/work_queue.hpp"

namespace ebs::lambda {

class NullSink : public EventSink {
 public:
  void publish(store::Transaction&, const std::string&, const std::string&, const std::string&,
               const nlohmann::ordered_json&) override {}
};

class LambdaFixture : public ::testing::Test {
 protected:
  static constexpr int64_t kStart = 1'700'000'000'000;

  LambdaFixture()
      : work_dir_(std::filesystem::temp_directory_path() /
                  ("lambda-unit-" +
                   std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        db_(store::Database::Options{":memory:"}),
        scheduler_(db_, clock_),
        deps_{db_, clock_, ids_, scheduler_, sink_, config_, faults_},
        code_(work_dir_),
        functions_(deps_, code_),
        logs_(deps_),
        iam_(deps_) {
    store::migrate(db_, {store::WorkQueue::schema(), store::lambda_schema(), store::logs_schema(),
                         store::iam_schema()});
    clock_.set_manual(kStart);
    functions_.register_work();
  }
  ~LambdaFixture() override {
    std::error_code ec;
    std::filesystem::remove_all(work_dir_, ec);
  }

  RequestContext ctx(const std::string& account = "111111111111",
                     const std::string& region = "us-east-1") {
    return {account, region, ids_.uuid(), clock_.now_ms()};
  }
  template <typename F>
  std::string error_of(F&& f, std::string* message = nullptr) {
    try {
      f();
    } catch (const AwsError& e) {
      if (message) *message = e.message();
      return e.code();
    }
    return "";
  }

  std::filesystem::path work_dir_;
  store::Database db_;
  Clock clock_;
  IdGenerator ids_{7};
  Scheduler scheduler_;
  NullSink sink_;
  Config config_;
  FaultRegistry faults_;
  ServiceDeps deps_;
  CodeStore code_;
  FunctionService functions_;
  logs::LogService logs_;
  iam::IamService iam_;
};

// A zip holding one stored (uncompressed) file, built by hand so the tests need no zip tool.
std::string stored_zip(const std::string& name, const std::string& content);

}  // namespace ebs::lambda
