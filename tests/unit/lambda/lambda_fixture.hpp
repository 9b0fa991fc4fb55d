// The Lambda, Logs and IAM services on an in-memory store with a manual clock and a scheduler run
// by hand, for the lambda unit tests.
#pragma once

#include <filesystem>

#include "iam/iam_service.hpp"
#include "lambda/function_service.hpp"
#include "logs/log_service.hpp"
#include "store/iam/iam_schema.hpp"
#include "store/lambda/lambda_schema.hpp"
#include "store/logs/logs_schema.hpp"
#include "support/service_harness.hpp"

namespace ebs::lambda {

class LambdaFixture : public test::ServiceHarness<test::NullSink> {
 protected:
  LambdaFixture()
      : ServiceHarness(7, {store::lambda_schema(), store::logs_schema(), store::iam_schema()}),
        work_dir_(std::filesystem::temp_directory_path() /
                  ("lambda-unit-" +
                   std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        code_(work_dir_),
        functions_(deps(), code_),
        logs_(deps()),
        iam_(deps()) {
    functions_.register_work();
  }
  ~LambdaFixture() override {
    std::error_code ec;
    std::filesystem::remove_all(work_dir_, ec);
  }

  std::filesystem::path work_dir_;
  CodeStore code_;
  FunctionService functions_;
  logs::LogService logs_;
  iam::IamService iam_;
};

// A zip holding one stored (uncompressed) file, built by hand so the tests need no zip tool.
std::string stored_zip(const std::string& name, const std::string& content);

}  // namespace ebs::lambda
