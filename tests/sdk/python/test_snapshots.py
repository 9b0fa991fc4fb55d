"""Snapshots through boto3: CreateSnapshot / CreateSnapshots / CopySnapshot (within and across regions),
DescribeSnapshots (ids, Owner, RestorableBy, filters, pagination), DeleteSnapshot, the
createVolumePermission attribute in both forms across accounts, CreateVolume from a snapshot, the
snapshot_completed waiter, moving progress, the admin fail/complete controls, and the snapshot events
(createSnapshot, createSnapshots, copySnapshot, shareSnapshot)."""
import re
import unittest

import botocore.exceptions

from ebs_emulator import Emulator, wait_for

A, B, C = "111111111111", "222222222222", "333333333333"
FAST = {"Delay": 0.1, "MaxAttempts": 100}
ISO_S = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


class SnapshotTestBase(unittest.TestCase):
    ARGS = ("--volume-ms", "50", "--snapshot-ms", "400")

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start(*cls.ARGS)

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def ec2(self, account=A, region="us-east-1"):
        return self.emu.client("ec2", region=region, account=account)

    def volume(self, ec2, size=8, tags=None, **kwargs):
        args = {"AvailabilityZone": ec2.meta.region_name + "a", "Size": size, **kwargs}
        if tags:
            args["TagSpecifications"] = [{"ResourceType": "volume", "Tags": tags}]
        vid = ec2.create_volume(**args)["VolumeId"]
        ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        return vid

    def completed_snapshot(self, ec2, size=8, **kwargs):
        sid = ec2.create_snapshot(VolumeId=self.volume(ec2, size), **kwargs)["SnapshotId"]
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[sid], WaiterConfig=FAST)
        return sid

    def code(self, ctx):
        return ctx.exception.response["Error"]["Code"]

    def snapshot_events(self, account, region, event):
        return [e for e in self.emu.events(account=account, region=region,
                                           **{"detail-type": "EBS Snapshot Notification"})
                if e["detail"]["event"] == event]


