"""The example fixture sets in fixtures/: each loads, its state is what the real AWS APIs report, it
exports and loads back unchanged, and the guide's disaster-recovery scenario runs end to end from the
demo fixture with no sleeps (the test waits with /_emulator/settle)."""
import json
import os
import unittest

from ebs_emulator import Emulator, wait_for

ROOT = os.environ.get("EBS_REPO_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def fixture(path):
    with open(os.path.join(ROOT, "fixtures", path)) as f:
        return json.load(f)


class ExampleFixtureTest(unittest.TestCase):
    def setUp(self):
        self.emu = Emulator.start("--snapshot-ms", "200", "--volume-ms", "50")

    def tearDown(self):
        self.emu.close()

    def assert_valid(self, document):
        import jsonschema
        with open(os.path.join(ROOT, "fixtures", "fixture.schema.json")) as f:
            jsonschema.validate(document, json.load(f))

    def test_examples_and_exports_follow_the_schema(self):
        import jsonschema
        for path in ["demo/dr-scenario.json", "examples/cross-account-sharing.json",
                     "examples/kms-failure.json"]:
            self.assert_valid(fixture(path))
        with self.assertRaises(jsonschema.ValidationError):
            self.assert_valid({"accounts": {"111111111111": {"regions": {"us-east-1": {
                "volumes": [{"availabilityZone": "us-east-1a", "size": 1, "colour": "red"}]}}}}})

    def assert_round_trip(self):
        state = self.emu.state()
        self.assert_valid(state)
        self.emu.reset()
        self.emu.load_fixture(state)
        self.assertEqual(self.emu.state(), state)

    def test_guide_disaster_recovery_scenario(self):
        loaded = self.emu.load_fixture(fixture("demo/dr-scenario.json"))["loaded"]
        self.assertEqual(loaded, {"instances": 1, "volumes": 1, "functions": 1, "rules": 1})
        source = self.emu.client("ec2", region="us-east-2", account="111111111111")
        dest = self.emu.client("ec2", region="us-east-1", account="111111111111")
        events = self.emu.client("events", region="us-east-2", account="111111111111")
        rule = events.describe_rule(Name="copy-completed-snapshots")
        self.assertEqual(json.loads(rule["EventPattern"])["detail"]["event"], ["createSnapshot"])
        targets = events.list_targets_by_rule(Rule="copy-completed-snapshots")["Targets"]
        self.assertEqual(targets[0]["Arn"],
                         "arn:aws:lambda:us-east-2:111111111111:function:replicate-snapshot")
        self.assert_round_trip()

        snap = source.create_snapshot(VolumeId="vol-0d15a5ed0000000a1", Description="nightly")
        settled = self.emu.admin("POST", "settle", body={"timeoutSeconds": 60, "horizonSeconds": 30})
        self.assertTrue(settled["settled"])

        def copies():
            found = dest.describe_snapshots(OwnerIds=["self"])["Snapshots"]
            return [s for s in found if s["State"] == "completed"]
        copy = wait_for(copies, 30, message="the copy in us-east-1")[0]
        self.assertEqual(copy["Description"],
                         f"Snapshot copy from {snap['SnapshotId']} in us-east-2.")
        copied = self.emu.events(region="us-east-1", source="aws.ec2")
        self.assertEqual([(e["detail"]["event"], e["detail"]["result"]) for e in copied],
                         [("copySnapshot", "succeeded")])
        self.assertEqual(copied[0]["detail"]["source"],
                         f"arn:aws:ec2::us-east-2:snapshot/{snap['SnapshotId']}")

    def test_cross_account_sharing(self):
        self.emu.load_fixture(fixture("examples/cross-account-sharing.json"))
        owner = self.emu.client("ec2", region="eu-west-1", account="111111111111")
        other = self.emu.client("ec2", region="eu-west-1", account="222222222222")
        own = {s["SnapshotId"] for s in owner.describe_snapshots(OwnerIds=["self"])["Snapshots"]}
        self.assertEqual(own, {"snap-05a7ed0000000b001", "snap-05a7ed0000000b002",
                               "snap-05a7ed0000000b003"})
        visible = {s["SnapshotId"] for s in other.describe_snapshots()["Snapshots"]}
        self.assertIn("snap-05a7ed0000000b001", visible)
        self.assertIn("snap-05a7ed0000000b002", visible)
        self.assertNotIn("snap-05a7ed0000000b003", visible)
        attr = owner.describe_snapshot_attribute(SnapshotId="snap-05a7ed0000000b002",
                                                 Attribute="createVolumePermission")
        self.assertEqual(attr["CreateVolumePermissions"], [{"Group": "all"}])
        self.assertEqual(self.emu.client("events", region="eu-west-1", account="222222222222")
                         .list_rules()["Rules"][0]["Name"], "snapshot-shared-with-me")
        self.assert_round_trip()

    def test_kms_failure_scenario(self):
        self.emu.load_fixture(fixture("examples/kms-failure.json"))
        kms = self.emu.client("kms", region="ap-southeast-2", account="333333333333")
        states = {k["KeyId"]: kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"]["KeyState"]
                  for k in kms.list_keys()["Keys"]}
        self.assertEqual(states, {
            "11111111-2222-3333-4444-000000000001": "Enabled",
            "11111111-2222-3333-4444-000000000002": "Disabled",
            "11111111-2222-3333-4444-000000000003": "PendingDeletion",
            "11111111-2222-3333-4444-000000000004": "PendingImport"})
        ec2 = self.emu.client("ec2", region="ap-southeast-2", account="333333333333")
        vol = ec2.describe_volumes(VolumeIds=["vol-0c0ffee000000c001"])["Volumes"][0]
        self.assertEqual(vol["State"], "in-use")
        self.assertTrue(vol["KmsKeyId"].endswith("11111111-2222-3333-4444-000000000003"))
        self.assert_round_trip()
        # CreateVolume with the disabled key answers creating, then rolls back with a failed event
        created = ec2.create_volume(AvailabilityZone="ap-southeast-2a", Size=1, Encrypted=True,
                                    KmsKeyId="alias/disabled")
        self.assertEqual(created["State"], "creating")
        self.emu.admin("POST", "settle", body={"timeoutSeconds": 10, "horizonSeconds": 5})
        failed = self.emu.wait_for_event(
            lambda e: e["detail"].get("event") == "createVolume" and e["detail"]["result"] == "failed",
            region="ap-southeast-2")
        self.assertEqual(failed["detail"]["cause"],
                         "arn:aws:kms:ap-southeast-2:333333333333:key/"
                         "11111111-2222-3333-4444-000000000002 is disabled.")


if __name__ == "__main__":
    unittest.main()
