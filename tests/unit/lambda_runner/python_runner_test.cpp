// Runner tests with real `python3`: results, AWS error documents, import errors, timeouts, warm
// reuse, environment, logs and crashes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "lambda/runner/lambda_log_format.hpp"
#include "lambda/runner/runner.hpp"
#include "lambda/runner/runtimes.hpp"
#include "test_support.hpp"

namespace ebs::lambda {
namespace {

using json = nlohmann::json;
using Status = InvokeResult::Status;
using testing::make_function;
using testing::TempDir;
using testing::test_config;

class PythonRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!runtime_available("python3.12")) GTEST_SKIP() << "python3 is not installed";
  }

  FunctionSpec function(const std::string& name, const std::string& app_py,
                        const std::string& handler = "app.lambda_handler") {
    return make_function(dir_.path(), name, "python3.12", handler, {{"app.py", app_py}});
  }

  TempDir dir_;
  Runner runner_{test_config()};
};

TEST_F(PythonRunnerTest, ReturnsTheHandlersValueAsJson) {
  static const struct {
    const char* name;
    const char* code;
    const char* payload;
  } kCases[] = {
      {"dict", "def lambda_handler(event, context):\n    return {'got': event['x'], 'ok': True}\n",
       R"({"got": 1, "ok": true})"},
      {"none", "def lambda_handler(event, context):\n    pass\n", "null"},
      {"string", "def lambda_handler(event, context):\n    return 'hi'\n", R"("hi")"},
      {"decimal",
       "import decimal\ndef lambda_handler(event, context):\n    return [decimal.Decimal('2'), "
       "decimal.Decimal('1.5')]\n",
       "[2, 1.5]"},
  };
  for (const auto& c : kCases) {
    auto result = runner_.invoke(function(c.name, c.code), R"({"x":1})", "r1");
    EXPECT_EQ(result.status, Status::kOk) << c.name << ": " << result.payload << result.log;
    EXPECT_EQ(result.payload, c.payload) << c.name;
  }
}

TEST_F(PythonRunnerTest, ErrorsAsAwsSerialisesThem) {
  auto spec =
      function("raises", "def lambda_handler(event, context):\n    raise ValueError('boom')\n");
  auto result = runner_.invoke(spec, "{}", "req-raise");
  EXPECT_EQ(result.status, Status::kFunctionError);
  auto doc = json::parse(result.payload);
  EXPECT_EQ(doc["errorMessage"], "boom");
  EXPECT_EQ(doc["errorType"], "ValueError");
  EXPECT_EQ(doc["requestId"], "req-raise");
  ASSERT_EQ(doc["stackTrace"].size(), 1u);
  EXPECT_EQ(doc["stackTrace"][0],
            "  File \"" + (spec.code_dir / "app.py").string() +
                "\", line 2, in lambda_handler\n    raise ValueError('boom')\n");
  // Key order as AWS writes it.
  EXPECT_EQ(
      result.payload.rfind(
          R"({"errorMessage": "boom", "errorType": "ValueError", "requestId": "req-raise", "stackTrace": [)",
          0),
      0u)
      << result.payload;
  EXPECT_NE(result.log.find("[ERROR] ValueError: boom\rTraceback (most recent call last):\r"),
            std::string::npos)
      << result.log;

  auto unserialisable = runner_.invoke(
      function("marshal", "def lambda_handler(event, context):\n    return object()\n"), "{}",
      "r2");
  EXPECT_EQ(unserialisable.status, Status::kFunctionError);
  EXPECT_EQ(json::parse(unserialisable.payload)["errorType"], "Runtime.MarshalError");
}

