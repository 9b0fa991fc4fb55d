// Runner tests with real `node`: handler styles, AWS error documents, timeouts, warm reuse, logs,
// and functions that crash, misbehave, flood their output or fork.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
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
using testing::eventually;
using testing::make_function;
using testing::TempDir;
using testing::test_config;

class NodeRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!runtime_available("nodejs20.x")) GTEST_SKIP() << "node is not installed";
  }

  FunctionSpec function(const std::string& name, const std::string& index_js,
                        const std::string& handler = "index.handler") {
    return make_function(dir_.path(), name, "nodejs20.x", handler, {{"index.js", index_js}});
  }

  TempDir dir_;
  Runner runner_{test_config()};  // destroyed before dir_
};

TEST_F(NodeRunnerTest, HandlerStyles) {
  static const struct {
    const char* name;
    const char* code;
    const char* event;
    const char* payload;
  } kCases[] = {
      {"callback", "exports.handler = (e, ctx, cb) => cb(null, {got: e.x, fn: ctx.functionName});",
       R"({"x":1})", R"({"got":1,"fn":"callback"})"},
      {"async", "exports.handler = async (e) => ({sum: e.a + e.b});", R"({"a":2,"b":3})",
       R"({"sum":5})"},
      {"promise", "exports.handler = () => new Promise((r) => setTimeout(() => r('later'), 20));",
       "{}", R"("later")"},
      // AWS ignores the return value of a non-async handler that never calls back: null.
      {"sync-return", "exports.handler = () => 42;", "{}", "null"},
      {"undefined", "exports.handler = async () => {};", "{}", "null"},
      {"succeed", "exports.handler = (e, ctx) => { ctx.succeed('s'); };", "{}", R"("s")"},
      {"done", "exports.handler = (e, ctx) => { ctx.done(null, [1, 2]); };", "{}", "[1,2]"},
      {"first-call-wins", "exports.handler = (e, ctx, cb) => { cb(null, 1); cb(null, 2); };", "{}",
       "1"},
  };
  for (const auto& c : kCases) {
    auto result = runner_.invoke(function(c.name, c.code), c.event, std::string("req-") + c.name);
    EXPECT_EQ(result.status, Status::kOk) << c.name << ": " << result.payload << "\n" << result.log;
    EXPECT_EQ(result.payload, c.payload) << c.name;
    EXPECT_EQ(result.request_id, std::string("req-") + c.name);
  }
}

TEST_F(NodeRunnerTest, ErrorsAsAwsSerialisesThem) {
  auto thrown = runner_.invoke(
      function("thrown", "exports.handler = async () => { throw new TypeError('bad input'); };"),
      "{}", "r1");
  EXPECT_EQ(thrown.status, Status::kFunctionError);
  auto doc = json::parse(thrown.payload);
  EXPECT_EQ(doc["errorType"], "TypeError");
  EXPECT_EQ(doc["errorMessage"], "bad input");
  ASSERT_GE(doc["trace"].size(), 2u);
  EXPECT_EQ(doc["trace"][0], "TypeError: bad input");
  EXPECT_EQ(doc["trace"][1].get<std::string>().rfind("    at ", 0), 0u);
  EXPECT_NE(thrown.log.find("\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\""),
            std::string::npos)
      << thrown.log;

  auto string_error = runner_.invoke(
      function("string-error", "exports.handler = (e, c, cb) => cb('some string');"), "{}", "r2");
  EXPECT_EQ(string_error.status, Status::kFunctionError);
  EXPECT_EQ(string_error.payload,
            R"({"errorType":"string","errorMessage":"some string","trace":[]})");

  auto rejected = runner_.invoke(
      function("rejected", "exports.handler = () => Promise.reject(new Error('nope'));"), "{}",
      "r3");
  EXPECT_EQ(rejected.status, Status::kFunctionError);
  EXPECT_EQ(json::parse(rejected.payload)["errorMessage"], "nope");

  auto failed =
      runner_.invoke(function("fail", "exports.handler = (e, ctx) => ctx.fail();"), "{}", "r4");
  EXPECT_EQ(failed.status, Status::kFunctionError);
  EXPECT_EQ(failed.payload, R"({"errorType":"string","errorMessage":"handled","trace":[]})");
}