class CreateAndDescribeTest(SnapshotTestBase):
    def test_create_progress_waiter_and_event(self):
        ec2 = self.ec2()
        vid = self.volume(ec2, 20)
        out = ec2.create_snapshot(VolumeId=vid, Description="nightly",
                                  TagSpecifications=[{"ResourceType": "snapshot",
                                                      "Tags": [{"Key": "env", "Value": "prod"}]}])
        sid = out["SnapshotId"]
        self.assertRegex(sid, r"^snap-[0-9a-f]{17}$")
        self.assertEqual(out["State"], "pending")
        self.assertEqual(out["VolumeId"], vid)
        self.assertEqual(out["VolumeSize"], 20)
        self.assertEqual(out["OwnerId"], A)
        self.assertEqual(out["Description"], "nightly")
        self.assertFalse(out["Encrypted"])
        self.assertEqual(out["Tags"], [{"Key": "env", "Value": "prod"}])

        seen = set()

        def progress_between():
            snap = ec2.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]
            if snap["State"] == "pending":
                seen.add(snap["Progress"])
            return any(p not in ("0%", "100%") for p in seen) or snap["State"] != "pending"
        wait_for(progress_between, timeout=10)
        self.assertTrue(any(p not in ("0%", "100%") for p in seen), f"progress seen: {seen}")
        for p in seen:
            self.assertRegex(p, r"^\d{1,2}%$")

        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[sid], WaiterConfig=FAST)
        snap = ec2.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]
        self.assertEqual(snap["State"], "completed")
        self.assertEqual(snap["Progress"], "100%")
        self.assertEqual(snap["StorageTier"], "standard")
        self.assertEqual(snap["Tags"], [{"Key": "env", "Value": "prod"}])
        self.assertNotIn("StateMessage", snap)

        event = self.emu.wait_for_event(
            lambda e: e["detail"].get("snapshot_id", "").endswith("/" + sid), account=A)
        self.assertEqual(event["detail-type"], "EBS Snapshot Notification")
        self.assertEqual(event["source"], "aws.ec2")
        self.assertEqual(event["region"], "us-east-1")
        self.assertEqual(event["resources"], [f"arn:aws:ec2::us-east-1:snapshot/{sid}"])
        d = event["detail"]
        self.assertEqual(list(d.keys()), ["event", "result", "cause", "request-id", "snapshot_id",
                                          "source", "startTime", "endTime"])
        self.assertEqual((d["event"], d["result"], d["cause"], d["request-id"]),
                         ("createSnapshot", "succeeded", "", ""))
        self.assertEqual(d["source"], f"arn:aws:ec2::us-east-1:volume/{vid}")
        self.assertEqual(d["snapshot_id"].split("/")[1], sid)
        self.assertRegex(d["startTime"], ISO_S)
        self.assertRegex(d["endTime"], ISO_S)

    def test_errors(self):
        ec2 = self.ec2()
        cases = [
            (lambda: ec2.create_snapshot(VolumeId="vol-0123456789abcdef0"), "InvalidVolume.NotFound"),
            (lambda: ec2.create_snapshot(VolumeId="bogus"), "InvalidVolumeID.Malformed"),
            (lambda: ec2.describe_snapshots(SnapshotIds=["snap-0123456789abcdef0"]),
             "InvalidSnapshot.NotFound"),
            (lambda: ec2.delete_snapshot(SnapshotId="snap-0123456789abcdef0"),
             "InvalidSnapshot.NotFound"),
            (lambda: ec2.describe_snapshots(SnapshotIds=["snap-0123456789abcdef0"], MaxResults=5),
             "InvalidParameterCombination"),
            (lambda: ec2.describe_snapshots(MaxResults=3), "InvalidParameterValue"),
            (lambda: ec2.describe_snapshots(Filters=[{"Name": "colour", "Values": ["x"]}]),
             "InvalidFilter"),
            (lambda: ec2.describe_snapshots(NextToken="garbage"), "InvalidNextToken"),
            (lambda: ec2.copy_snapshot(SourceRegion="us-east-1",
                                       SourceSnapshotId="snap-0123456789abcdef0"),
             "InvalidSnapshot.NotFound"),
            (lambda: ec2.describe_snapshot_attribute(SnapshotId="snap-0123456789abcdef0",
                                                     Attribute="createVolumePermission"),
             "InvalidSnapshot.NotFound"),
        ]
        for call, expected in cases:
            with self.subTest(expected=expected):
                with self.assertRaises(botocore.exceptions.ClientError) as ctx:
                    call()
                self.assertEqual(self.code(ctx), expected)

        vid = self.volume(ec2)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.create_snapshot(VolumeId=vid, TagSpecifications=[
                {"ResourceType": "volume", "Tags": [{"Key": "k", "Value": "v"}]}])
        self.assertEqual(self.code(ctx), "InvalidParameterValue")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.create_snapshot(VolumeId=vid, DryRun=True)
        self.assertEqual(self.code(ctx), "DryRunOperation")

        pending = ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.create_volume(AvailabilityZone="us-east-1a", SnapshotId=pending)
        self.assertEqual(self.code(ctx), "IncorrectState")
        self.assertIn("pending", ctx.exception.response["Error"]["Message"])
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=pending)
        self.assertEqual(self.code(ctx), "IncorrectState")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=pending, KmsKeyId="alias/x")
        self.assertEqual(self.code(ctx), "InvalidParameterDependency")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.modify_snapshot_attribute(SnapshotId=pending, CreateVolumePermission={
                "Add": [{"UserId": B}], "Remove": [{"UserId": C}]})
        self.assertEqual(self.code(ctx), "InvalidParameterCombination")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.modify_snapshot_attribute(SnapshotId=pending, Attribute="createVolumePermission",
                                          OperationType="add", UserIds=["not-an-account"])
        self.assertEqual(self.code(ctx), "InvalidUserID.Malformed")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.describe_snapshots(OwnerIds=["someone"])
        self.assertEqual(self.code(ctx), "InvalidUserID.Malformed")

    def test_delete(self):
        ec2 = self.ec2()
        sid = self.completed_snapshot(ec2)
        self.assertTrue(ec2.delete_snapshot(SnapshotId=sid)["ResponseMetadata"])
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.describe_snapshots(SnapshotIds=[sid])
        self.assertEqual(self.code(ctx), "InvalidSnapshot.NotFound")
        # A pending snapshot can be deleted too; it never completes nor emits an event.
        pending = ec2.create_snapshot(VolumeId=self.volume(ec2))["SnapshotId"]
        ec2.delete_snapshot(SnapshotId=pending)
        self.assertEqual(ec2.describe_snapshots(Filters=[{"Name": "snapshot-id",
                                                          "Values": [pending]}])["Snapshots"], [])

    def test_pagination_and_filters(self):
        ec2 = self.emu.client("ec2", region="ap-south-1", account=A)
        vid = self.volume(ec2, 3)
        made = []
        for i in range(12):
            made.append(ec2.create_snapshot(
                VolumeId=vid, Description=f"page-{i}",
                TagSpecifications=[{"ResourceType": "snapshot",
                                    "Tags": [{"Key": "batch", "Value": "p"},
                                             {"Key": "n", "Value": str(i)}]}])["SnapshotId"])
        pages = list(ec2.get_paginator("describe_snapshots").paginate(
            OwnerIds=["self"], PaginationConfig={"PageSize": 5}))
        self.assertEqual([len(p["Snapshots"]) for p in pages], [5, 5, 2])
        ids = [s["SnapshotId"] for p in pages for s in p["Snapshots"]]
        self.assertEqual(sorted(ids), sorted(made))
        self.assertEqual(len(set(ids)), 12)
        self.assertNotIn("NextToken", pages[-1])

        by_tag = ec2.describe_snapshots(Filters=[{"Name": "tag:n", "Values": ["3", "7"]}])
        self.assertEqual(sorted(s["SnapshotId"] for s in by_tag["Snapshots"]),
                         sorted([made[3], made[7]]))
        by_tag_page = ec2.describe_snapshots(Filters=[{"Name": "tag:batch", "Values": ["p"]}],
                                             MaxResults=5)
        self.assertEqual(len(by_tag_page["Snapshots"]), 5)
        rest = ec2.describe_snapshots(Filters=[{"Name": "tag:batch", "Values": ["p"]}],
                                      MaxResults=10, NextToken=by_tag_page["NextToken"])
        self.assertEqual(len(rest["Snapshots"]), 7)
        by_desc = ec2.describe_snapshots(Filters=[{"Name": "description", "Values": ["page-1*"]}])
        self.assertEqual(len(by_desc["Snapshots"]), 3)  # page-1, page-10, page-11
        by_vol = ec2.describe_snapshots(Filters=[{"Name": "volume-id", "Values": [vid]},
                                                 {"Name": "volume-size", "Values": ["3"]}])
        self.assertEqual(len(by_vol["Snapshots"]), 12)
        self.assertEqual(ec2.describe_snapshots(
            Filters=[{"Name": "tag-key", "Values": ["nope"]}])["Snapshots"], [])
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=made, WaiterConfig=FAST)
        done = ec2.describe_snapshots(Filters=[{"Name": "status", "Values": ["completed"]},
                                               {"Name": "progress", "Values": ["100%"]},
                                               {"Name": "owner-id", "Values": [A]}])
        self.assertEqual(len(done["Snapshots"]), 12)

    def test_create_tags_on_a_snapshot(self):
        ec2 = self.ec2()
        sid = self.completed_snapshot(ec2)
        ec2.create_tags(Resources=[sid], Tags=[{"Key": "later", "Value": "yes"}])
        found = ec2.describe_snapshots(Filters=[{"Name": "tag:later", "Values": ["yes"]}])
        self.assertEqual([s["SnapshotId"] for s in found["Snapshots"]], [sid])
        tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [sid]}])["Tags"]
        self.assertEqual([(t["ResourceType"], t["Key"]) for t in tags], [("snapshot", "later")])

    def test_create_volume_from_snapshot(self):
        ec2 = self.ec2()
        sid = self.completed_snapshot(ec2, size=10)
        vol = ec2.create_volume(AvailabilityZone="us-east-1b", SnapshotId=sid)
        self.assertEqual(vol["Size"], 10)
        self.assertEqual(vol["SnapshotId"], sid)
        bigger = ec2.create_volume(AvailabilityZone="us-east-1b", SnapshotId=sid, Size=30)
        self.assertEqual(bigger["Size"], 30)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.create_volume(AvailabilityZone="us-east-1b", SnapshotId=sid, Size=5)
        self.assertEqual(self.code(ctx), "InvalidParameterValue")
        self.assertIn(sid, ctx.exception.response["Error"]["Message"])
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.create_volume(AvailabilityZone="us-east-1b", SnapshotId="snap-0123456789abcdef0")
        self.assertEqual(self.code(ctx), "InvalidSnapshot.NotFound")
        ec2.get_waiter("volume_available").wait(VolumeIds=[vol["VolumeId"]], WaiterConfig=FAST)
        got = ec2.describe_volumes(VolumeIds=[vol["VolumeId"]])["Volumes"][0]
        self.assertEqual((got["SnapshotId"], got["Size"]), (sid, 10))


