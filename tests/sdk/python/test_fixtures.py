"""Fixtures: loading a document puts the emulator in a known state in one call (checked through the
real AWS APIs), export round-trips, bad documents are refused precisely with nothing changed, reset
goes back to empty or to the startup fixtures, and a 10,000-snapshot document loads fast."""
import copy
import json
import os
import tempfile
import time
import unittest

from ebs_emulator import Emulator

A = "111111111111"
B = "222222222222"
KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
DOC = {
    "description": "two accounts, one key, an instance with a volume attached, shared snapshots",
    "accounts": {
        A: {"regions": {"us-east-2": {
            "keys": [{"keyId": KEY, "description": "dr key", "aliases": ["alias/dr"],
                      "tags": {"team": "storage"}},
                     {"keyId": "0000abcd-12ab-34cd-56ef-1234567890ab", "keyState": "Disabled"}],
            "instances": [{"instanceId": "i-0123456789abcdef0", "availabilityZone": "us-east-2a",
                           "tags": {"Name": "app"}}],
            "volumes": [
                {"volumeId": "vol-0aaaaaaaaaaaaaaa1", "availabilityZone": "us-east-2a", "size": 8,
                 "volumeType": "gp3", "tags": {"Name": "data"},
                 "attachments": [{"instanceId": "i-0123456789abcdef0", "device": "/dev/sdf"}]},
                {"volumeId": "vol-0aaaaaaaaaaaaaaa2", "availabilityZone": "us-east-2b", "size": 20,
                 "encrypted": True, "kmsKeyId": "alias/dr"}],
            "snapshots": [
                {"snapshotId": "snap-0bbbbbbbbbbbbbbb1", "volumeId": "vol-0aaaaaaaaaaaaaaa1",
                 "description": "nightly", "sharedWith": [B], "tags": {"kind": "nightly"}},
                {"snapshotId": "snap-0bbbbbbbbbbbbbbb2", "volumeId": "vol-0aaaaaaaaaaaaaaa2",
                 "state": "error", "stateMessage": "boom"}],
        }}},
        B: {"regions": {"us-east-2": {"volumes": [
            {"volumeId": "vol-0ccccccccccccccc1", "availabilityZone": "us-east-2c", "size": 1}]}}},
    },
}