TEST_F(NodeRunnerTest, LoadErrorsAsAwsReportsThem) {
  auto missing_module = runner_.invoke(function("no-module", "", "missing.handler"), "{}", "r1");
  EXPECT_EQ(missing_module.status, Status::kRuntimeError);
  auto doc = json::parse(missing_module.payload);
  EXPECT_EQ(doc["errorType"], "Runtime.ImportModuleError");
  EXPECT_EQ(doc["errorMessage"],
            "Error: Cannot find module 'missing'\nRequire stack:\n- /var/runtime/index.mjs");
  EXPECT_EQ(doc["trace"][0], "Runtime.ImportModuleError: Error: Cannot find module 'missing'");

  auto missing_export =
      runner_.invoke(function("no-export", "exports.other = () => 1;"), "{}", "r2");
  EXPECT_EQ(missing_export.status, Status::kRuntimeError);
  doc = json::parse(missing_export.payload);
  EXPECT_EQ(doc["errorType"], "Runtime.HandlerNotFound");
  EXPECT_EQ(doc["errorMessage"], "index.handler is undefined or not exported");

  auto not_function = runner_.invoke(function("not-fn", "exports.handler = 5;"), "{}", "r3");
  EXPECT_EQ(json::parse(not_function.payload)["errorMessage"], "index.handler is not a function");

  auto syntax = runner_.invoke(function("syntax", "exports.handler = (;"), "{}", "r4");
  EXPECT_EQ(syntax.status, Status::kRuntimeError);
  EXPECT_EQ(json::parse(syntax.payload)["errorType"], "Runtime.UserCodeSyntaxError");

  auto init_throws =
      runner_.invoke(function("init-throws", "throw new RangeError('at load');"), "{}", "r5");
  EXPECT_EQ(init_throws.status, Status::kRuntimeError);
  EXPECT_EQ(json::parse(init_throws.payload)["errorType"], "RangeError");
  EXPECT_NE(init_throws.log.find("REPORT RequestId: r5"), std::string::npos);
  EXPECT_NE(init_throws.log.find("Status: error\tError Type: RangeError"), std::string::npos)
      << init_throws.log;
}

TEST_F(NodeRunnerTest, EsModulesAndNestedHandlers) {
  auto spec = make_function(dir_.path(), "esm", "nodejs20.x", "index.handler",
                            {{"index.mjs", "export const handler = async () => 'esm';"}});
  EXPECT_EQ(runner_.invoke(spec, "{}", "r1").payload, R"("esm")");

  auto typed = make_function(
      dir_.path(), "type-module", "nodejs20.x", "index.handler",
      {{"package.json", R"({"type":"module"})"},
       {"index.js",
        "export async function handler() { return import.meta.url.endsWith('index.js'); }"}});
  EXPECT_EQ(runner_.invoke(typed, "{}", "r2").payload, "true");

  auto nested =
      make_function(dir_.path(), "nested", "nodejs20.x", "src/app.handlers.main",
                    {{"src/app.js", "exports.handlers = { main: async () => 'nested' };"}});
  EXPECT_EQ(runner_.invoke(nested, "{}", "r3").payload, R"("nested")");
}