class SharingTest(SnapshotTestBase):
    def test_structured_form_owner_and_restorable_by(self):
        a, b, c = self.ec2(A), self.ec2(B), self.ec2(C)
        sid = self.completed_snapshot(a, size=6, TagSpecifications=[
            {"ResourceType": "snapshot", "Tags": [{"Key": "secret", "Value": "yes"}]}])
        own_b = self.completed_snapshot(b)

        # Private: B cannot see it (an inaccessible id is omitted) nor use it.
        self.assertEqual(b.describe_snapshots(SnapshotIds=[sid])["Snapshots"], [])
        self.assertEqual(b.describe_snapshots(OwnerIds=[A])["Snapshots"], [])
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            b.create_volume(AvailabilityZone="us-east-1a", SnapshotId=sid)
        self.assertEqual(self.code(ctx), "InvalidSnapshot.NotFound")

        a.modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                    CreateVolumePermission={"Add": [{"UserId": B}]})
        attr = a.describe_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission")
        self.assertEqual(attr["SnapshotId"], sid)
        self.assertEqual(attr["CreateVolumePermissions"], [{"UserId": B}])

        default_b = {s["SnapshotId"] for s in b.describe_snapshots()["Snapshots"]}
        self.assertIn(sid, default_b)
        self.assertIn(own_b, default_b)
        shared = b.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]
        self.assertEqual(shared["OwnerId"], A)
        self.assertNotIn("Tags", shared)  # tags belong to the owner's account
        self.assertEqual({s["SnapshotId"] for s in b.describe_snapshots(OwnerIds=["self"])["Snapshots"]},
                         {own_b})
        self.assertEqual([s["SnapshotId"] for s in b.describe_snapshots(OwnerIds=[A])["Snapshots"]],
                         [sid])
        restorable = {s["SnapshotId"] for s in
                      b.describe_snapshots(RestorableByUserIds=["self"])["Snapshots"]}
        self.assertEqual(restorable, {sid, own_b})
        self.assertEqual([s["SnapshotId"] for s in
                          a.describe_snapshots(RestorableByUserIds=[B])["Snapshots"]], [sid])
        self.assertEqual(a.describe_snapshots(RestorableByUserIds=["all"])["Snapshots"], [])
        # C still sees nothing of A.
        self.assertEqual(c.describe_snapshots(OwnerIds=[A])["Snapshots"], [])

        vol = b.create_volume(AvailabilityZone="us-east-1a", SnapshotId=sid)
        self.assertEqual((vol["Size"], vol["SnapshotId"]), (6, sid))
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            b.delete_snapshot(SnapshotId=sid)
        self.assertEqual(self.code(ctx), "InvalidSnapshot.NotFound")

        # shareSnapshot goes to the receiving account, source = the sharer's account id.
        event = wait_for(lambda: [e for e in self.snapshot_events(B, "us-east-1", "shareSnapshot")
                                  if e["detail"]["snapshot_id"].endswith(sid)])[0]
        self.assertEqual(event["account"], B)
        self.assertEqual(event["resources"], [f"arn:aws:ec2::us-east-1:snapshot/{sid}"])
        self.assertEqual(event["detail"]["source"], A)
        self.assertEqual(event["detail"]["result"], "succeeded")
        self.assertEqual(self.snapshot_events(A, "us-east-1", "shareSnapshot"), [])

        # Public (Group=all): everyone sees it; RestorableBy=all finds it; no shareSnapshot event.
        a.modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                    CreateVolumePermission={"Add": [{"Group": "all"}]})
        self.assertIn(sid, {s["SnapshotId"] for s in c.describe_snapshots()["Snapshots"]})
        self.assertEqual([s["SnapshotId"] for s in
                          c.describe_snapshots(RestorableByUserIds=["all"])["Snapshots"]], [sid])
        self.assertEqual(c.describe_snapshots(RestorableByUserIds=["self"])["Snapshots"], [])
        self.assertEqual(self.snapshot_events(C, "us-east-1", "shareSnapshot"), [])
        attr = a.describe_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission")
        self.assertEqual(attr["CreateVolumePermissions"], [{"Group": "all"}, {"UserId": B}])

        # Remove, then reset: private again.
        a.modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                    CreateVolumePermission={"Remove": [{"Group": "all"}]})
        self.assertEqual(c.describe_snapshots(OwnerIds=[A])["Snapshots"], [])
        a.reset_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission")
        self.assertEqual(a.describe_snapshot_attribute(
            SnapshotId=sid, Attribute="createVolumePermission")["CreateVolumePermissions"], [])
        self.assertEqual(b.describe_snapshots(SnapshotIds=[sid])["Snapshots"], [])

    def test_legacy_form(self):
        a, b = self.ec2(A, "eu-central-1"), self.ec2(B, "eu-central-1")
        sid = self.completed_snapshot(a)
        a.modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                    OperationType="add", UserIds=[B])
        self.assertEqual([s["SnapshotId"] for s in
                          b.describe_snapshots(OwnerIds=[A])["Snapshots"]], [sid])
        wait_for(lambda: self.snapshot_events(B, "eu-central-1", "shareSnapshot"))
        a.modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                    OperationType="add", GroupNames=["all"])
        self.assertEqual(a.describe_snapshot_attribute(
            SnapshotId=sid, Attribute="createVolumePermission")["CreateVolumePermissions"],
            [{"Group": "all"}, {"UserId": B}])
        a.modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                    OperationType="remove", UserIds=[B], GroupNames=["all"])
        self.assertEqual(b.describe_snapshots(OwnerIds=[A])["Snapshots"], [])
        # Another region does not see it at all.
        self.assertEqual(self.ec2(A, "us-east-1").describe_snapshots(
            Filters=[{"Name": "snapshot-id", "Values": [sid]}])["Snapshots"], [])


