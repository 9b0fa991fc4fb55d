// The volume, attachment and modification state machines, their events and their errors.
#include "ec2_fixture.hpp"

namespace ebs::ec2 {
namespace {

using VolumeStateTest = Ec2Fixture;

TEST_F(VolumeStateTest, CreatingBecomesAvailableWithTheCreateVolumeEvent) {
  auto v = create_volume();
  EXPECT_EQ(v.state, "creating");
  EXPECT_EQ(advance(99), 0u);
  EXPECT_EQ(get(v.volume_id)->state, "creating");
  EXPECT_EQ(advance(1), 1u);
  EXPECT_EQ(get(v.volume_id)->state, "available");
  ASSERT_EQ(sink_.events.size(), 1u);
  const auto& e = sink_.events[0];
  EXPECT_EQ(e["detail-type"], "EBS Volume Notification");
  EXPECT_EQ(e["source"], "aws.ec2");
  EXPECT_EQ(e["resources"][0], "arn:aws:ec2:us-east-1:111111111111:volume/" + v.volume_id);
  EXPECT_EQ(e["detail"].dump(), R"({"result":"available","cause":"","event":"createVolume",)"
                                R"("request-id":")" +
                                    v.request_id + R"("})");
}

TEST_F(VolumeStateTest, PendingWorkSurvivesARestartOfTheServices) {
  auto v = create_volume();
  // A second set of services on the same database (as after a restart) finishes the work.
  Scheduler scheduler2(db_, clock_);
  ServiceDeps deps2{db_, clock_, ids_, scheduler2, sink_, config_, faults_};
  VolumeService volumes2(deps2);
  volumes2.register_work();
  clock_.advance(100);
  EXPECT_EQ(scheduler2.run_due(), 1u);
  EXPECT_EQ(get(v.volume_id)->state, "available");
}

TEST_F(VolumeStateTest, AttachDetachCycle) {
  auto v = available_volume();
  auto i = running_instance();
  auto a = volumes_.attach(ctx(), {v.volume_id, i, "/dev/sdf", false});
  EXPECT_EQ(a.state, "attaching");
  EXPECT_EQ(get(v.volume_id)->state, "in-use");
  advance(100);
  auto attached = get(v.volume_id);
  ASSERT_EQ(attached->attachments.size(), 1u);
  EXPECT_EQ(attached->attachments[0].state, "attached");
  EXPECT_EQ(attached->attachments[0].device, "/dev/sdf");

  auto d = volumes_.detach(ctx(), {v.volume_id, std::nullopt, std::nullopt, false, false});
  EXPECT_EQ(d.state, "detaching");
  EXPECT_EQ(get(v.volume_id)->state, "in-use");
  advance(100);
  EXPECT_EQ(get(v.volume_id)->state, "available");
  EXPECT_TRUE(get(v.volume_id)->attachments.empty());
}

TEST_F(VolumeStateTest, AttachErrors) {
  auto i = running_instance();
  auto creating = create_volume();
  std::string message;
  EXPECT_EQ(error_of(
                [&] {
                  volumes_.attach(ctx(), {creating.volume_id, i, "/dev/sdf", false});
                },
                &message),
            "IncorrectState");
  EXPECT_EQ(message, creating.volume_id + " is not 'available'.");
  advance(100);
  auto other_zone = available_volume("us-east-1b");
  EXPECT_EQ(error_of(
                [&] {
                  volumes_.attach(ctx(), {other_zone.volume_id, i, "/dev/sdg", false});
                },
                &message),
            "InvalidVolume.ZoneMismatch");
  EXPECT_EQ(message, "The volume '" + other_zone.volume_id +
                         "' is not in the same availability zone as instance '" + i + "'");
  volumes_.attach(ctx(), {creating.volume_id, i, "/dev/sdf", false});
  EXPECT_EQ(error_of(
                [&] {
                  volumes_.attach(ctx(), {creating.volume_id, i, "/dev/sdh", false});
                },
                &message),
            "VolumeInUse");
  EXPECT_EQ(message, creating.volume_id + " is already attached to an instance");
  auto second = available_volume();
  EXPECT_EQ(error_of([&] {
              volumes_.attach(ctx(), {second.volume_id, i, "/dev/sdf", false});
            }),
            "InvalidParameterValue");
  EXPECT_EQ(error_of([&] {
              volumes_.attach(ctx(), {"vol-00000000000000000", i, "/dev/sdz", false});
            }),
            "InvalidVolume.NotFound");
  EXPECT_EQ(error_of([&] {
              volumes_.attach(ctx(), {second.volume_id, "i-00000000000000000", "/dev/sdz", false});
            }),
            "InvalidInstanceID.NotFound");
  EXPECT_EQ(error_of([&] {
              volumes_.attach(ctx(), {second.volume_id, i, "/dev/sdz", true});
            }),
            "DryRunOperation");
  EXPECT_EQ(get(second.volume_id)->state, "available");  // the dry run changed nothing
}

