"""The snapshot archive tier and snapshot locks through boto3: ModifySnapshotTier, RestoreSnapshotTier
(temporary, permanent, changing a temporary restore), DescribeSnapshotTierStatus (filters, paginator),
DescribeSnapshots' StorageTier / RestoreExpiryTime and its `storage-tier` filter, the archive guard on
CreateVolume / CopySnapshot; LockSnapshot (governance, compliance with and without a cooling-off
period, by duration or expiration date, on a pending snapshot), UnlockSnapshot, DescribeLockedSnapshots
(ids, lock-state filter, pages), DeleteSnapshot of a locked snapshot; every error by code; the emulator
clock (`/_emulator/clock` advance) for archive/restore completion, temporary restore expiry, cool-off
and lock expiry. Every event (archiveSnapshot, restoreSnapshot, restoreExpiry, lockSnapshot,
cooloffperiodExpiry, lockDurationExpiry) is asserted field by field, types included, as recorded and as
delivered by rules written the way users write them to an HTTP (API destination) target.

Asynchronous work takes --snapshot-ms 60000 (60 s of emulated time) and the tests move the clock, so
nothing completes between two assertions by chance."""
import datetime
import json
import re
import unittest

import botocore.exceptions

from ebs_emulator import Emulator, wait_for
from eventbridge_receiver import Receiver, api_destination

ACCOUNT = "135792468013"
REGION = "us-east-1"
WORK_SECONDS = 60  # --snapshot-ms 60000: snapshots, archives and restores take a minute
DAY = 86400
ENVELOPE_KEYS = ["version", "id", "detail-type", "source", "account", "time", "region",
                 "resources", "detail"]
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
ISO_S = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
TIER_PATH, LOCK_PATH = "/tiers", "/locks"
TIER_EVENTS = ["archiveSnapshot", "restoreSnapshot", "restoreExpiry"]
LOCK_EVENTS = ["lockSnapshot", "cooloffperiodExpiry", "lockDurationExpiry"]


