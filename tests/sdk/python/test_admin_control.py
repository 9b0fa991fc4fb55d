"""The admin API's time and fault control, driven as a test suite would use it: a manual clock that
runs due work only when advanced, settle with a horizon, and injected API faults (next N calls of an
action in one region fail with a chosen AWS error) seen through boto3, the AWS CLI and JSON APIs."""
import unittest

from botocore.exceptions import ClientError

from ebs_emulator import Emulator, wait_for


class ClockTest(unittest.TestCase):
    def setUp(self):
        self.emu = Emulator.start("--volume-ms", "5000")
        self.ec2 = self.emu.client("ec2", region="us-east-2", account="111111111111")

    def tearDown(self):
        self.emu.close()

    def state(self, volume_id):
        return self.ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["State"]

    def test_manual_clock_runs_due_work_only_when_advanced(self):
        clock = self.emu.admin("POST", "clock", body={"mode": "manual"})
        self.assertEqual(clock["mode"], "manual")
        volume_id = self.ec2.create_volume(AvailabilityZone="us-east-2a", Size=1)["VolumeId"]
        self.assertEqual(self.state(volume_id), "creating")
        settle = self.emu.settle(timeout=0.2)
        self.assertTrue(settle["settled"])  # nothing is due at the frozen time
        self.assertEqual(self.state(volume_id), "creating")
        advanced = self.emu.advance_clock(4.9)
        self.assertEqual(advanced["ran"], 0)
        self.assertEqual(self.state(volume_id), "creating")
        advanced = self.emu.advance_clock(0.1)
        self.assertEqual(advanced["ran"], 1)
        self.assertEqual(self.state(volume_id), "available")  # ran before the response
        events = self.emu.events(source="aws.ec2")
        self.assertEqual([e["detail"]["event"] for e in events], ["createVolume"])
        self.assertEqual(events[0]["time"], advanced["now"][:19] + "Z")

    def test_settle_with_horizon_waits_for_real_time_work(self):
        self.emu.admin("POST", "clock", body={"scale": 50})  # 5 s of emulated time in ~0.1 s
        volume_id = self.ec2.create_volume(AvailabilityZone="us-east-2b", Size=1)["VolumeId"]
        settled = self.emu.admin("POST", "settle", body={"timeoutSeconds": 10, "horizonSeconds": 60})
        self.assertTrue(settled["settled"])
        self.assertEqual(self.state(volume_id), "available")

    def test_clock_refuses_going_back_and_bad_values(self):
        bad = self.emu.admin("POST", "clock", body={"advanceSeconds": -1}, expect=(400,))
        self.assertIn("cannot go back", bad["message"])
        bad = self.emu.admin("POST", "clock", body={"mode": "sideways"}, expect=(400,))
        self.assertEqual(bad["error"], "InvalidRequest")
        bad = self.emu.admin("POST", "clock", body="[1,2", expect=(400,))
        self.assertEqual(bad["error"], "InvalidRequest")


class ManualCompletionTest(unittest.TestCase):
    def test_snapshots_complete_only_when_the_test_says_so(self):
        with Emulator.start("--snapshot-completion", "manual", "--volume-ms", "0",
                            "--snapshot-ms", "0") as emu:
            ec2 = emu.client("ec2", region="sa-east-1", account="666666666666")
            volume = ec2.create_volume(AvailabilityZone="sa-east-1a", Size=2)["VolumeId"]
            wait_for(lambda: ec2.describe_volumes(VolumeIds=[volume])["Volumes"][0]["State"]
                     == "available", 10, message="the volume")
            done = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
            failed = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
            self.assertTrue(emu.admin("POST", "settle",
                                      body={"timeoutSeconds": 5, "horizonSeconds": 60})["settled"])
            states = {s["SnapshotId"]: s["State"]
                      for s in ec2.describe_snapshots(SnapshotIds=[done, failed])["Snapshots"]}
            self.assertEqual(states, {done: "pending", failed: "pending"})
            emu.admin("POST", f"snapshots/{done}/complete", body={})
            emu.admin("POST", f"snapshots/{failed}/fail", body={"cause": "operator said so"})
            snaps = {s["SnapshotId"]: s
                     for s in ec2.describe_snapshots(SnapshotIds=[done, failed])["Snapshots"]}
            self.assertEqual(snaps[done]["State"], "completed")
            self.assertEqual((snaps[failed]["State"], snaps[failed]["StateMessage"]),
                             ("error", "operator said so"))
            results = {e["detail"]["snapshot_id"].split("/")[1]: e["detail"]["result"]
                       for e in emu.events(region="sa-east-1")
                       if e["detail"].get("event") == "createSnapshot"}
            self.assertEqual(results, {done: "succeeded", failed: "failed"})

    def test_manual_clock_from_the_start(self):
        with Emulator.start("--clock", "manual", "--volume-ms", "1000") as emu:
            self.assertEqual(emu.admin("GET", "clock")["mode"], "manual")
            ec2 = emu.client("ec2")
            volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=1)["VolumeId"]
            self.assertEqual(emu.advance_clock(1)["ran"], 1)
            self.assertEqual(ec2.describe_volumes(VolumeIds=[volume])["Volumes"][0]["State"],
                             "available")


class FaultTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start("--volume-ms", "50", "--snapshot-ms", "100")

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def tearDown(self):
        self.emu.admin("DELETE", "faults")

    def test_next_n_calls_fail_with_the_chosen_error_in_one_region(self):
        added = self.emu.admin("POST", "faults", body={
            "kind": "api", "service": "ec2", "action": "CreateVolume", "region": "us-east-1",
            "errorCode": "VolumeLimitExceeded",
            "errorMessage": "You have exceeded your maximum gp2 storage limit",
            "httpStatus": 400, "remaining": 2}, expect=(201,))
        fault_id = added["added"][0]
        east = self.emu.client("ec2", region="us-east-1")
        west = self.emu.client("ec2", region="us-west-2")
        for _ in range(2):
            with self.assertRaises(ClientError) as ctx:
                east.create_volume(AvailabilityZone="us-east-1a", Size=1)
            self.assertEqual(ctx.exception.response["Error"]["Code"], "VolumeLimitExceeded")
            self.assertEqual(ctx.exception.response["Error"]["Message"],
                             "You have exceeded your maximum gp2 storage limit")
        west.create_volume(AvailabilityZone="us-west-2a", Size=1)  # other region unaffected
        east.create_volume(AvailabilityZone="us-east-1a", Size=1)  # exhausted after 2
        listed = self.emu.admin("GET", "faults")["faults"]
        self.assertEqual(listed[0]["id"], fault_id)
        self.assertEqual(listed[0]["hits"], 2)
        self.assertEqual(listed[0]["remaining"], 0)

    def test_fault_seen_by_the_aws_cli_and_removable(self):
        added = self.emu.admin("POST", "faults", body={
            "kind": "api", "action": "DescribeVolumes", "errorCode": "RequestLimitExceeded",
            "errorMessage": "Request limit exceeded.", "httpStatus": 503}, expect=(201,))
        proc = self.emu.aws_cli("ec2", "describe-volumes", check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("RequestLimitExceeded", proc.stderr)
        self.emu.admin("DELETE", f"faults/{added['added'][0]}")
        self.assertEqual(self.emu.aws_cli("ec2", "describe-volumes")["Volumes"], [])
        self.emu.admin("DELETE", "faults/nope", expect=(404,))

    def test_snapshots_of_a_volume_end_in_error_with_the_cause(self):
        ec2 = self.emu.client("ec2", region="eu-central-1", account="444444444444")
        volume = ec2.create_volume(AvailabilityZone="eu-central-1a", Size=1)["VolumeId"]
        wait_for(lambda: ec2.describe_volumes(VolumeIds=[volume])["Volumes"][0]["State"]
                 == "available", 10, message="the volume")
        self.emu.admin("POST", "faults", body={"kind": "snapshot", "volumeId": volume,
                                               "cause": "disk on fire", "remaining": 1},
                       expect=(201,))
        first = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
        second = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
        self.emu.admin("POST", "settle", body={"timeoutSeconds": 20, "horizonSeconds": 10})
        states = {s["SnapshotId"]: s for s in ec2.describe_snapshots(
            SnapshotIds=[first, second])["Snapshots"]}
        self.assertEqual(states[first]["State"], "error")
        self.assertEqual(states[first]["StateMessage"], "disk on fire")
        self.assertEqual(states[second]["State"], "completed")  # remaining: 1
        event = self.emu.wait_for_event(
            lambda e: e["detail"].get("snapshot_id", "").endswith(first), region="eu-central-1")
        self.assertEqual((event["detail"]["result"], event["detail"]["cause"]),
                         ("failed", "disk on fire"))

    def test_deliveries_to_a_target_fail_with_the_status_then_recover(self):
        from eventbridge_receiver import Receiver, api_destination
        receiver = Receiver()
        try:
            events = self.emu.client("events", region="us-west-1", account="555555555555")
            arn = api_destination(events, "hook", receiver.url + "/hook")
            events.put_rule(Name="all-custom", EventPattern='{"source":["my.app"]}')
            events.put_targets(Rule="all-custom", Targets=[{
                "Id": "hook", "Arn": arn,
                "RoleArn": "arn:aws:iam::555555555555:role/x",
                "RetryPolicy": {"MaximumRetryAttempts": 5, "MaximumEventAgeInSeconds": 3600}}])
            self.emu.admin("POST", "faults", body={"kind": "delivery", "targetId": "hook",
                                                   "statusCode": 503, "remaining": 2},
                           expect=(201,))
            self.emu.admin("POST", "clock", body={"scale": 1000})  # retry backoff passes quickly
            events.put_events(Entries=[{"Source": "my.app", "DetailType": "t", "Detail": "{}"}])
            receiver.wait_count(1, "/hook", timeout=30)

            def delivered():
                items = [d for d in self.emu.deliveries() if d.get("targetId") == "hook"]
                return items and items[0]["status"] == "succeeded" and items[0]
            delivery = wait_for(delivered, 30, message="the delivery to succeed")
            statuses = [a.get("statusCode") for a in delivery["attempts"]]
            self.assertEqual(statuses, [503, 503, 200])
        finally:
            self.emu.admin("POST", "clock", body={"scale": 1})
            receiver.close()

    def test_bad_fault_definitions_are_refused_with_the_field(self):
        for body, text in [({"kind": "api"}, "needs an action"),
                           ({"kind": "weather"}, "kind must be"),
                           ({"kind": "api", "action": "X", "colour": 1}, "unknown field 'colour'"),
                           ([{"kind": "snapshot"}], "[0]: a snapshot fault needs")]:
            res = self.emu.admin("POST", "faults", body=body, expect=(400,))
            self.assertIn(text, res["message"])
        self.assertEqual(self.emu.admin("GET", "faults")["faults"], [])


if __name__ == "__main__":
    unittest.main()