TEST_F(PythonRunnerTest, ImportErrorsAsAwsReportsThem) {
  auto missing_module = runner_.invoke(function("no-module", "", "nomod.handler"), "{}", "r1");
  EXPECT_EQ(missing_module.status, Status::kRuntimeError);
  EXPECT_EQ(
      missing_module.payload,
      R"({"errorMessage": "Unable to import module 'nomod': No module named 'nomod'", "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []})");

  auto missing_function =
      runner_.invoke(function("no-function", "def other(e, c):\n    pass\n"), "{}", "r2");
  EXPECT_EQ(missing_function.status, Status::kRuntimeError);
  EXPECT_EQ(
      missing_function.payload,
      R"({"errorMessage": "Handler 'lambda_handler' missing on module 'app'", "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []})");

  auto syntax = runner_.invoke(function("syntax", "def lambda_handler(:\n"), "{}", "r3");
  EXPECT_EQ(json::parse(syntax.payload)["errorType"], "Runtime.UserCodeSyntaxError");

  auto nested = make_function(
      dir_.path(), "nested", "python3.12", "pkg/mod.run",
      {{"pkg/__init__.py", ""}, {"pkg/mod.py", "def run(event, context):\n    return 'nested'\n"}});
  EXPECT_EQ(runner_.invoke(nested, "{}", "r4").payload, R"("nested")");
}

TEST_F(PythonRunnerTest, TimeoutKillsTheProcessAndTheNextInvocationWorks) {
  auto spec = function("sleepy",
                       "import time\ndef lambda_handler(event, context):\n"
                       "    if event.get('sleep'):\n        time.sleep(30)\n    return 'ok'\n");
  spec.timeout_seconds = 1;
  auto timed_out = runner_.invoke(spec, R"({"sleep":true})", "r1");
  EXPECT_EQ(timed_out.status, Status::kTimeout);
  EXPECT_EQ(timed_out.payload, timeout_payload("r1", 1));
  EXPECT_NE(timed_out.log.find("r1 Task timed out after 1.00 seconds\n"), std::string::npos);
  auto next = runner_.invoke(spec, "{}", "r2");
  EXPECT_EQ(next.status, Status::kOk);
  EXPECT_EQ(next.payload, R"("ok")");
}

TEST_F(PythonRunnerTest, WarmProcessKeepsModuleState) {
  auto spec = function("counter",
                       "n = 0\ndef lambda_handler(event, context):\n    global n\n    n += 1\n"
                       "    return n\n");
  EXPECT_EQ(runner_.invoke(spec, "{}", "r1").payload, "1");
  EXPECT_EQ(runner_.invoke(spec, "{}", "r2").payload, "2");
  runner_.evict("counter");
  EXPECT_EQ(runner_.invoke(spec, "{}", "r3").payload, "1");
}

TEST_F(PythonRunnerTest, EnvironmentContextAndLogs) {
  auto spec = function("env", R"(import logging, os, sys
print('loading')
def lambda_handler(event, context):
    print('hello from', context.function_name)
    logging.getLogger().warning('careful')
    return {
        'user': os.environ['GREETING'],
        'region': os.environ['AWS_REGION'],
        'key': os.environ['AWS_ACCESS_KEY_ID'],
        'endpoint': os.environ['AWS_ENDPOINT_URL'],
        'token': 'AWS_SESSION_TOKEN' in os.environ,
        'path0': sys.path[0],
        'ctx': [context.aws_request_id, context.function_name, context.memory_limit_in_mb,
                context.invoked_function_arn, context.log_group_name,
                0 < context.get_remaining_time_in_millis() <= 3000],
    }
)");
  spec.environment = {{"GREETING", "`rm -rf /`"}};
  auto result = runner_.invoke(spec, "{}", "req-py");
  ASSERT_EQ(result.status, Status::kOk) << result.payload << result.log;
  auto doc = json::parse(result.payload);
  EXPECT_EQ(doc["user"], "`rm -rf /`");
  EXPECT_EQ(doc["region"], "us-east-2");
  EXPECT_EQ(doc["key"], "123456789012");
  EXPECT_EQ(doc["endpoint"], "http://127.0.0.1:9");
  EXPECT_EQ(doc["token"], false);
  EXPECT_EQ(doc["path0"], spec.code_dir.string());
  EXPECT_EQ(doc["ctx"], json::parse(R"(["req-py", "env", "128", ")" + spec.function_arn +
                                    R"(", "/aws/lambda/env", true])"));
  std::regex expected(R"(loading\nSTART RequestId: req-py Version: \$LATEST\nhello from env\n)"
                      R"(\[WARNING\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\treq-py\tcareful\n)"
                      R"(END RequestId: req-py\nREPORT RequestId: req-py\t.*Init Duration: .*\n)");
  EXPECT_TRUE(std::regex_match(result.log, expected)) << result.log;
}