TEST_F(VolumeStateTest, AttachToAPendingInstanceIsIncorrectState) {
  auto v = available_volume();
  RunInstancesRequest r;
  r.image_id = "ami-12345678";
  r.min_count = r.max_count = 1;
  auto i = instances_.run(ctx(), r).instances.front().instance.instance_id;
  std::string message;
  EXPECT_EQ(error_of(
                [&] {
                  volumes_.attach(ctx(), {v.volume_id, i, "/dev/sdf", false});
                },
                &message),
            "IncorrectState");
  EXPECT_EQ(message, "Instance '" + i + "' is not 'running'.");
}

TEST_F(VolumeStateTest, DetachOfAnAvailableVolumeIsIncorrectState) {
  auto v = available_volume();
  std::string message;
  EXPECT_EQ(error_of(
                [&] {
                  volumes_.detach(ctx(), {v.volume_id, std::nullopt, std::nullopt, false, false});
                },
                &message),
            "IncorrectState");
  EXPECT_EQ(message, "Volume '" + v.volume_id + "' is in the 'available' state.");
}

TEST_F(VolumeStateTest, DeleteEmitsDeletedAndTheVolumeBecomesNotFound) {
  auto v = available_volume();
  auto i = running_instance();
  volumes_.attach(ctx(), {v.volume_id, i, "/dev/sdf", false});
  std::string message;
  EXPECT_EQ(error_of(
                [&] {
                  volumes_.remove(ctx(), {v.volume_id, false});
                },
                &message),
            "VolumeInUse");
  EXPECT_EQ(message, "Volume " + v.volume_id + " is currently attached to " + i);
  advance(100);
  volumes_.detach(ctx(), {v.volume_id, i, std::nullopt, false, false});
  advance(100);
  sink_.events.clear();
  auto c = ctx();
  volumes_.remove(c, {v.volume_id, false});
  EXPECT_EQ(get(v.volume_id)->state, "deleting");
  advance(100);
  EXPECT_FALSE(get(v.volume_id).has_value());
  ASSERT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(sink_.events[0]["detail"]["event"], "deleteVolume");
  EXPECT_EQ(sink_.events[0]["detail"]["result"], "deleted");
  EXPECT_EQ(sink_.events[0]["detail"]["request-id"], c.request_id);
  EXPECT_EQ(error_of([&] {
              volumes_.remove(ctx(), {v.volume_id, false});
            }),
            "InvalidVolume.NotFound");
}