class FixtureTest(unittest.TestCase):
    def setUp(self):
        self.emu = Emulator.start()
        self.ec2 = self.emu.client("ec2", region="us-east-2", account=A)

    def tearDown(self):
        self.emu.close()

    def test_load_then_read_through_the_real_apis(self):
        loaded = self.emu.load_fixture(DOC)["loaded"]
        self.assertEqual(loaded, {"keys": 2, "instances": 1, "volumes": 3, "snapshots": 2})
        vols = {v["VolumeId"]: v for v in self.ec2.describe_volumes()["Volumes"]}
        self.assertEqual(vols["vol-0aaaaaaaaaaaaaaa1"]["State"], "in-use")
        self.assertEqual(vols["vol-0aaaaaaaaaaaaaaa1"]["Attachments"][0]["InstanceId"],
                         "i-0123456789abcdef0")
        self.assertEqual(vols["vol-0aaaaaaaaaaaaaaa1"]["Tags"], [{"Key": "Name", "Value": "data"}])
        self.assertEqual(vols["vol-0aaaaaaaaaaaaaaa2"]["KmsKeyId"],
                         f"arn:aws:kms:us-east-2:{A}:key/{KEY}")
        kms = self.emu.client("kms", region="us-east-2", account=A)
        self.assertEqual(kms.describe_key(KeyId="alias/dr")["KeyMetadata"]["KeyId"], KEY)
        self.assertEqual(kms.describe_key(KeyId="0000abcd-12ab-34cd-56ef-1234567890ab")
                         ["KeyMetadata"]["KeyState"], "Disabled")
        own = self.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]
        self.assertEqual({s["SnapshotId"]: s["State"] for s in own},
                         {"snap-0bbbbbbbbbbbbbbb1": "completed", "snap-0bbbbbbbbbbbbbbb2": "error"})
        # account B sees the snapshot shared with it and can create a volume from it
        ec2_b = self.emu.client("ec2", region="us-east-2", account=B)
        shared = ec2_b.describe_snapshots(RestorableByUserIds=["self"])["Snapshots"]
        self.assertIn("snap-0bbbbbbbbbbbbbbb1", [s["SnapshotId"] for s in shared])
        vol = ec2_b.create_volume(AvailabilityZone="us-east-2a", SnapshotId="snap-0bbbbbbbbbbbbbbb1")
        self.assertEqual(vol["Size"], 8)

    def test_loading_twice_is_idempotent_and_export_round_trips(self):
        self.emu.load_fixture(DOC)
        self.emu.load_fixture(DOC)
        self.assertEqual(len(self.ec2.describe_volumes()["Volumes"]), 2)
        state = self.emu.state()
        self.assertEqual(set(state["accounts"]), {A, B})
        self.emu.reset()
        self.assertEqual(self.ec2.describe_volumes()["Volumes"], [])
        self.emu.load_fixture(state)
        self.assertEqual(self.emu.state(), state)

    def test_bad_documents_are_refused_precisely_and_change_nothing(self):
        self.emu.load_fixture({"accounts": {A: {"regions": {"us-east-2": {"volumes": [
            {"volumeId": "vol-0ddddddddddddddd1", "availabilityZone": "us-east-2a", "size": 1}]}}}}})
        before = self.emu.state()
        region = f"accounts.{A}.regions.us-east-2"

        def refused(doc, text):
            body = doc if isinstance(doc, str) else json.dumps(doc)
            res = self.emu.admin("POST", "fixtures", body=body, expect=(400,))
            self.assertEqual(res["error"], "InvalidFixture")
            self.assertIn(text, res["message"])
            self.assertEqual(self.emu.state(), before)

        refused('{"accounts": ', "request: invalid JSON")
        bad = copy.deepcopy(DOC)
        bad["accounts"][A]["regions"]["us-east-2"]["volumes"][0]["colour"] = "red"
        refused(bad, f"request: {region}.volumes[0].colour: unknown field")
        bad = copy.deepcopy(DOC)
        bad["accounts"][A]["regions"]["us-east-2"]["snapshots"][1]["volumeId"] = "vol-0eeeeeeeeeeeeeee9"
        refused(bad, f"{region}.snapshots[1].volumeId: no such volume")
        bad = copy.deepcopy(DOC)
        bad["accounts"][A]["regions"]["us-east-2"]["volumes"][1]["volumeId"] = "vol-0aaaaaaaaaaaaaaa1"
        refused(bad, f"{region}.volumes[1].volumeId: duplicate id vol-0aaaaaaaaaaaaaaa1")
        bad = copy.deepcopy(DOC)
        bad["accounts"][A]["regions"]["us-east-2"]["snapshots"][0]["state"] = "exploded"
        refused(bad, f"{region}.snapshots[0].state: 'exploded' is not one of")
        bad = copy.deepcopy(DOC)
        bad["accounts"][A]["regions"]["us-east-2"]["volumes"][1]["kmsKeyId"] = "alias/nope"
        refused(bad, f"{region}.volumes[1].kmsKeyId: no such alias alias/nope")
        refused({"accounts": {"12": {}}}, "accounts.12: an account id is 12 digits")
        refused({"accounts": {A: {"regions": {"mars-1": {}}}}}, f"accounts.{A}.regions.mars-1: unknown region")
        refused({"acounts": {}}, "$.acounts: unknown field")

    def test_reset_one_account_and_back_to_startup(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "scenario.json"), "w") as f:
                json.dump(DOC, f)
            emu = Emulator.start("--fixtures", folder)
            try:
                ec2 = emu.client("ec2", region="us-east-2", account=A)
                ec2_b = emu.client("ec2", region="us-east-2", account=B)
                self.assertEqual(len(ec2.describe_volumes()["Volumes"]), 2)
                ec2.create_volume(AvailabilityZone="us-east-2a", Size=1)
                emu.reset(account=B, region="us-east-2")
                self.assertEqual(ec2_b.describe_volumes()["Volumes"], [])
                self.assertEqual(len(ec2.describe_volumes()["Volumes"]), 3)
                emu.reset(to="startup")
                self.assertEqual(len(ec2.describe_volumes()["Volumes"]), 2)
                self.assertEqual(len(ec2_b.describe_volumes()["Volumes"]), 1)
                emu.reset()
                self.assertEqual(ec2.describe_volumes()["Volumes"], [])
            finally:
                emu.close()

    def test_bad_startup_fixture_stops_the_emulator_with_a_message(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"accounts": {A: {"regions": {"us-east-2": {"volumes": [{"size": 1}]}}}}}, f)
        try:
            with self.assertRaises(RuntimeError) as ctx:
                Emulator.start("--fixtures", f.name)
            self.assertIn(f"{f.name}: accounts.{A}.regions.us-east-2.volumes[0].availabilityZone: is required",
                          str(ctx.exception))
        finally:
            os.unlink(f.name)

    def test_ten_thousand_snapshots_load_fast(self):
        snaps = [{"snapshotId": f"snap-{i:017x}", "volumeSize": 8, "tags": {"n": str(i)}}
                 for i in range(10000)]
        doc = {"accounts": {A: {"regions": {"us-east-1": {"snapshots": snaps}}}}}
        started = time.monotonic()
        loaded = self.emu.load_fixture(doc)["loaded"]
        elapsed = time.monotonic() - started
        self.assertEqual(loaded["snapshots"], 10000)
        print(f"\n10,000 snapshots loaded in {elapsed*1000:.0f} ms")
        east1 = self.emu.client("ec2", region="us-east-1", account=A)
        found = east1.describe_snapshots(Filters=[{"Name": "tag:n", "Values": ["9999"]}])["Snapshots"]
        self.assertEqual([s["SnapshotId"] for s in found], [f"snap-{9999:017x}"])


if __name__ == "__main__":
    unittest.main()
