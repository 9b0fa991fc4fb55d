// lambda_runner_bench: what a Lambda invocation costs in the local runner, for node and python3:
//   ColdStart   a new process each time (spawn, runtime start, module load, one invocation)
//   WarmInvoke  one warm process, one invocation after another (the control-channel round trip)
//   Throughput  N caller threads invoking one function (each gets its own warm process)
// The handler echoes its event ({"n":1}).
#include <benchmark/benchmark.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>

#include "lambda/runner/runner.hpp"
#include "lambda/runner/runtimes.hpp"

namespace ebs::lambda {
namespace {

constexpr const char* kEvent = R"({"n":1})";

// The code of the two echo functions, in a folder removed at exit.
class Workspace {
 public:
  Workspace() {
    root_ = std::filesystem::temp_directory_path() /
            ("ebs-lambda-bench-" + std::to_string(std::random_device{}()));
    write(root_ / "node/index.js", "exports.handler = async (event) => event;\n");
    write(root_ / "python/app.py", "def handler(event, context):\n    return event\n");
  }
  ~Workspace() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  FunctionSpec spec(bool node, const std::string& name) const {
    FunctionSpec spec;
    spec.name = name;
    spec.runtime = node ? "nodejs20.x" : "python3.12";
    spec.handler = node ? "index.handler" : "app.handler";
    spec.code_dir = root_ / (node ? "node" : "python");
    spec.timeout_seconds = 30;
    spec.account = "123456789012";
    spec.region = "us-east-1";
    spec.function_arn = "arn:aws:lambda:us-east-1:123456789012:function:" + name;
    return spec;
  }

 private:
  static void write(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }
  std::filesystem::path root_;
};

Workspace& workspace() {
  static Workspace w;
  return w;
}

Runner& shared_runner() {
  static Runner runner([] {
    RunnerConfig config;
    config.bootstrap_dir = EBS_BENCH_BOOTSTRAP_DIR;
    config.endpoint_url = "http://127.0.0.1:9";
    config.max_warm_per_function = 8;
    return config;
  }());
  return runner;
}

bool available(benchmark::State& state, bool node) {
  if (runtime_available(node ? "nodejs20.x" : "python3.12")) return true;
  state.SkipWithError(node ? "node is not installed" : "python3 is not installed");
  return false;
}

void check(benchmark::State& state, const InvokeResult& result) {
  // node answers {"n":1}, python's json.dumps {"n": 1}.
  if (result.status != InvokeResult::Status::kOk ||
      (result.payload != R"({"n":1})" && result.payload != R"({"n": 1})")) {
    state.SkipWithError(("invocation failed: " + result.payload).c_str());
  }
}

void BM_ColdStart(benchmark::State& state) {
  const bool node = state.range(0) == 0;
  if (!available(state, node)) return;
  auto spec = workspace().spec(node, node ? "cold-node" : "cold-python");
  auto& runner = shared_runner();
  for (auto _ : state) {
    state.PauseTiming();
    runner.evict(spec.name);
    state.ResumeTiming();
    check(state, runner.invoke(spec, kEvent, "bench"));
  }
  state.SetLabel(node ? "node" : "python");
}
BENCHMARK(BM_ColdStart)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_WarmInvoke(benchmark::State& state) {
  const bool node = state.range(0) == 0;
  if (!available(state, node)) return;
  auto spec = workspace().spec(node, node ? "warm-node" : "warm-python");
  auto& runner = shared_runner();
  check(state, runner.invoke(spec, kEvent, "warm-up"));
  for (auto _ : state) check(state, runner.invoke(spec, kEvent, "bench"));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(node ? "node" : "python");
}
BENCHMARK(BM_WarmInvoke)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_Throughput(benchmark::State& state) {
  const bool node = state.range(0) == 0;
  if (!available(state, node)) return;
  auto spec = workspace().spec(node, node ? "throughput-node" : "throughput-python");
  auto& runner = shared_runner();
  check(state, runner.invoke(spec, kEvent, "warm-up"));
  for (auto _ : state) check(state, runner.invoke(spec, kEvent, "bench"));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(node ? "node" : "python");
}
BENCHMARK(BM_Throughput)
    ->Arg(0)
    ->Arg(1)
    ->Threads(1)
    ->Threads(2)
    ->Threads(4)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace
}  // namespace ebs::lambda

BENCHMARK_MAIN();
