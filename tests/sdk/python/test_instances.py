"""EC2 instances through boto3 and the AWS CLI against the real server: RunInstances with block device
mappings (root and data volumes), DescribeInstances (filters, paginator), the instance_running /
instance_stopped / instance_terminated waiters, Stop/Start/Reboot/Terminate and what termination does
to volumes."""
import unittest

from botocore.exceptions import ClientError

from ebs_emulator import Emulator, wait_for

ARGS = ("--volume-ms", "50", "--attach-ms", "50", "--instance-ms", "50", "--modify-ms", "50")
FAST = {"Delay": 0.05, "MaxAttempts": 100}
ACCOUNT = "333333333333"


def code_of(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    return None, None


class InstancesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start(*ARGS)
        cls.ec2 = cls.emu.client("ec2", account=ACCOUNT, region="us-west-2")

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def test_run_with_block_devices_and_lifecycle(self):
        r = self.ec2.run_instances(
            ImageId="ami-0abcdef1234567890", InstanceType="t3.micro", MinCount=1, MaxCount=1,
            Placement={"AvailabilityZone": "us-west-2b"},
            BlockDeviceMappings=[
                {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 16, "VolumeType": "gp3"}},
                {"DeviceName": "/dev/sdb", "Ebs": {"VolumeSize": 4, "DeleteOnTermination": False}},
            ],
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "role", "Value": "db"}]},
                               {"ResourceType": "volume", "Tags": [{"Key": "owner", "Value": "db"}]}])
        self.assertTrue(r["ReservationId"].startswith("r-"))
        self.assertEqual(r["OwnerId"], ACCOUNT)
        inst = r["Instances"][0]
        iid = inst["InstanceId"]
        self.assertEqual(inst["State"], {"Code": 0, "Name": "pending"})
        self.assertEqual(inst["Placement"]["AvailabilityZone"], "us-west-2b")
        self.assertEqual(inst["RootDeviceName"], "/dev/xvda")
        self.assertEqual(inst["Tags"], [{"Key": "role", "Value": "db"}])
        devices = {m["DeviceName"]: m["Ebs"] for m in inst["BlockDeviceMappings"]}
        self.assertEqual(set(devices), {"/dev/xvda", "/dev/sdb"})
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        root = self.ec2.describe_volumes(VolumeIds=[devices["/dev/xvda"]["VolumeId"]])["Volumes"][0]
        self.assertEqual((root["Size"], root["VolumeType"], root["State"]), (16, "gp3", "in-use"))
        self.assertEqual(root["Attachments"][0]["State"], "attached")
        self.assertTrue(root["Attachments"][0]["DeleteOnTermination"])
        self.assertEqual(root["Tags"], [{"Key": "owner", "Value": "db"}])
        self.assertEqual(root["AvailabilityZone"], "us-west-2b")

        stopping = self.ec2.stop_instances(InstanceIds=[iid])["StoppingInstances"][0]
        self.assertEqual((stopping["PreviousState"]["Name"], stopping["CurrentState"]["Name"]),
                         ("running", "stopping"))
        self.ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig=FAST)
        described = self.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertEqual(described["StateReason"]["Code"], "Client.UserInitiatedShutdown")
        starting = self.ec2.start_instances(InstanceIds=[iid])["StartingInstances"][0]
        self.assertEqual(starting["CurrentState"], {"Code": 0, "Name": "pending"})
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        self.ec2.reboot_instances(InstanceIds=[iid])
        terminating = self.ec2.terminate_instances(InstanceIds=[iid])["TerminatingInstances"][0]
        self.assertEqual(terminating["CurrentState"], {"Code": 32, "Name": "shutting-down"})
        self.ec2.get_waiter("instance_terminated").wait(InstanceIds=[iid], WaiterConfig=FAST)
        self.ec2.get_waiter("volume_deleted").wait(VolumeIds=[devices["/dev/xvda"]["VolumeId"]],
                                                   WaiterConfig=FAST)
        data = self.ec2.describe_volumes(VolumeIds=[devices["/dev/sdb"]["VolumeId"]])["Volumes"][0]
        self.assertEqual((data["State"], data["Attachments"]), ("available", []))

    def test_state_errors(self):
        iid = self.ec2.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1)["Instances"][0][
            "InstanceId"]
        code, message = code_of(self.ec2.stop_instances, InstanceIds=[iid])
        self.assertEqual(code, "IncorrectInstanceState")
        self.assertEqual(message, f"Instance '{iid}' cannot be stopped as it has never reached the "
                                  "'running' state.")
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        code, _ = code_of(self.ec2.stop_instances, InstanceIds=[iid], DryRun=True)
        self.assertEqual(code, "DryRunOperation")
        code, message = code_of(self.ec2.describe_instances, InstanceIds=["i-0000000000000000a"])
        self.assertEqual((code, message), ("InvalidInstanceID.NotFound",
                                           "The instance ID 'i-0000000000000000a' does not exist"))
        code, _ = code_of(self.ec2.start_instances, InstanceIds=["vol-1"])
        self.assertEqual(code, "InvalidInstanceID.Malformed")
        code, _ = code_of(self.ec2.run_instances, ImageId="ami-1", MinCount=2, MaxCount=1)
        self.assertEqual(code, "InvalidParameterValue")
        code, _ = code_of(self.ec2.run_instances, ImageId="ami-1", MinCount=1, MaxCount=1,
                          Placement={"AvailabilityZone": "us-east-1a"})
        self.assertEqual(code, "InvalidParameterValue")
        code, _ = code_of(self.ec2.describe_instances, Filters=[{"Name": "bogus", "Values": ["x"]}])
        self.assertEqual(code, "InvalidParameterValue")

    def test_describe_filters_and_paginator(self):
        ec2 = self.emu.client("ec2", account=ACCOUNT, region="ap-south-1")
        first = ec2.run_instances(ImageId="ami-1", MinCount=3, MaxCount=3, InstanceType="m5.large")
        second = ec2.run_instances(ImageId="ami-2", MinCount=4, MaxCount=4)
        all_ids = [i["InstanceId"] for r in (first, second) for i in r["Instances"]]
        ec2.get_waiter("instance_running").wait(InstanceIds=all_ids, WaiterConfig=FAST)
        pages = list(ec2.get_paginator("describe_instances").paginate(
            PaginationConfig={"PageSize": 5}))
        seen = [i["InstanceId"] for p in pages for r in p["Reservations"] for i in r["Instances"]]
        self.assertEqual(sorted(seen), sorted(all_ids))
        self.assertGreaterEqual(len(pages), 2)

        def ids_for(*filters):
            out = ec2.describe_instances(Filters=list(filters))["Reservations"]
            return sorted(i["InstanceId"] for r in out for i in r["Instances"])

        self.assertEqual(ids_for({"Name": "instance-type", "Values": ["m5.large"]}),
                         sorted(i["InstanceId"] for i in first["Instances"]))
        self.assertEqual(ids_for({"Name": "reservation-id", "Values": [second["ReservationId"]]}),
                         sorted(i["InstanceId"] for i in second["Instances"]))
        self.assertEqual(ids_for({"Name": "instance-state-name", "Values": ["running"]}),
                         sorted(all_ids))
        root = first["Instances"][0]["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
        self.assertEqual(ids_for({"Name": "block-device-mapping.volume-id", "Values": [root]}),
                         [first["Instances"][0]["InstanceId"]])
        reservations = ec2.describe_instances(InstanceIds=all_ids)["Reservations"]
        self.assertEqual(sorted(r["ReservationId"] for r in reservations),
                         sorted([first["ReservationId"], second["ReservationId"]]))
        ec2.terminate_instances(InstanceIds=all_ids)
        ec2.get_waiter("instance_terminated").wait(InstanceIds=all_ids, WaiterConfig=FAST)

    def test_instance_running_waiter_fails_when_terminated(self):
        iid = self.ec2.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1)["Instances"][0][
            "InstanceId"]
        self.ec2.terminate_instances(InstanceIds=[iid])
        wait_for(lambda: self.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]
                 ["Instances"][0]["State"]["Name"] == "terminated", message="terminated")
        from botocore.exceptions import WaiterError
        with self.assertRaises(WaiterError):
            self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)

    def test_cli_runs_and_terminates(self):
        env = {"account": ACCOUNT, "region": "us-west-2"}
        out = self.emu.aws_cli("ec2", "run-instances", "--image-id", "ami-3", "--count", "1",
                               "--instance-type", "t3.nano", **env)
        iid = out["Instances"][0]["InstanceId"]
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        self.emu.aws_cli("ec2", "wait", "instance-running", "--instance-ids", iid, **env)
        out = self.emu.aws_cli("ec2", "describe-instances", "--instance-ids", iid, **env)
        self.assertEqual(out["Reservations"][0]["Instances"][0]["State"]["Name"], "running")
        out = self.emu.aws_cli("ec2", "terminate-instances", "--instance-ids", iid, **env)
        self.assertEqual(out["TerminatingInstances"][0]["CurrentState"]["Name"], "shutting-down")


if __name__ == "__main__":
    unittest.main()