class CopyTest(SnapshotTestBase):
    def test_cross_region_copy_through_destination_client(self):
        src = self.ec2(A, "us-east-1")
        dst = self.ec2(A, "eu-west-1")
        sid = self.completed_snapshot(src, size=4)
        out = dst.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=sid,
                                Description="dr copy",
                                TagSpecifications=[{"ResourceType": "snapshot",
                                                    "Tags": [{"Key": "dr", "Value": "1"}]}])
        cid = out["SnapshotId"]
        self.assertNotEqual(cid, sid)
        self.assertEqual(out["Tags"], [{"Key": "dr", "Value": "1"}])
        copy = dst.describe_snapshots(SnapshotIds=[cid])["Snapshots"][0]
        self.assertEqual(copy["State"], "pending")
        self.assertEqual(copy["Description"], "dr copy")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            src.describe_snapshots(SnapshotIds=[cid])  # the copy lives in eu-west-1 only
        self.assertEqual(self.code(ctx), "InvalidSnapshot.NotFound")
        dst.get_waiter("snapshot_completed").wait(SnapshotIds=[cid], WaiterConfig=FAST)
        copy = dst.describe_snapshots(SnapshotIds=[cid])["Snapshots"][0]
        self.assertEqual((copy["State"], copy["Progress"], copy["VolumeSize"]), ("completed", "100%", 4))
        self.assertEqual(copy["TransferType"], "standard")

        event = wait_for(lambda: [e for e in self.snapshot_events(A, "eu-west-1", "copySnapshot")
                                  if e["detail"]["snapshot_id"].endswith(cid)])[0]
        self.assertEqual(event["region"], "eu-west-1")
        d = event["detail"]
        self.assertEqual(d["result"], "succeeded")
        self.assertEqual(d["snapshot_id"], f"arn:aws:ec2::eu-west-1:snapshot/{cid}")
        self.assertEqual(d["source"], f"arn:aws:ec2::us-east-1:snapshot/{sid}")
        self.assertEqual((d["incremental"], d["transferType"]), ("false", "standard"))
        self.assertEqual(self.snapshot_events(A, "us-east-1", "copySnapshot"), [])

        # A second copy of the same lineage is incremental.
        cid2 = dst.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=sid)["SnapshotId"]
        dst.get_waiter("snapshot_completed").wait(SnapshotIds=[cid2], WaiterConfig=FAST)
        second = wait_for(lambda: [e for e in self.snapshot_events(A, "eu-west-1", "copySnapshot")
                                   if e["detail"]["snapshot_id"].endswith(cid2)])[0]
        self.assertEqual(second["detail"]["incremental"], "true")
        desc = dst.describe_snapshots(SnapshotIds=[cid2])["Snapshots"][0]["Description"]
        self.assertEqual(desc, f"[Copied {sid} from us-east-1]")
        # The copy restores into a volume in the destination region.
        vol = dst.create_volume(AvailabilityZone="eu-west-1a", SnapshotId=cid)
        self.assertEqual(vol["Size"], 4)

    def test_same_region_copy_and_shared_source(self):
        a, b = self.ec2(A), self.ec2(B)
        sid = self.completed_snapshot(a)
        a.modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                    CreateVolumePermission={"Add": [{"UserId": B}]})
        key = self.emu.client("kms", account=B).create_key()["KeyMetadata"]["Arn"]
        cid = b.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=sid,
                              Encrypted=True, KmsKeyId=key)["SnapshotId"]
        b.get_waiter("snapshot_completed").wait(SnapshotIds=[cid], WaiterConfig=FAST)
        copy = b.describe_snapshots(SnapshotIds=[cid])["Snapshots"][0]
        self.assertEqual(copy["OwnerId"], B)
        self.assertTrue(copy["Encrypted"])
        self.assertEqual(copy["KmsKeyId"], key)
        # A key that does not exist is found out when the copy runs: the copy ends in `error`.
        bad = b.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=sid, Encrypted=True,
                              KmsKeyId="alias/does-not-exist")["SnapshotId"]
        with self.assertRaises(botocore.exceptions.WaiterError):
            b.get_waiter("snapshot_completed").wait(SnapshotIds=[bad], WaiterConfig=FAST)
        failed = b.describe_snapshots(SnapshotIds=[bad])["Snapshots"][0]
        self.assertEqual(failed["State"], "error")
        self.assertTrue(failed["StateMessage"])

    def test_cross_region_copy_of_missing_source_fails_async(self):
        dst = self.ec2(A, "ap-northeast-1")
        cid = dst.copy_snapshot(SourceRegion="us-west-2",
                                SourceSnapshotId="snap-0123456789abcdef0")["SnapshotId"]
        self.assertRegex(cid, r"^snap-")
        with self.assertRaises(botocore.exceptions.WaiterError):
            dst.get_waiter("snapshot_completed").wait(SnapshotIds=[cid], WaiterConfig=FAST)
        snap = dst.describe_snapshots(SnapshotIds=[cid])["Snapshots"][0]
        self.assertEqual(snap["State"], "error")
        self.assertEqual(snap["StateMessage"], "Source snapshot ID is not valid")
        event = wait_for(lambda: [e for e in self.snapshot_events(A, "ap-northeast-1", "copySnapshot")
                                  if e["detail"]["snapshot_id"].endswith(cid)])[0]
        self.assertEqual(event["detail"]["result"], "failed")
        self.assertEqual(event["detail"]["cause"], "Source snapshot ID is not valid")
        self.assertNotIn("incremental", event["detail"])


