// snapshot_bench: the snapshot service on a real (WAL, file) database holding 100,000 snapshots of
// one account, each tagged n=<i> and group=<i % 1000>: DescribeSnapshots by a unique tag, by a tag
// shared by 100 snapshots, the first unfiltered page of 1000, and CreateSnapshot (each its own
// transaction with its scheduler row and tags).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>

#include "core/services.hpp"
#include "ec2/snapshot_service.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/ec2/tag_table.hpp"
#include "store/ec2/volume_table.hpp"
#include "store/work_queue.hpp"

namespace {

constexpr int kSnapshots = 100'000;
constexpr const char* kAccount = "111111111111";
constexpr const char* kRegion = "us-east-1";

class NullSink : public ebs::EventSink {
 public:
  void publish(ebs::store::Transaction&, const std::string&, const std::string&, const std::string&,
               const nlohmann::ordered_json&) override {}
};

struct World {
  std::string dir;
  std::unique_ptr<ebs::store::Database> db;
  ebs::Clock clock;
  ebs::IdGenerator ids{42};
  std::unique_ptr<ebs::Scheduler> scheduler;
  NullSink sink;
  ebs::Config config;
  ebs::FaultRegistry faults;
  std::unique_ptr<ebs::ServiceDeps> deps;
  std::unique_ptr<ebs::ec2::SnapshotService> snapshots;
  std::string volume_id;

  World() {
    dir = std::filesystem::temp_directory_path() / ("snapshot-bench-" + ids.hex(8));
    std::filesystem::create_directories(dir);
    db = std::make_unique<ebs::store::Database>(
        ebs::store::Database::Options{dir + "/state.db", false});
    ebs::store::migrate(*db, {ebs::store::WorkQueue::schema(), ebs::store::ec2_schema()});
    scheduler = std::make_unique<ebs::Scheduler>(*db, clock);
    deps = std::make_unique<ebs::ServiceDeps>(
        ebs::ServiceDeps{*db, clock, ids, *scheduler, sink, config, faults});
    snapshots = std::make_unique<ebs::ec2::SnapshotService>(*deps);
    config.timing.manual = true;  // the bench measures the API, not completions

    ebs::store::Transaction tx(*db);
    ebs::store::VolumeRow v;
    v.volume_id = ids.resource_id("vol");
    v.account = kAccount;
    v.region = kRegion;
    v.availability_zone = "us-east-1a";
    v.size = 8;
    v.state = "available";
    v.volume_type = "gp2";
    ebs::store::VolumeTable::insert(tx, v);
    volume_id = v.volume_id;
    int64_t now = clock.now_ms();
    for (int i = 0; i < kSnapshots; ++i) {
      ebs::store::SnapshotRow s;
      s.snapshot_id = ids.resource_id("snap");
      s.account = kAccount;
      s.region = kRegion;
      s.volume_id = volume_id;
      s.source_volume_id = volume_id;
      s.volume_size = 8;
      s.state = "completed";
      s.start_time = now;
      s.complete_at = now;
      s.end_time = now;
      s.progress = 100;
      ebs::store::SnapshotTable::insert(tx, s);
      ebs::store::TagTable::put(tx, kAccount, kRegion,
                                {s.snapshot_id, "snapshot", "n", std::to_string(i)});
      ebs::store::TagTable::put(tx, kAccount, kRegion,
                                {s.snapshot_id, "snapshot", "group", std::to_string(i % 1000)});
    }
    tx.commit();
  }
  ~World() {
    snapshots.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
  ebs::RequestContext ctx() { return {kAccount, kRegion, ids.uuid(), clock.now_ms()}; }
};

World& world() {
  static World w;
  return w;
}

void describe_by_tag(benchmark::State& state, const char* key, int modulo) {
  auto& w = world();
  std::mt19937 rng(1);
  size_t found = 0;
  for (auto _ : state) {
    ebs::ec2::DescribeSnapshotsRequest r;
    r.filters = {{std::string("tag:") + key, {std::to_string(rng() % modulo)}}};
    auto page = w.snapshots->describe(w.ctx(), r);
    found = page.snapshots.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["results"] = static_cast<double>(found);
}

void BM_DescribeSnapshots_TagUnique(benchmark::State& state) {
  describe_by_tag(state, "n", kSnapshots);
}
BENCHMARK(BM_DescribeSnapshots_TagUnique)->Unit(benchmark::kMicrosecond);

void BM_DescribeSnapshots_Tag100(benchmark::State& state) { describe_by_tag(state, "group", 1000); }
BENCHMARK(BM_DescribeSnapshots_Tag100)->Unit(benchmark::kMicrosecond);

void BM_DescribeSnapshots_FirstPage1000(benchmark::State& state) {
  auto& w = world();
  for (auto _ : state) {
    ebs::ec2::DescribeSnapshotsRequest r;
    r.max_results = 1000;
    auto page = w.snapshots->describe(w.ctx(), r);
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_DescribeSnapshots_FirstPage1000)->Unit(benchmark::kMillisecond);

void BM_CreateSnapshot(benchmark::State& state) {
  auto& w = world();
  w.config.timing.manual = false;  // with its scheduler row, as served
  for (auto _ : state) {
    ebs::ec2::CreateSnapshotRequest r;
    r.volume_id = w.volume_id;
    r.tag_specifications = {{"snapshot", {{"bench", "create"}}}};
    benchmark::DoNotOptimize(w.snapshots->create(w.ctx(), r));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CreateSnapshot)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