TEST_F(VolumeStateTest, ModificationGoesModifyingOptimizingCompleted) {
  auto v = available_volume();
  sink_.events.clear();
  ModifyVolumeRequest r;
  r.volume_id = v.volume_id;
  r.size = 20;
  r.volume_type = "gp3";
  auto c = ctx();
  auto m = volumes_.modify(c, r);
  EXPECT_EQ(m.state, "modifying");
  EXPECT_EQ(m.original_size, 10);
  EXPECT_EQ(m.target_size, 20);
  EXPECT_EQ(m.target_volume_type, "gp3");
  EXPECT_EQ(m.target_iops, 3000);
  EXPECT_EQ(m.target_throughput, 125);
  std::string message;
  EXPECT_EQ(error_of([&] { volumes_.modify(ctx(), r); }, &message), "IncorrectModificationState");
  EXPECT_EQ(message,
            "Volume " + v.volume_id + " cannot be modified in modification state MODIFYING");
  advance(100);
  EXPECT_EQ(get(v.volume_id)->size, 20);
  EXPECT_EQ(get(v.volume_id)->volume_type, "gp3");
  auto page = volumes_.describe_modifications(ctx(), {{v.volume_id}, {}, {}, {}, false});
  ASSERT_EQ(page.modifications.size(), 1u);
  EXPECT_EQ(page.modifications[0].state, "optimizing");
  advance(100);
  page = volumes_.describe_modifications(
      ctx(), {{}, {{"modification-state", {"completed"}}}, {}, {}, false});
  ASSERT_EQ(page.modifications.size(), 1u);
  EXPECT_EQ(page.modifications[0].progress, 100);
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(sink_.events[0]["detail"]["event"], "modifyVolume");
  EXPECT_EQ(sink_.events[0]["detail"]["result"], "optimizing");
  EXPECT_EQ(sink_.events[1]["detail"]["result"], "completed");
  EXPECT_EQ(sink_.events[1]["detail"]["request-id"], c.request_id);
  r.size = 5;
  EXPECT_EQ(error_of([&] { volumes_.modify(ctx(), r); }), "InvalidParameterValue");
}

TEST_F(VolumeStateTest, DescribeModificationsOfAnUnmodifiedVolumeIsNotFound) {
  auto v = available_volume();
  EXPECT_EQ(error_of([&] {
              volumes_.describe_modifications(ctx(), {{v.volume_id}, {}, {}, {}, false});
            }),
            "InvalidVolumeModification.NotFound");
}

TEST_F(VolumeStateTest, UnusableKeyRollsTheVolumeBackWithAFailedEvent) {
  volumes_.set_key_check([](store::Transaction&, const std::string&, const std::string&,
                            const std::string& key) -> std::optional<KeyProblem> {
    return KeyProblem{key, key + " is disabled."};
  });
  CreateVolumeRequest r;
  r.availability_zone = "us-east-1a";
  r.size = 10;
  r.encrypted = true;
  r.kms_key_id = "arn:aws:kms:us-east-1:111111111111:key/k1";
  auto v = volumes_.create(ctx(), r);
  advance(100);
  EXPECT_FALSE(get(v.volume_id).has_value());
  ASSERT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(sink_.events[0]["detail"]["result"], "failed");
  EXPECT_EQ(sink_.events[0]["detail"]["cause"],
            "arn:aws:kms:us-east-1:111111111111:key/k1 is disabled.");
}

TEST_F(VolumeStateTest, DescribePaginatesInIdOrder) {
  std::vector<std::string> ids;
  for (int n = 0; n < 12; ++n) ids.push_back(create_volume().volume_id);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> seen;
  DescribeVolumesRequest r;
  r.max_results = 5;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = volumes_.describe(ctx(), r);
    for (const auto& v : page.volumes) seen.push_back(v.volume_id);
    if (!page.next_token) break;
    r.next_token = page.next_token;
  }
  EXPECT_EQ(seen, ids);
  r = {};
  r.max_results = 4;
  EXPECT_EQ(error_of([&] { volumes_.describe(ctx(), r); }), "InvalidParameterValue");
  r = {};
  r.volume_ids = {ids[0]};
  r.max_results = 5;
  EXPECT_EQ(error_of([&] { volumes_.describe(ctx(), r); }), "InvalidParameterCombination");
}

}  // namespace
}  // namespace ebs::ec2