class AdminControlTest(SnapshotTestBase):
    ARGS = ("--volume-ms", "50", "--snapshot-ms", "600000")

    def test_fail_and_complete(self):
        ec2 = self.ec2()
        vid = self.volume(ec2)
        failing = ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
        finishing = ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
        out = self.emu.admin("POST", f"snapshots/{failing}/fail", body={"cause": "disk on fire"})
        self.assertEqual(out["state"], "error")
        with self.assertRaises(botocore.exceptions.WaiterError):
            ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[failing], WaiterConfig=FAST)
        snap = ec2.describe_snapshots(SnapshotIds=[failing])["Snapshots"][0]
        self.assertEqual((snap["State"], snap["StateMessage"]), ("error", "disk on fire"))
        event = wait_for(lambda: [e for e in self.snapshot_events(A, "us-east-1", "createSnapshot")
                                  if e["detail"]["snapshot_id"].endswith(failing)])[0]
        self.assertEqual((event["detail"]["result"], event["detail"]["cause"]),
                         ("failed", "disk on fire"))

        self.assertEqual(ec2.describe_snapshots(SnapshotIds=[finishing])["Snapshots"][0]["State"],
                         "pending")
        self.emu.admin("POST", f"snapshots/{finishing}/complete")
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[finishing], WaiterConfig=FAST)
        # Finished snapshots can't be finished again; unknown ids are 404.
        self.emu.admin("POST", f"snapshots/{finishing}/fail", body={}, expect=(409,))
        self.emu.admin("POST", "snapshots/snap-0123456789abcdef0/complete", expect=(404,))


