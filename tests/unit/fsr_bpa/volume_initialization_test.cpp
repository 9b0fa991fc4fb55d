// Volume initialization: initializeVolume after a volume created from a snapshot becomes available
// and initializes, never for fast-restored volumes nor for a volume deleted first; fastRestored and
// VolumeInitializationRate.
#include <set>
#include "fsr_bpa_fixture.hpp"

#include "store/ec2/volume_initialization_table.hpp"

namespace ebs::ec2 {
namespace {

using Init = FsrBpaFixture;

CreateVolumeRequest from(const std::string& snapshot, const std::string& zone = "us-east-1a") {
  CreateVolumeRequest r;
  r.availability_zone = zone;
  r.snapshot_id = snapshot;
  return r;
}

std::vector<nlohmann::ordered_json> initialized(const test::RecordingSink& sink) {
  std::vector<nlohmann::ordered_json> out;
  for (const auto& e : sink.of_type("EBS Volume Notification")) {
    if (e["detail"]["event"] == "initializeVolume") out.push_back(e);
  }
  return out;
}

store::VolumeRow describe_one(Services& s, const RequestContext& ctx, const std::string& id) {
  DescribeVolumesRequest r;
  r.volume_ids = {id};
  return s.volumes.describe(ctx, r).volumes.at(0);
}

TEST_F(Init, AVolumeFromASnapshotReportsItsInitialization) {
  auto snap = snapshot();
  auto c = ctx();
  auto v = s_->volumes.create(c, from(snap));
  EXPECT_FALSE(v.fast_restored);
  EXPECT_FALSE(v.initialization_rate);
  advance(100);  // available
  EXPECT_EQ(advance(499), 0u);
  EXPECT_TRUE(initialized(sink_).empty());
  EXPECT_EQ(advance(1), 1u);
  auto events = initialized(sink_);
  ASSERT_EQ(events.size(), 1u);
  const auto& e = events[0];
  EXPECT_EQ(e["detail-type"], "EBS Volume Notification");
  EXPECT_EQ(e["account"], kA);
  EXPECT_EQ(e["resources"], nlohmann::ordered_json::array(
                                {"arn:aws:ec2:us-east-1:111111111111:volume/" + v.volume_id}));
  EXPECT_EQ(e["time"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(e["detail"].dump(), R"({"event":"initializeVolume","result":"succeeded",)"
                                R"("completionTime":"2023-11-14T22:13:20Z","request-id":")" +
                                    c.request_id + R"("})");
  EXPECT_EQ(advance(10000), 0u);  // once
  // A plain volume has nothing to initialize.
  CreateVolumeRequest plain;
  plain.availability_zone = "us-east-1a";
  plain.size = 8;
  s_->volumes.create(ctx(), plain);
  advance(10000);
  EXPECT_EQ(initialized(sink_).size(), 1u);
}

TEST_F(Init, DurationFollowsSizeAndRate) {
  Timing t;
  t.initialize_ms = 1000;
  t.initialize_ms_per_gib = 10240;
  EXPECT_EQ(VolumeInitializationService::duration_ms(t, 10, std::nullopt), 1000 + 102400);
  EXPECT_EQ(VolumeInitializationService::duration_ms(t, 10, 200), 1000 + 51200);
  EXPECT_EQ(VolumeInitializationService::duration_ms(t, 10, 300), 1000 + 34133);
  config_.timing.initialize_ms_per_gib = 100;
  auto snap = snapshot(kA, 20);
  auto r = from(snap);
  r.volume_initialization_rate = 200;
  auto v = s_->volumes.create(ctx(), r);
  EXPECT_EQ(v.initialization_rate, 200);
  advance(100);
  EXPECT_EQ(advance(500 + 1000 - 1), 0u);  // 500 + 20 GiB * 100 ms * 100 / 200
  EXPECT_EQ(advance(1), 1u);
  EXPECT_EQ(describe_one(*s_, ctx(), v.volume_id).initialization_rate, 200);
}

TEST_F(Init, FastRestoredVolumesAreInitializedAtCreation) {
  auto snap = snapshot();
  s_->fsr.enable(ctx(), fsr_request({snap}, {"us-east-1a", "us-east-1b"}));
  auto during = s_->volumes.create(ctx(), from(snap));  // FSR still enabling: not fast-restored
  advance(1000);                                        // optimizing (`during` initialized)
  advance(1000);                                        // enabled
  auto fast = s_->volumes.create(ctx(), from(snap));
  auto other_zone = s_->volumes.create(ctx(), from(snap, "us-east-1c"));
  auto with_rate = from(snap);
  with_rate.volume_initialization_rate = 150;  // a rate wins over FSR
  auto rated = s_->volumes.create(ctx(), with_rate);
  advance(100);
  advance(10000);
  EXPECT_TRUE(describe_one(*s_, ctx(), fast.volume_id).fast_restored);
  EXPECT_FALSE(describe_one(*s_, ctx(), during.volume_id).fast_restored);
  EXPECT_FALSE(describe_one(*s_, ctx(), other_zone.volume_id).fast_restored);
  EXPECT_FALSE(describe_one(*s_, ctx(), rated.volume_id).fast_restored);
  std::set<std::string> reported;
  for (const auto& e : initialized(sink_)) {
    auto arn = e["resources"][0].get<std::string>();
    reported.insert(arn.substr(arn.rfind('/') + 1));
  }
  EXPECT_EQ(reported,
            (std::set<std::string>{during.volume_id, other_zone.volume_id, rated.volume_id}));
  // Another account's FSR does not make B's volumes fast-restored.
  share(snap, kB);
  auto theirs = s_->volumes.create(ctx(kB), from(snap));
  advance(100);
  EXPECT_FALSE(describe_one(*s_, ctx(kB), theirs.volume_id).fast_restored);
}

TEST_F(Init, AVolumeDeletedFirstNeverReportsIt) {
  auto snap = snapshot();
  auto gone = s_->volumes.create(ctx(), from(snap));
  auto deleting = s_->volumes.create(ctx(), from(snap));
  advance(100);
  DeleteVolumeRequest d;
  d.volume_id = gone.volume_id;
  s_->volumes.remove(ctx(), d);
  advance(100);  // deleted
  config_.timing.volume_delete_ms = 10000;
  d.volume_id = deleting.volume_id;
  s_->volumes.remove(ctx(), d);  // still deleting when its initialization would end
  advance(1000);
  EXPECT_TRUE(initialized(sink_).empty());
  store::Transaction tx(db_);
  EXPECT_FALSE(store::VolumeInitializationTable::get(tx, gone.volume_id));
}

TEST_F(Init, InitializationDueAtARestartRunsAfterIt) {
  auto snap = snapshot();
  s_->volumes.create(ctx(), from(snap));
  advance(100);
  restart();
  EXPECT_EQ(advance(500), 1u);
  EXPECT_EQ(initialized(sink_).size(), 1u);
}

TEST_F(Init, RateValidation) {
  auto snap = snapshot();
  auto r = from(snap);
  r.volume_initialization_rate = 99;
  EXPECT_EQ(error_of([&] { s_->volumes.create(ctx(), r); }), "InvalidParameterValue");
  r.volume_initialization_rate = 301;
  EXPECT_EQ(error_of([&] { s_->volumes.create(ctx(), r); }), "InvalidParameterValue");
  r.volume_initialization_rate = 300;
  EXPECT_EQ(error_of([&] { s_->volumes.create(ctx(), r); }), "");
  CreateVolumeRequest plain;
  plain.availability_zone = "us-east-1a";
  plain.size = 8;
  plain.volume_initialization_rate = 100;
  EXPECT_EQ(error_of([&] { s_->volumes.create(ctx(), plain); }), "InvalidParameterCombination");
}

}  // namespace
}  // namespace ebs::ec2