TEST_F(NodeRunnerTest, TimeoutKillsTheProcessAndTheNextInvocationWorks) {
  auto spec =
      function("loop", "exports.handler = async (e) => { if (e.loop) for (;;) {} return 'ok'; };");
  spec.timeout_seconds = 1;
  auto timed_out = runner_.invoke(spec, R"({"loop":true})", "r1");
  EXPECT_EQ(timed_out.status, Status::kTimeout);
  EXPECT_EQ(timed_out.payload, timeout_payload("r1", 1));
  EXPECT_GE(timed_out.duration_ms, 1000);
  EXPECT_LT(timed_out.duration_ms, 3000);
  EXPECT_TRUE(std::regex_search(
      timed_out.log,
      std::regex(
          R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z r1 Task timed out after 1\.00 seconds\nEND RequestId: r1\nREPORT RequestId: r1\t.*\tStatus: timeout\n$)")))
      << timed_out.log;
  EXPECT_EQ(runner_.warm_count("loop"), 0u);

  auto next = runner_.invoke(spec, R"({"loop":false})", "r2");
  EXPECT_EQ(next.status, Status::kOk) << next.log;
  EXPECT_EQ(next.payload, R"("ok")");
}

TEST_F(NodeRunnerTest, WarmProcessIsReusedUntilEvicted) {
  auto spec = function("counter", "let n = 0; exports.handler = async () => ++n;");
  EXPECT_EQ(runner_.invoke(spec, "{}", "r1").payload, "1");
  EXPECT_EQ(runner_.warm_count("counter"), 1u);
  auto warm = runner_.invoke(spec, "{}", "r2");
  EXPECT_EQ(warm.payload, "2");
  EXPECT_EQ(warm.log.find("Init Duration"), std::string::npos) << warm.log;

  runner_.evict("counter");
  EXPECT_EQ(runner_.warm_count("counter"), 0u);
  EXPECT_EQ(runner_.invoke(spec, "{}", "r3").payload, "1");

  auto changed = spec;
  changed.environment["X"] = "1";  // a configuration change gets a fresh process
  EXPECT_EQ(runner_.invoke(changed, "{}", "r4").payload, "1");
}

TEST_F(NodeRunnerTest, EnvironmentAndContext) {
  auto spec = function("env", R"(
exports.handler = async (e, ctx) => ({
  user: process.env.GREETING,
  region: process.env.AWS_REGION,
  defaultRegion: process.env.AWS_DEFAULT_REGION,
  key: process.env.AWS_ACCESS_KEY_ID,
  secret: process.env.AWS_SECRET_ACCESS_KEY,
  token: process.env.AWS_SESSION_TOKEN === undefined,
  endpoint: process.env.AWS_ENDPOINT_URL,
  name: process.env.AWS_LAMBDA_FUNCTION_NAME,
  memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  taskRoot: process.env.LAMBDA_TASK_ROOT,
  handler: process.env._HANDLER,
  cwd: process.cwd(),
  ctx: {
    awsRequestId: ctx.awsRequestId, functionName: ctx.functionName,
    functionVersion: ctx.functionVersion, invokedFunctionArn: ctx.invokedFunctionArn,
    memoryLimitInMB: ctx.memoryLimitInMB, logGroupName: ctx.logGroupName,
    waits: ctx.callbackWaitsForEmptyEventLoop,
    remainingOk: ctx.getRemainingTimeInMillis() > 0 && ctx.getRemainingTimeInMillis() <= 3000,
    stream: /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/.test(ctx.logStreamName),
  },
});)");
  spec.environment = {{"GREETING", "hi; $(echo not-a-shell)"}, {"AWS_REGION", "eu-west-1"}};
  auto result = runner_.invoke(spec, "{}", "req-env");
  ASSERT_EQ(result.status, Status::kOk) << result.payload << result.log;
  auto doc = json::parse(result.payload);
  EXPECT_EQ(doc["user"], "hi; $(echo not-a-shell)");
  EXPECT_EQ(doc["region"], "us-east-2");
  EXPECT_EQ(doc["defaultRegion"], "us-east-2");
  EXPECT_EQ(doc["key"], "123456789012");
  EXPECT_EQ(doc["secret"], "test");
  EXPECT_EQ(doc["token"], true);
  EXPECT_EQ(doc["endpoint"], "http://127.0.0.1:9");
  EXPECT_EQ(doc["name"], "env");
  EXPECT_EQ(doc["memory"], "128");
  EXPECT_EQ(doc["taskRoot"], spec.code_dir.string());
  EXPECT_EQ(doc["handler"], "index.handler");
  EXPECT_EQ(doc["cwd"], spec.code_dir.string());
  const json expected_ctx = {{"awsRequestId", "req-env"},
                             {"functionName", "env"},
                             {"functionVersion", "$LATEST"},
                             {"invokedFunctionArn", spec.function_arn},
                             {"memoryLimitInMB", "128"},
                             {"logGroupName", "/aws/lambda/env"},
                             {"waits", true},
                             {"remainingOk", true},
                             {"stream", true}};
  EXPECT_EQ(doc["ctx"], expected_ctx);
}

TEST_F(NodeRunnerTest, HandlerNamesAreNeverInterpretedByAShell) {
  static const char* const kHandlers[] = {
      "index;touch pwned.handler",
      "$(touch pwned).handler",
      "`touch pwned`.handler",
      "index.handler;touch pwned",
  };
  auto spec = function("shell", "exports.handler = async () => 'ran';");
  for (const char* handler : kHandlers) {
    spec.handler = handler;
    auto result = runner_.invoke(spec, "{}", "r");
    EXPECT_EQ(result.status, Status::kRuntimeError) << handler << ": " << result.payload;
    auto type = json::parse(result.payload)["errorType"];
    EXPECT_TRUE(type == "Runtime.ImportModuleError" || type == "Runtime.HandlerNotFound")
        << handler << ": " << result.payload;
  }
  EXPECT_FALSE(std::filesystem::exists(spec.code_dir / "pwned"));
  EXPECT_FALSE(std::filesystem::exists("pwned"));
}

TEST_F(NodeRunnerTest, ConcurrentInvocationsUseSeparateProcesses) {
  auto spec = function(
      "concurrent",
      "exports.handler = () => new Promise((r) => setTimeout(() => r(process.pid), 300));");
  std::vector<InvokeResult> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back(
        [&, i] { results[i] = runner_.invoke(spec, "{}", "r" + std::to_string(i)); });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> pids;
  for (const auto& r : results) {
    EXPECT_EQ(r.status, Status::kOk) << r.payload << r.log;
    pids.insert(r.payload);
  }
  EXPECT_EQ(pids.size(), results.size());
  EXPECT_EQ(runner_.warm_count("concurrent"), 2u);  // max_warm_per_function
}

TEST_F(NodeRunnerTest, LogsAreFramedAsLambdaWritesThem) {
  auto spec = function("logs", R"(
console.log('Loading function');
exports.handler = async () => {
  console.log('hello', {a: 1});
  console.error('multi\nline');
  process.stdout.write('raw\n');
  return 1;
};)");
  auto result = runner_.invoke(spec, "{}", "rid-1");
  ASSERT_EQ(result.status, Status::kOk) << result.log;
  const std::string ts = R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)";
  std::regex expected(
      ts + R"(\tundefined\tINFO\tLoading function\n)" +
      R"(START RequestId: rid-1 Version: \$LATEST\n)" + ts +
      R"(\trid-1\tINFO\thello \{ a: 1 \}\n)" + ts + R"(\trid-1\tERROR\tmulti\rline\n)" +
      R"(raw\n)" + R"(END RequestId: rid-1\n)" +
      R"(REPORT RequestId: rid-1\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\t)" +
      R"(Memory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\n)");
  EXPECT_TRUE(std::regex_match(result.log, expected)) << result.log;
}

TEST_F(NodeRunnerTest, CallbackWaitsForTheEventLoopUnlessToldNotTo) {
  auto waits = function("waits", R"(
exports.handler = (e, ctx, cb) => {
  ctx.callbackWaitsForEmptyEventLoop = e.wait;
  setTimeout(() => console.log('timer fired'), 200);
  cb(null, 'done');
};)");
  auto waited = runner_.invoke(waits, R"({"wait":true})", "r1");
  EXPECT_EQ(waited.payload, R"("done")");
  EXPECT_GE(waited.duration_ms, 150);
  EXPECT_NE(waited.log.find("timer fired"), std::string::npos);

  auto early = runner_.invoke(waits, R"({"wait":false})", "r2");
  EXPECT_EQ(early.payload, R"("done")");
  EXPECT_LT(early.duration_ms, 150);
  EXPECT_EQ(early.log.find("timer fired"), std::string::npos);
}

TEST_F(NodeRunnerTest, ProcessExitIsARuntimeErrorAndTheNextInvocationWorks) {
  auto spec = function(
      "exits", "exports.handler = async (e) => { if (e.exit) process.exit(3); return 'ok'; };");
  auto crashed = runner_.invoke(spec, R"({"exit":true})", "r1");
  EXPECT_EQ(crashed.status, Status::kRuntimeError);
  EXPECT_EQ(
      crashed.payload,
      R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: r1 Error: Runtime exited with error: exit status 3"})");
  EXPECT_NE(crashed.log.find("Status: error\tError Type: Runtime.ExitError"), std::string::npos);
  EXPECT_EQ(runner_.invoke(spec, R"({"exit":false})", "r2").payload, R"("ok")");
}

TEST_F(NodeRunnerTest, UncaughtExceptionFailsTheInvocationAndDropsTheProcess) {
  auto spec = function("uncaught", R"(
let n = 0;
exports.handler = (e, ctx, cb) => {
  n++;
  if (e.crash) setTimeout(() => { throw new Error('late'); }, 10);
  else cb(null, n);
};)");
  auto crashed = runner_.invoke(spec, R"({"crash":true})", "r1");
  EXPECT_EQ(crashed.status, Status::kFunctionError) << crashed.payload;
  auto doc = json::parse(crashed.payload);
  EXPECT_EQ(doc["errorType"], "Error");
  EXPECT_EQ(doc["errorMessage"], "late");
  EXPECT_EQ(runner_.invoke(spec, "{}", "r2").payload, "1");  // a fresh process

  auto rejection = function("unhandled-rejection", R"(
exports.handler = (e, ctx, cb) => { Promise.reject(new Error('lost')); };)");
  auto rejected = runner_.invoke(rejection, "{}", "r3");
  EXPECT_EQ(rejected.status, Status::kFunctionError);
  doc = json::parse(rejected.payload);
  EXPECT_EQ(doc["errorType"], "Runtime.UnhandledPromiseRejection");
  EXPECT_EQ(doc["errorMessage"], "Error: lost");
}

TEST_F(NodeRunnerTest, GarbageOnTheControlChannelIsARuntimeError) {
  auto spec = function("garbage", R"(
exports.handler = async (e) => {
  if (e.garbage) require('fs').writeSync(3, Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3]));
  return 'ok';
};)");
  auto broken = runner_.invoke(spec, R"({"garbage":true})", "r1");
  EXPECT_EQ(broken.status, Status::kRuntimeError);
  EXPECT_EQ(json::parse(broken.payload)["errorType"], "Runtime.ProtocolError");
  EXPECT_EQ(runner_.invoke(spec, "{}", "r2").payload, R"("ok")");
}