class CliTest(SnapshotTestBase):
    def test_cli_create_describe_share_legacy(self):
        ec2 = self.ec2(A, "us-west-2")
        vid = self.volume(ec2)
        out = self.emu.aws_cli("ec2", "create-snapshot", "--volume-id", vid, "--description", "cli",
                               "--tag-specifications",
                               "ResourceType=snapshot,Tags=[{Key=via,Value=cli}]",
                               region="us-west-2", account=A)
        sid = out["SnapshotId"]
        self.assertEqual(out["State"], "pending")
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[sid], WaiterConfig=FAST)
        # Already completed: the CLI waiter's first poll succeeds.
        self.emu.aws_cli("ec2", "wait", "snapshot-completed", "--snapshot-ids", sid,
                         region="us-west-2", account=A)
        listed = self.emu.aws_cli("ec2", "describe-snapshots", "--owner-ids", "self", "--filters",
                                  "Name=tag:via,Values=cli", region="us-west-2", account=A)
        self.assertEqual([s["SnapshotId"] for s in listed["Snapshots"]], [sid])
        # The CLI's --user-ids sends the legacy form (OperationType + UserId.N).
        self.emu.aws_cli("ec2", "modify-snapshot-attribute", "--snapshot-id", sid, "--attribute",
                         "createVolumePermission", "--operation-type", "add", "--user-ids", B,
                         region="us-west-2", account=A)
        seen = self.emu.aws_cli("ec2", "describe-snapshots", "--restorable-by-user-ids", "self",
                                region="us-west-2", account=B)
        self.assertEqual([s["SnapshotId"] for s in seen["Snapshots"]], [sid])
        attr = self.emu.aws_cli("ec2", "describe-snapshot-attribute", "--snapshot-id", sid,
                                "--attribute", "createVolumePermission", region="us-west-2",
                                account=A)
        self.assertEqual(attr["CreateVolumePermissions"], [{"UserId": B}])
        err = self.emu.aws_cli("ec2", "delete-snapshot", "--snapshot-id", "snap-0123456789abcdef0",
                               region="us-west-2", account=A, check=False)
        self.assertNotEqual(err.returncode, 0)
        self.assertIn("InvalidSnapshot.NotFound", err.stderr)