TEST_F(PythonRunnerTest, OldBotocoreGetsTheEmulatorEndpoint) {
  // A stand-in botocore in the function's code: old releases ignore AWS_ENDPOINT_URL, so the
  // bootstrap gives their clients the endpoint; 1.31 and later read it themselves.
  static const struct {
    const char* version;
    const char* endpoints;
  } kCases[] = {{"1.29.0", R"(["http://127.0.0.1:9", "http://own:1"])"},
                {"1.31.0", R"([null, "http://own:1"])"}};
  for (const auto& c : kCases) {
    auto spec = make_function(
        dir_.path(), std::string("botocore-") + c.version, "python3.12", "app.lambda_handler",
        {{"botocore/__init__.py", std::string("__version__ = '") + c.version + "'\n"},
         {"botocore/session.py",
          "class Session:\n"
          "    def create_client(self, service_name, region_name=None, api_version=None,\n"
          "                      use_ssl=True, verify=None, endpoint_url=None):\n"
          "        return endpoint_url\n"},
         {"app.py",
          "import botocore.session\n"
          "def lambda_handler(event, context):\n"
          "    s = botocore.session.Session()\n"
          "    return [s.create_client('ec2'), s.create_client('ec2', "
          "endpoint_url='http://own:1')]\n"}});
    auto result = runner_.invoke(spec, "{}", "r1");
    ASSERT_EQ(result.status, Status::kOk) << result.payload << result.log;
    EXPECT_EQ(json::parse(result.payload), json::parse(c.endpoints)) << c.version;
  }
}

TEST_F(PythonRunnerTest, SysExitIsARuntimeError) {
  auto spec =
      function("exits", "import sys\ndef lambda_handler(event, context):\n    sys.exit(2)\n");
  auto result = runner_.invoke(spec, "{}", "r1");
  EXPECT_EQ(result.status, Status::kRuntimeError);
  EXPECT_EQ(result.payload, exit_payload("r1", "exit status 2"));
}

TEST_F(PythonRunnerTest, HandlerNamesAreNeverInterpretedByAShell) {
  auto spec = function("shell", "def lambda_handler(event, context):\n    return 1\n");
  for (const char* handler : {"app;touch pwned.lambda_handler", "$(touch pwned).lambda_handler"}) {
    spec.handler = handler;
    auto result = runner_.invoke(spec, "{}", "r");
    EXPECT_EQ(result.status, Status::kRuntimeError) << handler;
    EXPECT_EQ(json::parse(result.payload)["errorType"], "Runtime.ImportModuleError") << handler;
  }
  EXPECT_FALSE(std::filesystem::exists(spec.code_dir / "pwned"));
}

TEST_F(PythonRunnerTest, ConcurrentInvocationsUseSeparateProcesses) {
  auto spec = function("concurrent",
                       "import os, time\ndef lambda_handler(event, context):\n"
                       "    time.sleep(0.3)\n    return os.getpid()\n");
  std::vector<InvokeResult> results(3);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = runner_.invoke(spec, "{}", std::to_string(i)); });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> pids;
  for (const auto& r : results) {
    EXPECT_EQ(r.status, Status::kOk) << r.payload;
    pids.insert(r.payload);
  }
  EXPECT_EQ(pids.size(), results.size());
}

}  // namespace
}  // namespace ebs::lambda