TEST(NodeRunnerLimits, FloodedOutputIsBoundedAndLargeResponsesRejected) {
  if (!runtime_available("nodejs20.x")) GTEST_SKIP() << "node is not installed";
  TempDir dir;
  auto config = test_config();
  config.max_log_bytes = 1 << 20;
  Runner runner(config);
  auto flood = make_function(dir.path(), "flood", "nodejs20.x", "index.handler", {{"index.js", R"(
exports.handler = async () => {
  const chunk = 'x'.repeat(1 << 16);
  for (let i = 0; i < 256; i++) process.stdout.write(chunk);  // 16 MiB
  return 'done';
};)"}});
  auto result = runner.invoke(flood, "{}", "r1");
  EXPECT_EQ(result.status, Status::kOk);
  EXPECT_EQ(result.payload, R"("done")");
  EXPECT_LT(result.log.size(), (1u << 20) + 4096);
  EXPECT_NE(result.log.find("log truncated"), std::string::npos);
  EXPECT_NE(result.log.find("REPORT RequestId: r1"), std::string::npos);

  auto large = make_function(dir.path(), "large", "nodejs20.x", "index.handler",
                             {{"index.js", "exports.handler = async () => 'y'.repeat(7 << 20);"}});
  auto too_large = runner.invoke(large, "{}", "r2");
  EXPECT_EQ(too_large.status, Status::kFunctionError);
  EXPECT_EQ(json::parse(too_large.payload)["errorType"], "Function.ResponseSizeTooLarge");
}

bool process_gone(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'Z';
}

TEST_F(NodeRunnerTest, ForkedChildrenDoNotStallTheRunnerAndDieWithTheProcess) {
  auto spec = function("forks", R"(
const { spawn } = require('child_process');
exports.handler = async () => {
  const child = spawn('sleep', ['30'], { stdio: 'inherit' });
  return child.pid;
};)");
  auto start = std::chrono::steady_clock::now();
  auto result = runner_.invoke(spec, "{}", "r1");
  ASSERT_EQ(result.status, Status::kOk) << result.payload << result.log;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  int grandchild = std::stoi(result.payload);
  EXPECT_FALSE(process_gone(grandchild));
  runner_.evict("forks");
  EXPECT_TRUE(eventually([&] { return process_gone(grandchild); }));
}

TEST(NodeRunnerShutdown, DestroyingTheRunnerEndsInFlightInvocations) {
  if (!runtime_available("nodejs20.x")) GTEST_SKIP() << "node is not installed";
  TempDir dir;
  auto spec = make_function(dir.path(), "forever", "nodejs20.x", "index.handler", {{"index.js", R"(
exports.handler = async () => {
  require('fs').writeFileSync('started', '1');
  for (;;) {}
};)"}});
  spec.timeout_seconds = 60;
  auto runner = std::make_unique<Runner>(test_config());
  InvokeResult result;
  std::thread caller([&] { result = runner->invoke(spec, "{}", "r1"); });
  ASSERT_TRUE(eventually([&] { return std::filesystem::exists(spec.code_dir / "started"); },
                         std::chrono::seconds(10)));
  auto start = std::chrono::steady_clock::now();
  runner.reset();
  caller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(result.status, Status::kOk);
}

}  // namespace
}  // namespace ebs::lambda