def iso_s(value):
    """A boto3 datetime (or epoch ms) as the event detail writes times: seconds, Z."""
    if isinstance(value, int):
        value = datetime.datetime.fromtimestamp(value / 1000, tz=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class TierLockTestBase(unittest.TestCase):
    region = REGION  # where the helpers make volumes and snapshots

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start("--volume-ms", "50", "--snapshot-ms", str(WORK_SECONDS * 1000))
        cls.ec2 = cls.emu.client("ec2", region=REGION, account=ACCOUNT)
        cls.receiver = Receiver()
        events = cls.emu.client("events", region=REGION, account=ACCOUNT)
        # The rules users write: EC2, EBS Snapshot Notification, specific events.
        for name, path, names in (("snapshot-tiers", TIER_PATH, TIER_EVENTS),
                                  ("snapshot-locks", LOCK_PATH, LOCK_EVENTS)):
            dest = api_destination(events, f"{name}-dest", cls.receiver.url + path)
            events.put_rule(Name=name, EventPattern=json.dumps({
                "source": ["aws.ec2"], "detail-type": ["EBS Snapshot Notification"],
                "detail": {"event": names}}))
            out = events.put_targets(Rule=name, Targets=[{"Id": "http", "Arn": dest}])
            assert out["FailedEntryCount"] == 0, out

    @classmethod
    def tearDownClass(cls):
        cls.receiver.close()
        cls.emu.close()

    # ---- helpers ---------------------------------------------------------------------------
    def now_ms(self):
        return self.emu.admin("GET", "clock")["nowEpochMillis"]

    def advance(self, seconds):
        self.emu.advance_clock(seconds)

    def volume(self):
        vid = self.ec2.create_volume(AvailabilityZone=self.region + "a", Size=4)["VolumeId"]
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[vid],
                                                     WaiterConfig={"Delay": 0.05,
                                                                   "MaxAttempts": 200})
        return vid

    def snapshot(self, complete=True):
        sid = self.ec2.create_snapshot(VolumeId=self.volume())["SnapshotId"]
        if complete:
            self.advance(WORK_SECONDS)
            self.assertEqual(self.describe(sid)["State"], "completed")
        return sid

    def describe(self, sid):
        return self.ec2.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]

    def tier_status(self, sid):
        statuses = self.ec2.describe_snapshot_tier_status(
            Filters=[{"Name": "snapshot-id", "Values": [sid]}])["SnapshotTierStatuses"]
        self.assertEqual(len(statuses), 1)
        return statuses[0]

    def archived(self):
        sid = self.snapshot()
        self.ec2.modify_snapshot_tier(SnapshotId=sid, StorageTier="archive")
        self.advance(WORK_SECONDS)
        self.assertEqual(self.describe(sid)["StorageTier"], "archive")
        return sid

    def error(self, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            call(**kwargs)
        err = ctx.exception.response["Error"]
        return err["Code"], err["Message"]

    def arn(self, sid):
        return f"arn:aws:ec2::{REGION}:snapshot/{sid}"

    def event(self, name, sid, count=1):
        """The count-th recorded `name` event of snapshot `sid` (waits for it)."""
        def found():
            hits = [e for e in self.emu.events(account=ACCOUNT, source="aws.ec2")
                    if e["detail"].get("event") == name and e["resources"] == [self.arn(sid)]]
            return hits if len(hits) >= count else None
        return wait_for(found, timeout=15, message=f"{name} event {count} of {sid}")[count - 1]

    def no_event(self, name, sid):
        self.emu.settle()
        self.assertEqual([e for e in self.emu.events(account=ACCOUNT, source="aws.ec2")
                          if e["detail"].get("event") == name and
                          e["resources"] == [self.arn(sid)]], [])

    def assert_event(self, event, detail, path):
        """The envelope, the detail exactly (keys in order, values and types), and the delivery of
        the same JSON by the rule to the HTTP target at `path`."""
        self.assertEqual(list(event), ENVELOPE_KEYS)
        self.assertEqual(event["version"], "0")
        self.assertRegex(event["id"], UUID)
        self.assertEqual(event["detail-type"], "EBS Snapshot Notification")
        self.assertEqual(event["source"], "aws.ec2")
        self.assertEqual(event["account"], ACCOUNT)
        self.assertRegex(event["time"], ISO_S)
        self.assertEqual(event["region"], REGION)
        self.assertEqual(list(event["detail"]), list(detail))
        for key, value in detail.items():
            self.assertEqual(type(event["detail"][key]), type(value), key)
            self.assertEqual(event["detail"][key], value, key)

        def delivered():
            for r in self.receiver.received(path):
                body = json.loads(r["body"])
                if body["id"] == event["id"]:
                    return body
            return None
        self.assertEqual(wait_for(delivered, timeout=15, message=f"delivery of {event['id']}"),
                         event)


class ArchiveTierTest(TierLockTestBase):
    def test_archive_temporary_restore_expiry_and_permanent_restore(self):
        sid = self.snapshot()
        untouched = self.tier_status(sid)
        self.assertEqual(untouched["StorageTier"], "standard")
        self.assertNotIn("LastTieringOperationStatus", untouched)

        out = self.ec2.modify_snapshot_tier(SnapshotId=sid, StorageTier="archive")
        archive_request = out["ResponseMetadata"]["RequestId"]
        self.assertEqual(out["SnapshotId"], sid)
        started = out["TieringStartTime"]
        self.assertIsInstance(started, datetime.datetime)
        # Archiving is asynchronous: the snapshot stays standard, and usable, until it completes.
        self.assertEqual(self.describe(sid)["StorageTier"], "standard")
        status = self.tier_status(sid)
        self.assertEqual(status["LastTieringOperationStatus"], "archival-in-progress")
        self.assertEqual(status["LastTieringStartTime"], started)
        self.assertEqual(status["Status"], "completed")
        self.assertEqual(status["OwnerId"], ACCOUNT)
        self.assertLess(status["LastTieringProgress"], 100)
        self.no_event("archiveSnapshot", sid)

        self.advance(WORK_SECONDS)
        snap = self.describe(sid)
        self.assertEqual(snap["StorageTier"], "archive")
        self.assertNotIn("RestoreExpiryTime", snap)
        status = self.tier_status(sid)
        self.assertEqual(status["LastTieringOperationStatus"], "archival-completed")
        self.assertEqual(status["LastTieringProgress"], 100)
        archived_at = status["ArchivalCompleteTime"]
        self.assert_event(self.event("archiveSnapshot", sid), {
            "event": "archiveSnapshot", "result": "succeeded", "cause": "",
            "request-id": archive_request, "snapshot_id": self.arn(sid),
            "startTime": iso_s(started), "endTime": iso_s(archived_at),
            "recycleBinExitTime": ""}, TIER_PATH)
        by_tier = self.ec2.describe_snapshots(
            OwnerIds=["self"], Filters=[{"Name": "storage-tier", "Values": ["archive"]}])
        self.assertIn(sid, [s["SnapshotId"] for s in by_tier["Snapshots"]])

        # An archived snapshot can't be used, nor archived again.
        for call, kwargs in ((self.ec2.create_volume, {"AvailabilityZone": REGION + "a",
                                                       "SnapshotId": sid}),
                             (self.ec2.copy_snapshot, {"SourceRegion": REGION,
                                                       "SourceSnapshotId": sid}),
                             (self.ec2.modify_snapshot_tier, {"SnapshotId": sid,
                                                              "StorageTier": "archive"})):
            code, _ = self.error(call, **kwargs)
            self.assertEqual(code, "IncorrectState", call)

        # Temporary restore: archive until it completes, standard for 2 days, then archive again.
        out = self.ec2.restore_snapshot_tier(SnapshotId=sid, TemporaryRestoreDays=2)
        restore_request = out["ResponseMetadata"]["RequestId"]
        self.assertEqual((out["SnapshotId"], out["RestoreDuration"], out["IsPermanentRestore"]),
                         (sid, 2, False))
        restore_started = out["RestoreStartTime"]
        self.assertEqual(self.describe(sid)["StorageTier"], "archive")
        self.assertEqual(self.tier_status(sid)["LastTieringOperationStatus"],
                         "temporary-restore-in-progress")
        self.assertEqual(self.error(self.ec2.create_volume, AvailabilityZone=REGION + "a",
                                    SnapshotId=sid)[0], "IncorrectState")
        self.advance(WORK_SECONDS)
        snap = self.describe(sid)
        self.assertEqual(snap["StorageTier"], "standard")
        expiry = snap["RestoreExpiryTime"]
        status = self.tier_status(sid)
        self.assertEqual(status["LastTieringOperationStatus"], "temporary-restore-completed")
        self.assertEqual(status["RestoreExpiryTime"], expiry)
        restored_at = expiry - datetime.timedelta(days=2)
        self.assert_event(self.event("restoreSnapshot", sid), {
            "event": "restoreSnapshot", "result": "succeeded", "cause": "",
            "request-id": restore_request, "snapshot_id": self.arn(sid),
            "startTime": iso_s(restore_started), "endTime": iso_s(restored_at),
            "restoreExpiryTime": iso_s(expiry), "recycleBinExitTime": ""}, TIER_PATH)
        vol = self.ec2.create_volume(AvailabilityZone=REGION + "a", SnapshotId=sid)
        self.assertEqual(vol["SnapshotId"], sid)

        self.advance(2 * DAY - 10)
        self.assertEqual(self.describe(sid)["StorageTier"], "standard")
        self.no_event("restoreExpiry", sid)
        self.advance(10)
        snap = self.describe(sid)
        self.assertEqual(snap["StorageTier"], "archive")
        self.assertNotIn("RestoreExpiryTime", snap)
        self.assert_event(self.event("restoreExpiry", sid), {
            "event": "restoreExpiry", "result": "succeeded", "cause": "",
            "request-id": restore_request, "snapshot_id": self.arn(sid),
            "startTime": iso_s(restored_at), "endTime": iso_s(expiry),
            "recycleBinExitTime": ""}, TIER_PATH)

        # Permanent restore: no expiry, no recycleBinExitTime in its event.
        out = self.ec2.restore_snapshot_tier(SnapshotId=sid, PermanentRestore=True)
        self.assertTrue(out["IsPermanentRestore"])
        self.assertNotIn("RestoreDuration", out)
        self.advance(WORK_SECONDS)
        snap = self.describe(sid)
        self.assertEqual(snap["StorageTier"], "standard")
        self.assertNotIn("RestoreExpiryTime", snap)
        self.assertEqual(self.tier_status(sid)["LastTieringOperationStatus"],
                         "permanent-restore-completed")
        event = self.event("restoreSnapshot", sid, count=2)
        self.assert_event(event, {
            "event": "restoreSnapshot", "result": "succeeded", "cause": "",
            "request-id": out["ResponseMetadata"]["RequestId"], "snapshot_id": self.arn(sid),
            "startTime": iso_s(out["RestoreStartTime"]), "endTime": event["detail"]["endTime"]},
            TIER_PATH)
        self.assertRegex(event["detail"]["endTime"], ISO_S)
        self.assertEqual(self.error(self.ec2.restore_snapshot_tier, SnapshotId=sid,
                                    PermanentRestore=True)[0], "IncorrectState")

    def test_changing_a_temporary_restore_at_once(self):
        sid = self.archived()
        self.ec2.restore_snapshot_tier(SnapshotId=sid, TemporaryRestoreDays=1)
        self.advance(WORK_SECONDS)
        first_expiry = self.describe(sid)["RestoreExpiryTime"]
        out = self.ec2.restore_snapshot_tier(SnapshotId=sid, TemporaryRestoreDays=5)
        self.assertEqual(out["RestoreDuration"], 5)
        snap = self.describe(sid)
        self.assertEqual(snap["StorageTier"], "standard")
        self.assertEqual(snap["RestoreExpiryTime"],
                         out["RestoreStartTime"] + datetime.timedelta(days=5))
        self.assertGreater(snap["RestoreExpiryTime"], first_expiry)
        event = self.event("restoreSnapshot", sid, count=2)
        self.assertEqual(event["detail"]["restoreExpiryTime"], iso_s(snap["RestoreExpiryTime"]))
        self.advance(DAY)  # the first period would have ended: still restored
        self.assertEqual(self.describe(sid)["StorageTier"], "standard")
        self.ec2.restore_snapshot_tier(SnapshotId=sid, PermanentRestore=True)
        self.assertNotIn("RestoreExpiryTime", self.describe(sid))
        self.advance(5 * DAY)
        self.assertEqual(self.describe(sid)["StorageTier"], "standard")
        self.no_event("restoreExpiry", sid)

    def test_failed_archive_and_restore(self):
        sid = self.snapshot()
        out = self.ec2.modify_snapshot_tier(SnapshotId=sid, StorageTier="archive")
        failed = self.emu.admin("POST", f"snapshots/{sid}/tiering/fail",
                                body={"cause": "Archive failed"})
        self.assertEqual(failed["lastTieringOperationStatus"], "archival-failed")
        self.assertEqual(self.describe(sid)["StorageTier"], "standard")
        status = self.tier_status(sid)
        self.assertEqual((status["LastTieringOperationStatus"],
                          status["LastTieringOperationStatusDetail"]),
                         ("archival-failed", "Archive failed"))
        event = self.event("archiveSnapshot", sid)
        self.assert_event(event, {
            "event": "archiveSnapshot", "result": "failed", "cause": "Archive failed",
            "request-id": out["ResponseMetadata"]["RequestId"], "snapshot_id": self.arn(sid),
            "startTime": iso_s(out["TieringStartTime"]), "endTime": event["detail"]["endTime"],
            "recycleBinExitTime": ""}, TIER_PATH)
        self.emu.admin("POST", f"snapshots/{sid}/tiering/fail", expect=(409,))

        self.ec2.modify_snapshot_tier(SnapshotId=sid, StorageTier="archive")
        self.emu.admin("POST", f"snapshots/{sid}/tiering/complete")
        self.assertEqual(self.describe(sid)["StorageTier"], "archive")
        out = self.ec2.restore_snapshot_tier(SnapshotId=sid, TemporaryRestoreDays=3)
        self.emu.admin("POST", f"snapshots/{sid}/tiering/fail", body={"cause": "Restore failed"})
        self.assertEqual(self.describe(sid)["StorageTier"], "archive")
        event = self.event("restoreSnapshot", sid)
        self.assert_event(event, {
            "event": "restoreSnapshot", "result": "failed", "cause": "Restore failed",
            "request-id": out["ResponseMetadata"]["RequestId"], "snapshot_id": self.arn(sid),
            "startTime": iso_s(out["RestoreStartTime"]), "endTime": event["detail"]["endTime"],
            "recycleBinExitTime": ""}, TIER_PATH)

    def test_errors(self):
        ec2 = self.ec2
        done = self.snapshot()
        pending = self.snapshot(complete=False)
        cases = [
            (ec2.modify_snapshot_tier, {"SnapshotId": "snap-0123456789abcdef0",
                                        "StorageTier": "archive"}, "InvalidSnapshot.NotFound"),
            (ec2.modify_snapshot_tier, {"SnapshotId": "bogus", "StorageTier": "archive"},
             "InvalidSnapshotID.Malformed"),
            (ec2.modify_snapshot_tier, {"SnapshotId": done, "StorageTier": "standard"},
             "InvalidParameterValue"),
            (ec2.modify_snapshot_tier, {"SnapshotId": done}, "MissingParameter"),
            (ec2.modify_snapshot_tier, {"SnapshotId": pending, "StorageTier": "archive"},
             "IncorrectState"),
            (ec2.modify_snapshot_tier, {"SnapshotId": done, "StorageTier": "archive",
                                        "DryRun": True}, "DryRunOperation"),
            (ec2.restore_snapshot_tier, {"SnapshotId": done, "TemporaryRestoreDays": 1},
             "IncorrectState"),
            (ec2.restore_snapshot_tier, {"SnapshotId": done, "TemporaryRestoreDays": 181},
             "InvalidParameterValue"),
            (ec2.restore_snapshot_tier, {"SnapshotId": done, "TemporaryRestoreDays": 1,
                                         "PermanentRestore": True},
             "InvalidParameterCombination"),
            (ec2.restore_snapshot_tier, {"SnapshotId": done}, "MissingParameter"),
            (ec2.restore_snapshot_tier, {"SnapshotId": "snap-0123456789abcdef0",
                                         "PermanentRestore": True}, "InvalidSnapshot.NotFound"),
            (ec2.describe_snapshot_tier_status, {"Filters": [{"Name": "tier", "Values": ["x"]}]},
             "InvalidFilter"),
            (ec2.describe_snapshot_tier_status, {"MaxResults": 2000}, "InvalidParameterValue"),
            (ec2.describe_snapshot_tier_status, {"NextToken": "garbage"}, "InvalidNextToken"),
        ]
        for call, kwargs, expected in cases:
            with self.subTest(call=call.__name__, kwargs=kwargs):
                self.assertEqual(self.error(call, **kwargs)[0], expected)
        code, message = self.error(ec2.modify_snapshot_tier, SnapshotId=pending,
                                   StorageTier="archive")
        self.assertEqual(message, f"The snapshot '{pending}' is in the 'pending' state and "
                                  "cannot be archived.")
        # Another account's snapshot is not found.
        other = self.emu.client("ec2", region=REGION, account="999999999999")
        self.assertEqual(self.error(other.modify_snapshot_tier, SnapshotId=done,
                                    StorageTier="archive")[0], "InvalidSnapshot.NotFound")

    def test_tier_status_filters_and_pages(self):
        client = self.emu.client("ec2", region="eu-west-1", account=ACCOUNT)
        vid = client.create_volume(AvailabilityZone="eu-west-1a", Size=1)["VolumeId"]
        client.get_waiter("volume_available").wait(VolumeIds=[vid],
                                                   WaiterConfig={"Delay": 0.05, "MaxAttempts": 200})
        ids = [client.create_snapshot(VolumeId=vid)["SnapshotId"] for _ in range(7)]
        self.advance(WORK_SECONDS)
        client.modify_snapshot_tier(SnapshotId=ids[0], StorageTier="archive")
        pages = list(client.get_paginator("describe_snapshot_tier_status").paginate(
            PaginationConfig={"PageSize": 5}))
        self.assertEqual([len(p["SnapshotTierStatuses"]) for p in pages], [5, 2])
        self.assertEqual(sorted(s["SnapshotId"] for p in pages for s in p["SnapshotTierStatuses"]),
                         sorted(ids))
        by_op = client.describe_snapshot_tier_status(Filters=[
            {"Name": "last-tiering-operation", "Values": ["archival-in-progress"]}])
        self.assertEqual([s["SnapshotId"] for s in by_op["SnapshotTierStatuses"]], [ids[0]])
        by_volume = client.describe_snapshot_tier_status(Filters=[
            {"Name": "volume-id", "Values": [vid]}])
        self.assertEqual(len(by_volume["SnapshotTierStatuses"]), 7)
        self.assertEqual(by_volume["SnapshotTierStatuses"][0]["VolumeId"], vid)


class SnapshotLockTest(TierLockTestBase):
    def lock_times(self, out):
        return {k: out[k] for k in ("LockCreatedOn", "LockExpiresOn", "LockDurationStartTime")
                if k in out}

    def test_governance_lock_blocks_delete_until_unlocked(self):
        sid = self.snapshot()
        out = self.ec2.lock_snapshot(SnapshotId=sid, LockMode="governance", LockDuration=3)
        self.assertEqual((out["SnapshotId"], out["LockState"], out["LockDuration"]),
                         (sid, "governance", 3))
        self.assertNotIn("CoolOffPeriod", out)
        self.assertNotIn("CoolOffPeriodExpiresOn", out)
        self.assertEqual(out["LockExpiresOn"] - out["LockCreatedOn"], datetime.timedelta(days=3))
        self.assertEqual(out["LockDurationStartTime"], out["LockCreatedOn"])
        self.assert_event(self.event("lockSnapshot", sid), {
            "event": "lockSnapshot", "result": "succeeded", "snapshot_id": self.arn(sid),
            "source": ACCOUNT, "lockState": "governance",
            "lockCreatedOn": iso_s(out["LockCreatedOn"]),
            "lockExpiresOn": iso_s(out["LockExpiresOn"]), "lockDuration": 3,
            "lockStartDurationTime": iso_s(out["LockDurationStartTime"])}, LOCK_PATH)

        code, message = self.error(self.ec2.delete_snapshot, SnapshotId=sid)
        self.assertEqual(code, "SnapshotLocked")
        self.assertEqual(message, f"The snapshot '{sid}' is locked and cannot be deleted.")
        listed = self.ec2.describe_locked_snapshots(SnapshotIds=[sid])["Snapshots"]
        self.assertEqual(listed, [{"OwnerId": ACCOUNT, "SnapshotId": sid,
                                   "LockState": "governance", "LockDuration": 3,
                                   **self.lock_times(out)}])
        self.assertEqual(self.ec2.unlock_snapshot(SnapshotId=sid)["SnapshotId"], sid)
        self.assertEqual(self.ec2.describe_locked_snapshots(SnapshotIds=[sid])["Snapshots"], [])
        self.assertEqual(self.error(self.ec2.unlock_snapshot, SnapshotId=sid)[0],
                         "IncorrectState")
        self.ec2.delete_snapshot(SnapshotId=sid)
        self.assertEqual(self.error(self.ec2.describe_snapshots, SnapshotIds=[sid])[0],
                         "InvalidSnapshot.NotFound")

    def test_compliance_cool_off_then_compliance_then_expiry(self):
        sid = self.snapshot()
        first = self.ec2.lock_snapshot(SnapshotId=sid, LockMode="compliance", CoolOffPeriod=1,
                                       LockDuration=1)
        self.assertEqual((first["LockState"], first["CoolOffPeriod"]), ("compliance-cooloff", 1))
        self.assertEqual(first["CoolOffPeriodExpiresOn"] - first["LockCreatedOn"],
                         datetime.timedelta(hours=1))
        self.assert_event(self.event("lockSnapshot", sid), {
            "event": "lockSnapshot", "result": "succeeded", "snapshot_id": self.arn(sid),
            "source": ACCOUNT, "lockState": "compliance-cooloff",
            "lockCreatedOn": iso_s(first["LockCreatedOn"]),
            "lockExpiresOn": iso_s(first["LockExpiresOn"]), "lockDuration": 1,
            "lockStartDurationTime": iso_s(first["LockDurationStartTime"]),
            "cooOffPeriod": 1, "coolOffPeriodExpiresOn": iso_s(first["CoolOffPeriodExpiresOn"])},
            LOCK_PATH)
        # During the cooling-off period the lock can be removed, or changed in any way.
        self.assertEqual(self.error(self.ec2.delete_snapshot, SnapshotId=sid)[0], "SnapshotLocked")
        self.ec2.unlock_snapshot(SnapshotId=sid)
        out = self.ec2.lock_snapshot(SnapshotId=sid, LockMode="compliance", CoolOffPeriod=2,
                                     LockDuration=1)
        shorter = self.ec2.lock_snapshot(SnapshotId=sid, LockMode="compliance", CoolOffPeriod=1,
                                         LockDuration=1)
        self.assertEqual(shorter["LockCreatedOn"], out["LockCreatedOn"])  # still the same lock
        self.advance(3600 - 5)
        self.no_event("cooloffperiodExpiry", sid)
        self.advance(5)
        locked = self.ec2.describe_locked_snapshots(
            Filters=[{"Name": "lock-state", "Values": ["compliance"]}])["Snapshots"]
        self.assertIn(sid, [s["SnapshotId"] for s in locked])
        self.assert_event(self.event("cooloffperiodExpiry", sid), {
            "event": "cooloffperiodExpiry", "result": "succeeded", "snapshot_id": self.arn(sid),
            "lockState": "compliance", "lockCreatedOn": iso_s(shorter["LockCreatedOn"]),
            "lockExpiresOn": iso_s(shorter["LockExpiresOn"]), "lockDuration": 1,
            "lockStartDurationTime": iso_s(shorter["LockDurationStartTime"]), "cooOffPeriod": 1,
            "coolOffPeriodExpiresOn": iso_s(shorter["CoolOffPeriodExpiresOn"])}, LOCK_PATH)

        # After it: no unlock, no delete, no other mode, no shorter lock; longer is fine.
        code, message = self.error(self.ec2.unlock_snapshot, SnapshotId=sid)
        self.assertEqual(code, "IncorrectState")
        self.assertIn("cannot be unlocked", message)
        self.assertEqual(self.error(self.ec2.delete_snapshot, SnapshotId=sid)[0], "SnapshotLocked")
        for kwargs in ({"LockMode": "governance", "LockDuration": 5},
                       {"LockMode": "compliance", "LockDuration": 5, "CoolOffPeriod": 2}):
            self.assertEqual(self.error(self.ec2.lock_snapshot, SnapshotId=sid, **kwargs)[0],
                             "IncorrectState")
        past_expiry = shorter["LockExpiresOn"] - datetime.timedelta(hours=12)
        self.assertEqual(self.error(self.ec2.lock_snapshot, SnapshotId=sid,
                                    LockMode="compliance", ExpirationDate=past_expiry)[0],
                         "IncorrectState")
        longer = self.ec2.lock_snapshot(SnapshotId=sid, LockMode="compliance", LockDuration=2)
        self.assertEqual(longer["LockState"], "compliance")
        self.assertEqual(longer["LockExpiresOn"] - shorter["LockExpiresOn"],
                         datetime.timedelta(days=1))
        event = self.event("lockSnapshot", sid, count=4)
        self.assertEqual(event["detail"]["lockState"], "compliance")
        self.assertEqual(event["detail"]["lockDuration"], 2)

        self.advance(2 * DAY)
        self.assert_event(self.event("lockDurationExpiry", sid), {
            "event": "lockDurationExpiry", "result": "succeeded", "snapshot_id": self.arn(sid),
            "lockState": "expired", "lockCreatedOn": iso_s(longer["LockCreatedOn"]),
            "lockExpiresOn": iso_s(longer["LockExpiresOn"]), "lockDuration": 2}, LOCK_PATH)
        expired = self.ec2.describe_locked_snapshots(
            Filters=[{"Name": "lock-state", "Values": ["expired"]}])["Snapshots"]
        self.assertIn(sid, [s["SnapshotId"] for s in expired])
        self.ec2.delete_snapshot(SnapshotId=sid)  # an expired lock protects nothing

    def test_lock_of_a_pending_snapshot(self):
        sid = self.snapshot(complete=False)
        out = self.ec2.lock_snapshot(SnapshotId=sid, LockMode="compliance", CoolOffPeriod=24,
                                     LockDuration=5)
        self.assertEqual(out["LockState"], "pending-compliance")
        self.assertNotIn("LockDurationStartTime", out)
        self.assertNotIn("LockExpiresOn", out)
        self.assertEqual(self.error(self.ec2.delete_snapshot, SnapshotId=sid)[0], "SnapshotLocked")
        self.no_event("lockSnapshot", sid)
        self.advance(WORK_SECONDS)  # the snapshot completes: the lock applies
        listed = self.ec2.describe_locked_snapshots(SnapshotIds=[sid])["Snapshots"][0]
        self.assertEqual(listed["LockState"], "compliance-cooloff")
        self.assertEqual(listed["LockExpiresOn"] - listed["LockDurationStartTime"],
                         datetime.timedelta(days=5))
        self.assertGreater(listed["LockDurationStartTime"], listed["LockCreatedOn"])
        self.assert_event(self.event("lockSnapshot", sid), {
            "event": "lockSnapshot", "result": "succeeded", "snapshot_id": self.arn(sid),
            "source": ACCOUNT, "lockState": "compliance-cooloff",
            "lockCreatedOn": iso_s(out["LockCreatedOn"]),
            "lockExpiresOn": iso_s(listed["LockExpiresOn"]), "lockDuration": 5,
            "lockStartDurationTime": iso_s(listed["LockDurationStartTime"]), "cooOffPeriod": 24,
            "coolOffPeriodExpiresOn": iso_s(out["CoolOffPeriodExpiresOn"])}, LOCK_PATH)

        bad = self.snapshot(complete=False)
        out = self.ec2.lock_snapshot(SnapshotId=bad, LockMode="governance", LockDuration=7)
        self.assertEqual(out["LockState"], "pending-governance")
        self.emu.admin("POST", f"snapshots/{bad}/fail", body={"cause": "disk on fire"})
        event = self.event("lockSnapshot", bad)
        self.assert_event(event, {
            "event": "lockSnapshot", "result": "failed", "cause": "snapshot failed",
            "snapshot_id": self.arn(bad), "lockState": "pending-governance",
            "lockCreatedOn": iso_s(out["LockCreatedOn"]), "lockDuration": 7,
            "lockStartDurationTime": event["detail"]["lockStartDurationTime"]}, LOCK_PATH)
        self.assertRegex(event["detail"]["lockStartDurationTime"], ISO_S)
        self.assertEqual(self.ec2.describe_locked_snapshots(SnapshotIds=[bad])["Snapshots"], [])
        self.ec2.delete_snapshot(SnapshotId=bad)

    def test_expiration_date_and_archiving_a_locked_snapshot(self):
        sid = self.snapshot()
        until = datetime.datetime.fromtimestamp((self.now_ms() + 3 * DAY * 1000) / 1000,
                                                tz=datetime.timezone.utc).replace(microsecond=0)
        out = self.ec2.lock_snapshot(SnapshotId=sid, LockMode="governance", ExpirationDate=until)
        self.assertEqual(out["LockExpiresOn"], until)
        self.assertNotIn("LockDuration", out)
        self.assert_event(self.event("lockSnapshot", sid), {
            "event": "lockSnapshot", "result": "succeeded", "snapshot_id": self.arn(sid),
            "source": ACCOUNT, "lockState": "governance",
            "lockCreatedOn": iso_s(out["LockCreatedOn"]), "lockExpiresOn": iso_s(until),
            "lockStartDurationTime": iso_s(out["LockDurationStartTime"])}, LOCK_PATH)
        # A locked snapshot can still be archived; it stays locked.
        self.ec2.modify_snapshot_tier(SnapshotId=sid, StorageTier="archive")
        self.advance(WORK_SECONDS)
        self.assertEqual(self.describe(sid)["StorageTier"], "archive")
        self.assertEqual(self.error(self.ec2.delete_snapshot, SnapshotId=sid)[0], "SnapshotLocked")

    def test_describe_locked_snapshots_pages(self):
        client = self.emu.client("ec2", region="ap-southeast-2", account=ACCOUNT)
        vid = client.create_volume(AvailabilityZone="ap-southeast-2a", Size=1)["VolumeId"]
        client.get_waiter("volume_available").wait(VolumeIds=[vid],
                                                   WaiterConfig={"Delay": 0.05, "MaxAttempts": 200})
        ids = sorted(client.create_snapshot(VolumeId=vid)["SnapshotId"] for _ in range(6))
        unlocked = client.create_snapshot(VolumeId=vid)["SnapshotId"]
        self.advance(WORK_SECONDS)
        for sid in ids:
            client.lock_snapshot(SnapshotId=sid, LockMode="governance", LockDuration=10)
        first = client.describe_locked_snapshots(MaxResults=5)
        self.assertEqual([s["SnapshotId"] for s in first["Snapshots"]], ids[:5])
        rest = client.describe_locked_snapshots(MaxResults=5, NextToken=first["NextToken"])
        self.assertEqual([s["SnapshotId"] for s in rest["Snapshots"]], ids[5:])
        self.assertNotIn("NextToken", rest)
        self.assertEqual([s["SnapshotId"] for s in client.describe_locked_snapshots(
            SnapshotIds=[ids[0], unlocked])["Snapshots"]], [ids[0]])

    def test_errors(self):
        ec2 = self.ec2
        sid = self.snapshot()
        future = datetime.datetime.fromtimestamp(self.now_ms() / 1000 + DAY,
                                                 tz=datetime.timezone.utc)
        past = datetime.datetime.fromtimestamp(self.now_ms() / 1000 - DAY,
                                               tz=datetime.timezone.utc)
        cases = [
            ({"LockMode": "forever", "LockDuration": 1}, "InvalidParameterValue"),
            ({"LockMode": "governance", "LockDuration": 1, "CoolOffPeriod": 1},
             "InvalidParameterCombination"),
            ({"LockMode": "compliance", "LockDuration": 1, "CoolOffPeriod": 73},
             "InvalidParameterValue"),
            ({"LockMode": "governance", "LockDuration": 36501}, "InvalidParameterValue"),
            ({"LockMode": "governance", "LockDuration": 1, "ExpirationDate": future},
             "InvalidParameterCombination"),
            ({"LockMode": "governance"}, "MissingParameter"),
            ({"LockMode": "governance", "ExpirationDate": past}, "InvalidParameterValue"),
            ({"LockMode": "governance", "LockDuration": 1, "DryRun": True}, "DryRunOperation"),
        ]
        for kwargs, expected in cases:
            with self.subTest(kwargs=kwargs):
                self.assertEqual(self.error(ec2.lock_snapshot, SnapshotId=sid, **kwargs)[0],
                                 expected)
        self.assertEqual(ec2.describe_locked_snapshots(SnapshotIds=[sid])["Snapshots"], [])
        others = [
            (ec2.lock_snapshot, {"SnapshotId": "snap-0123456789abcdef0", "LockMode": "governance",
                                 "LockDuration": 1}, "InvalidSnapshot.NotFound"),
            (ec2.lock_snapshot, {"SnapshotId": "bogus", "LockMode": "governance",
                                 "LockDuration": 1}, "InvalidSnapshotID.Malformed"),
            (ec2.unlock_snapshot, {"SnapshotId": sid}, "IncorrectState"),
            (ec2.unlock_snapshot, {"SnapshotId": "snap-0123456789abcdef0"},
             "InvalidSnapshot.NotFound"),
            (ec2.describe_locked_snapshots, {"MaxResults": 1001}, "InvalidParameterValue"),
            (ec2.describe_locked_snapshots, {"Filters": [{"Name": "state", "Values": ["x"]}]},
             "InvalidFilter"),
            (ec2.describe_locked_snapshots, {"NextToken": "garbage"}, "InvalidNextToken"),
            (ec2.describe_locked_snapshots, {"SnapshotIds": ["snap-0123456789abcdef0"]},
             "InvalidSnapshot.NotFound"),
        ]
        for call, kwargs, expected in others:
            with self.subTest(call=call.__name__, kwargs=kwargs):
                self.assertEqual(self.error(call, **kwargs)[0], expected)
        # A snapshot in error can't be locked.
        failed = self.snapshot(complete=False)
        self.emu.admin("POST", f"snapshots/{failed}/fail", body={"cause": "broken"})
        code, message = self.error(ec2.lock_snapshot, SnapshotId=failed, LockMode="governance",
                                   LockDuration=1)
        self.assertEqual((code, message), ("IncorrectState", f"The snapshot '{failed}' is in the "
                                                             "'error' state and cannot be locked."))


class FixtureRoundTripTest(TierLockTestBase):
    """In a region of its own: resetting it leaves the rules of us-east-1 alone."""
    region = "eu-central-1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ec2 = cls.emu.client("ec2", region=cls.region, account=ACCOUNT)

    def test_export_and_load_keep_locks_and_tiers(self):
        locked = self.snapshot()
        self.ec2.lock_snapshot(SnapshotId=locked, LockMode="compliance", CoolOffPeriod=2,
                               LockDuration=3)
        restored = self.archived()
        self.ec2.restore_snapshot_tier(SnapshotId=restored, TemporaryRestoreDays=4)
        self.advance(WORK_SECONDS)
        before_locks = self.ec2.describe_locked_snapshots(SnapshotIds=[locked])["Snapshots"]
        before_snap = self.describe(restored)
        state = self.emu.admin("GET", "state", query={"account": ACCOUNT, "region": self.region})
        scope = state["accounts"][ACCOUNT]["regions"][self.region]
        self.assertEqual([t["snapshotId"] for t in scope["snapshotTiers"]], [restored])
        self.assertEqual([lk["snapshotId"] for lk in scope["snapshotLocks"]], [locked])
        self.emu.reset(account=ACCOUNT, region=self.region)
        self.assertEqual(self.error(self.ec2.describe_snapshots, SnapshotIds=[locked])[0],
                         "InvalidSnapshot.NotFound")
        self.emu.load_fixture(state)
        self.assertEqual(self.ec2.describe_locked_snapshots(SnapshotIds=[locked])["Snapshots"],
                         before_locks)
        after = self.describe(restored)
        self.assertEqual((after["StorageTier"], after["RestoreExpiryTime"]),
                         ("standard", before_snap["RestoreExpiryTime"]))
        self.assertEqual(self.error(self.ec2.delete_snapshot, SnapshotId=locked)[0],
                         "SnapshotLocked")
        self.advance(4 * DAY)  # the loaded temporary restore still ends on the clock
        self.assertEqual(self.describe(restored)["StorageTier"], "archive")
        self.assertEqual(self.ec2.describe_locked_snapshots(SnapshotIds=[locked])["Snapshots"][0][
            "LockState"], "expired")


if __name__ == "__main__":
    unittest.main()
