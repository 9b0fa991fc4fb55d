"""Time-based snapshot copies through boto3: CopySnapshot with CompletionDurationMinutes across
regions, DescribeSnapshots' TransferType / CompletionDurationMinutes / CompletionTime, and the two
events, asserted field by field (types included) as recorded and as delivered by rules written the
way users write them to an HTTP (API destination) target in the destination region:
`EBS Copy Snapshot Missed Completion Duration` when a copy is still pending at the end of its
duration, and `copySnapshot` succeeded with transferType `time-based`, completionDurationStartTime and,
after a miss, missedCompletionDurationCause. Standard copies stay `standard`.

Snapshots complete only through the admin API (--snapshot-completion manual) and the tests move the
emulator clock past a copy's duration (`/_emulator/clock` advance): no sleeps."""
import datetime
import json
import re
import unittest

import botocore.exceptions

from ebs_emulator import Emulator, wait_for
from eventbridge_receiver import Receiver, api_destination

ACCOUNT = "246813579024"
SOURCE_REGION, REGION = "us-east-1", "eu-west-1"
ENVELOPE_KEYS = ["version", "id", "detail-type", "source", "account", "time", "region",
                 "resources", "detail"]
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
ISO_S = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
MISSED = "EBS Copy Snapshot Missed Completion Duration"
NOTIFICATION = "EBS Snapshot Notification"
MISSED_PATH, COPIES_PATH = "/missed", "/copies"
CAUSE = ("The snapshot copy did not complete within the requested completion duration because the "
         "cumulative snapshot copy throughput quota for the destination Region was exceeded.")


