// The instance state machine and what it does to volumes (launch volumes, termination).
#include "ec2_fixture.hpp"

namespace ebs::ec2 {
namespace {

using InstanceStateTest = Ec2Fixture;

RunInstancesRequest launch(int64_t count = 1) {
  RunInstancesRequest r;
  r.image_id = "ami-12345678";
  r.min_count = r.max_count = count;
  return r;
}

TEST_F(InstanceStateTest, RunCreatesRootVolumesAndBecomesRunning) {
  auto r = launch(2);
  BlockDeviceMappingRequest data;
  data.device_name = "/dev/sdb";
  data.has_ebs = true;
  data.volume_size = 20;
  data.delete_on_termination = false;
  r.block_device_mappings = {data};
  auto reservation = instances_.run(ctx(), r);
  ASSERT_EQ(reservation.instances.size(), 2u);
  const auto& view = reservation.instances[0];
  EXPECT_EQ(view.instance.state, "pending");
  EXPECT_EQ(view.instance.availability_zone, "us-east-1a");
  ASSERT_EQ(view.block_devices.size(), 2u);
  EXPECT_EQ(view.block_devices[0].device, "/dev/sdb");
  EXPECT_EQ(view.block_devices[1].device, "/dev/xvda");
  EXPECT_EQ(view.block_devices[1].state, "attaching");
  auto root = get(view.block_devices[1].volume_id);
  EXPECT_EQ(root->state, "in-use");
  EXPECT_EQ(root->size, 8);
  advance(100);
  EXPECT_EQ(instance(view.instance.instance_id)->state, "running");
  EXPECT_EQ(get(root->volume_id)->attachments[0].state, "attached");
}

TEST_F(InstanceStateTest, StopStartAndTheirErrors) {
  auto pending = instances_.run(ctx(), launch()).instances[0].instance.instance_id;
  std::string message;
  EXPECT_EQ(error_of([&] { instances_.stop(ctx(), {pending}, false); }, &message),
            "IncorrectInstanceState");
  EXPECT_EQ(message, "Instance '" + pending +
                         "' cannot be stopped as it has never reached the 'running' state.");
  advance(100);
  auto changes = instances_.stop(ctx(), {pending}, false);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].previous, "running");
  EXPECT_EQ(changes[0].current, "stopping");
  EXPECT_EQ(error_of([&] { instances_.start(ctx(), {pending}, false); }, &message),
            "IncorrectInstanceState");
  advance(100);
  EXPECT_EQ(instance(pending)->state, "stopped");
  EXPECT_NE(instance(pending)->state_reason.find("Client.UserInitiatedShutdown"),
            std::string::npos);
  changes = instances_.start(ctx(), {pending}, false);
  EXPECT_EQ(changes[0].current, "pending");
  advance(100);
  EXPECT_EQ(instance(pending)->state, "running");
  EXPECT_EQ(error_of([&] { instances_.stop(ctx(), {"i-00000000000000000"}, false); }),
            "InvalidInstanceID.NotFound");
  EXPECT_EQ(error_of([&] { instances_.stop(ctx(), {"vol-1"}, false); }),
            "InvalidInstanceID.Malformed");
  EXPECT_EQ(error_of([&] { instances_.stop(ctx(), {pending}, true); }), "DryRunOperation");
}

TEST_F(InstanceStateTest, TerminationDeletesDeleteOnTerminationVolumesAndReleasesOthers) {
  auto i = running_instance();
  auto data = available_volume();
  volumes_.attach(ctx(), {data.volume_id, i, "/dev/sdf", false});
  advance(100);
  std::string root_id;
  {
    store::Transaction tx(db_);
    for (const auto& a : store::VolumeTable::attachments_of_instance(tx, i)) {
      if (a.device == "/dev/xvda") root_id = a.volume_id;
    }
  }
  ASSERT_FALSE(root_id.empty());
  sink_.events.clear();
  auto changes = instances_.terminate(ctx(), {i}, false);
  EXPECT_EQ(changes[0].current, "shutting-down");
  advance(100);
  EXPECT_EQ(instance(i)->state, "terminated");
  EXPECT_FALSE(get(root_id).has_value());
  EXPECT_EQ(get(data.volume_id)->state, "available");
  ASSERT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(sink_.events[0]["detail"]["event"], "deleteVolume");
  EXPECT_EQ(sink_.events[0]["resources"][0],
            "arn:aws:ec2:us-east-1:111111111111:volume/" + root_id);
  // Terminating again reports terminated -> terminated.
  changes = instances_.terminate(ctx(), {i}, false);
  EXPECT_EQ(changes[0].previous, "terminated");
  EXPECT_EQ(error_of([&] { instances_.stop(ctx(), {i}, false); }), "IncorrectInstanceState");
}

TEST_F(InstanceStateTest, UnusableRootKeyTerminatesAtStart) {
  volumes_.set_key_check([](store::Transaction&, const std::string&, const std::string&,
                            const std::string& key) -> std::optional<KeyProblem> {
    return KeyProblem{key, key + " is pending deletion."};
  });
  auto r = launch();
  BlockDeviceMappingRequest root;
  root.device_name = "/dev/xvda";
  root.has_ebs = true;
  root.encrypted = true;
  r.block_device_mappings = {root};
  auto i = instances_.run(ctx(), r).instances[0].instance.instance_id;
  advance(100);
  EXPECT_EQ(instance(i)->state, "terminated");
  EXPECT_NE(instance(i)->state_reason.find("Client.InvalidKMSKey.InvalidState"), std::string::npos);
}

TEST_F(InstanceStateTest, DescribeGroupsByReservationAndFilters) {
  auto first = instances_.run(ctx(), launch(2));
  auto second = instances_.run(ctx(), launch(1));
  advance(100);
  instances_.stop(ctx(), {second.instances[0].instance.instance_id}, false);
  auto page = instances_.describe(ctx(), {});
  ASSERT_EQ(page.reservations.size(), 2u);
  size_t total = 0;
  for (const auto& res : page.reservations) total += res.instances.size();
  EXPECT_EQ(total, 3u);
  DescribeInstancesRequest r;
  r.filters = {{"instance-state-name", {"stopping"}}};
  page = instances_.describe(ctx(), r);
  ASSERT_EQ(page.reservations.size(), 1u);
  EXPECT_EQ(page.reservations[0].reservation_id, second.reservation_id);
  r.filters = {{"no-such-filter", {"x"}}};
  EXPECT_EQ(error_of([&] { instances_.describe(ctx(), r); }), "InvalidParameterValue");
}

TEST_F(InstanceStateTest, RunValidation) {
  RunInstancesRequest r;
  EXPECT_EQ(error_of([&] { instances_.run(ctx(), r); }), "MissingParameter");
  r.image_id = "img-1";
  r.min_count = r.max_count = 1;
  EXPECT_EQ(error_of([&] { instances_.run(ctx(), r); }), "InvalidAMIID.Malformed");
  r.image_id = "ami-1";
  r.availability_zone = "eu-west-1a";
  EXPECT_EQ(error_of([&] { instances_.run(ctx(), r); }), "InvalidParameterValue");
  r.availability_zone.reset();
  r.dry_run = true;
  EXPECT_EQ(error_of([&] { instances_.run(ctx(), r); }), "DryRunOperation");
}

}  // namespace
}  // namespace ebs::ec2