if __name__ == "__main__":
    unittest.main()


class CreateSnapshotsTest(SnapshotTestBase):
    ARGS = ("--volume-ms", "50", "--snapshot-ms", "400", "--attach-ms", "50")

    def test_multi_volume_snapshots_and_event(self):
        ec2 = self.ec2(A, "us-east-2")
        inst = ec2.run_instances(ImageId="ami-12345678", InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1, Placement={"AvailabilityZone": "us-east-2a"})
        iid = inst["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        data = self.volume(ec2, 5, tags=[{"Key": "role", "Value": "data"}])
        excluded = self.volume(ec2, 6)
        ec2.attach_volume(VolumeId=data, InstanceId=iid, Device="/dev/sdf")
        ec2.attach_volume(VolumeId=excluded, InstanceId=iid, Device="/dev/sdg")
        ec2.get_waiter("volume_in_use").wait(VolumeIds=[data, excluded], WaiterConfig=FAST)

        out = ec2.create_snapshots(
            InstanceSpecification={"InstanceId": iid, "ExcludeDataVolumeIds": [excluded]},
            Description="consistent", CopyTagsFromSource="volume",
            TagSpecifications=[{"ResourceType": "snapshot", "Tags": [{"Key": "set", "Value": "1"}]}])
        snaps = out["Snapshots"]
        by_volume = {s["VolumeId"]: s for s in snaps}
        self.assertIn(data, by_volume)
        self.assertNotIn(excluded, by_volume)
        self.assertEqual(len(snaps), 2)  # the root volume and the data volume
        for s in snaps:
            self.assertEqual(s["State"], "pending")
            self.assertEqual(s["Description"], "consistent")
            self.assertEqual(s["OwnerId"], A)
        self.assertEqual(by_volume[data]["Tags"], [{"Key": "role", "Value": "data"},
                                                   {"Key": "set", "Value": "1"}])
        ids = [s["SnapshotId"] for s in snaps]
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=ids, WaiterConfig=FAST)

        event = self.emu.wait_for_event(lambda e: True, account=A, region="us-east-2",
                                        **{"detail-type": "EBS Multi-Volume Snapshots Completion Status"})
        d = event["detail"]
        self.assertEqual((d["event"], d["result"], d["cause"]), ("createSnapshots", "succeeded", ""))
        self.assertEqual(sorted(event["resources"]),
                         sorted(f"arn:aws:ec2::us-east-2:snapshot/{i}" for i in ids))
        self.assertEqual({s["snapshot_id"].split("/")[1] for s in d["snapshots"]}, set(ids))
        self.assertEqual({s["status"] for s in d["snapshots"]}, {"completed"})
        self.assertIn(f"arn:aws:ec2::us-east-2:volume/{data}", {s["source"] for s in d["snapshots"]})
        # Per-snapshot createSnapshot events are not sent for a CreateSnapshots set.
        self.assertEqual([e for e in self.snapshot_events(A, "us-east-2", "createSnapshot")
                          if e["detail"]["snapshot_id"].split("/")[1] in ids], [])

        no_boot = ec2.create_snapshots(InstanceSpecification={"InstanceId": iid,
                                                              "ExcludeBootVolume": True})
        self.assertEqual({s["VolumeId"] for s in no_boot["Snapshots"]}, {data, excluded})

        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.create_snapshots(InstanceSpecification={"InstanceId": "i-0123456789abcdef0"})
        self.assertEqual(self.code(ctx), "InvalidInstanceID.NotFound")