def iso_s(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_ms(dt):
    dt = dt.astimezone(datetime.timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


class TimeBasedCopyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start("--volume-ms", "50", "--snapshot-completion", "manual")
        cls.source_ec2 = cls.emu.client("ec2", region=SOURCE_REGION, account=ACCOUNT)
        cls.ec2 = cls.emu.client("ec2", region=REGION, account=ACCOUNT)
        cls.receiver = Receiver()
        events = cls.emu.client("events", region=REGION, account=ACCOUNT)
        # The rules users write, in the destination region: every missed duration, and the
        # succeeded copies.
        rules = (("copy-missed", MISSED_PATH, {"source": ["aws.ec2"], "detail-type": [MISSED]}),
                 ("copy-done", COPIES_PATH, {"source": ["aws.ec2"], "detail-type": [NOTIFICATION],
                                             "detail": {"event": ["copySnapshot"],
                                                        "result": ["succeeded"]}}))
        for name, path, pattern in rules:
            dest = api_destination(events, f"{name}-dest", cls.receiver.url + path)
            events.put_rule(Name=name, EventPattern=json.dumps(pattern))
            out = events.put_targets(Rule=name, Targets=[{"Id": "http", "Arn": dest}])
            assert out["FailedEntryCount"] == 0, out

    @classmethod
    def tearDownClass(cls):
        cls.receiver.close()
        cls.emu.close()

    # ---- helpers ---------------------------------------------------------------------------
    def source_snapshot(self):
        vid = self.source_ec2.create_volume(AvailabilityZone=SOURCE_REGION + "a",
                                            Size=4)["VolumeId"]
        self.source_ec2.get_waiter("volume_available").wait(
            VolumeIds=[vid], WaiterConfig={"Delay": 0.05, "MaxAttempts": 200})
        sid = self.source_ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
        self.emu.admin("POST", f"snapshots/{sid}/complete")
        return sid

    def copy(self, source, **kwargs):
        return self.ec2.copy_snapshot(SourceRegion=SOURCE_REGION, SourceSnapshotId=source,
                                      **kwargs)["SnapshotId"]

    def describe(self, sid):
        return self.ec2.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]

    def recorded(self, detail_type, sid):
        return [e for e in self.emu.events(account=ACCOUNT, region=REGION,
                                           **{"detail-type": detail_type})
                if e["resources"][0].endswith("/" + sid)]

    def event(self, detail_type, sid):
        return wait_for(lambda: self.recorded(detail_type, sid), timeout=15,
                        message=f"{detail_type} of {sid}")[0]

    def assert_event(self, event, detail_type, resources, detail, path):
        """The envelope, the detail exactly (keys in order, values and types), and the delivery of
        the same JSON by the rule to the HTTP target at `path`."""
        self.assertEqual(list(event), ENVELOPE_KEYS)
        self.assertEqual(event["version"], "0")
        self.assertRegex(event["id"], UUID)
        self.assertEqual(event["detail-type"], detail_type)
        self.assertEqual(event["source"], "aws.ec2")
        self.assertEqual(event["account"], ACCOUNT)
        self.assertRegex(event["time"], ISO_S)
        self.assertEqual(event["region"], REGION)
        self.assertEqual(event["resources"], resources)
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

    # ---- tests -----------------------------------------------------------------------------
    def test_a_copy_that_outlasts_its_duration(self):
        source = self.source_snapshot()
        sid = self.copy(source, CompletionDurationMinutes=15, Description="dr copy")
        snap = self.describe(sid)
        self.assertEqual(snap["State"], "pending")
        self.assertEqual(snap["TransferType"], "time-based")
        self.assertEqual(snap["CompletionDurationMinutes"], 15)
        self.assertIsInstance(snap["CompletionDurationMinutes"], int)
        self.assertNotIn("CompletionTime", snap)
        start = snap["StartTime"]

        self.emu.advance_clock(15 * 60 - 1)  # one second before the deadline: nothing yet
        self.emu.settle()
        self.assertEqual(self.recorded(MISSED, sid), [])
        self.emu.advance_clock(1)
        missed = self.event(MISSED, sid)
        arn = f"arn:aws:ec2:{REGION}:{ACCOUNT}:snapshot/{sid}"
        self.assert_event(missed, MISSED, [arn], {
            "event": "copySnapshot",
            "missedCompletionDurationCause": CAUSE,
            "snapshot_id": arn,
            "source": f"arn:aws:ec2:{SOURCE_REGION}:{ACCOUNT}:snapshot/{source}",
            "startTime": iso_s(start),
            "transferType": "time-based",
        }, MISSED_PATH)
        self.assertEqual(self.describe(sid)["State"], "pending")  # still copying

        self.emu.advance_clock(3600)  # sent once
        self.emu.settle()
        self.assertEqual(len(self.recorded(MISSED, sid)), 1)

        self.emu.admin("POST", f"snapshots/{sid}/complete")
        snap = self.describe(sid)
        self.assertEqual(snap["State"], "completed")
        self.assertEqual(snap["TransferType"], "time-based")
        self.assertEqual(snap["CompletionDurationMinutes"], 15)
        self.assertIn("CompletionTime", snap)
        done = self.event(NOTIFICATION, sid)
        self.assert_event(done, NOTIFICATION, [f"arn:aws:ec2::{REGION}:snapshot/{sid}"], {
            "event": "copySnapshot",
            "result": "succeeded",
            "cause": "",
            "request-id": "",
            "snapshot_id": f"arn:aws:ec2::{REGION}:snapshot/{sid}",
            "source": f"arn:aws:ec2::{SOURCE_REGION}:snapshot/{source}",
            "startTime": iso_s(start),
            "endTime": iso_s(snap["CompletionTime"]),
            "incremental": "false",
            "transferType": "time-based",
            "completionDurationStartTime": iso_ms(start),
            "missedCompletionDurationCause": CAUSE,
        }, COPIES_PATH)
        self.assertRegex(done["detail"]["completionDurationStartTime"],
                         r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

    def test_a_copy_within_its_duration(self):
        source = self.source_snapshot()
        sid = self.copy(source, CompletionDurationMinutes=30)
        start = self.describe(sid)["StartTime"]
        self.emu.advance_clock(10 * 60)
        self.emu.admin("POST", f"snapshots/{sid}/complete")
        snap = self.describe(sid)
        done = self.event(NOTIFICATION, sid)
        self.assert_event(done, NOTIFICATION, [f"arn:aws:ec2::{REGION}:snapshot/{sid}"], {
            "event": "copySnapshot",
            "result": "succeeded",
            "cause": "",
            "request-id": "",
            "snapshot_id": f"arn:aws:ec2::{REGION}:snapshot/{sid}",
            "source": f"arn:aws:ec2::{SOURCE_REGION}:snapshot/{source}",
            "startTime": iso_s(start),
            "endTime": iso_s(snap["CompletionTime"]),
            "incremental": "false",
            "transferType": "time-based",
            "completionDurationStartTime": iso_ms(start),
        }, COPIES_PATH)
        self.emu.advance_clock(30 * 60)  # past the deadline: no miss for a finished copy
        self.emu.settle()
        self.assertEqual(self.recorded(MISSED, sid), [])

    def test_a_standard_copy_stays_standard(self):
        source = self.source_snapshot()
        sid = self.copy(source)
        snap = self.describe(sid)
        self.assertEqual(snap["TransferType"], "standard")
        self.assertNotIn("CompletionDurationMinutes", snap)
        self.emu.admin("POST", f"snapshots/{sid}/complete")
        d = self.event(NOTIFICATION, sid)["detail"]
        self.assertEqual(d["transferType"], "standard")
        self.assertNotIn("completionDurationStartTime", d)
        self.assertNotIn("missedCompletionDurationCause", d)

    def test_a_duration_out_of_range_is_refused(self):
        source = self.source_snapshot()
        # (boto3 itself refuses values under 1 before sending them.)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.copy(source, CompletionDurationMinutes=2881)
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidParameterValue")

    def test_a_duration_off_the_fifteen_minute_grid_is_refused(self):
        source = self.source_snapshot()
        for bad in (1, 14, 20):
            with self.assertRaises(botocore.exceptions.ClientError) as ctx:
                self.copy(source, CompletionDurationMinutes=bad)
            err = ctx.exception.response["Error"]
            self.assertEqual(err["Code"], "InvalidParameterValue")
            self.assertIn(f"Value ({bad}) for parameter CompletionDurationMinutes is invalid",
                          err["Message"])


class TimeBasedCopyRestartTest(unittest.TestCase):
    def test_the_deadline_survives_a_kill(self):
        emu = Emulator.start("--volume-ms", "50", "--snapshot-completion", "manual")
        try:
            src = emu.client("ec2", region=SOURCE_REGION, account=ACCOUNT)
            dst = emu.client("ec2", region=REGION, account=ACCOUNT)
            vid = src.create_volume(AvailabilityZone=SOURCE_REGION + "a", Size=4)["VolumeId"]
            src.get_waiter("volume_available").wait(
                VolumeIds=[vid], WaiterConfig={"Delay": 0.05, "MaxAttempts": 200})
            source = src.create_snapshot(VolumeId=vid)["SnapshotId"]
            emu.admin("POST", f"snapshots/{source}/complete")
            sid = dst.copy_snapshot(SourceRegion=SOURCE_REGION, SourceSnapshotId=source,
                                    CompletionDurationMinutes=15)["SnapshotId"]
            emu.kill()

            emu.restart()
            emu.advance_clock(15 * 60)
            missed = [e for e in emu.events(account=ACCOUNT, region=REGION,
                                            **{"detail-type": MISSED})
                      if e["detail"]["snapshot_id"].endswith("/" + sid)]
            self.assertEqual(len(missed), 1)
            dst = emu.client("ec2", region=REGION, account=ACCOUNT)
            snap = dst.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]
            self.assertEqual((snap["State"], snap["TransferType"], snap["CompletionDurationMinutes"]),
                             ("pending", "time-based", 15))
        finally:
            emu.close()


if __name__ == "__main__":
    unittest.main()
