"""Pending snapshot work survives a crash: a snapshot and a copy that are `pending` when the process is
killed with SIGKILL complete after it restarts on the same database, with their events."""
import unittest

from ebs_emulator import Emulator, wait_for

ACCOUNT = "111111111111"
FAST = {"Delay": 0.1, "MaxAttempts": 100}


class RestartSnapshotsTest(unittest.TestCase):
    def test_pending_snapshot_and_copy_complete_after_kill(self):
        emu = Emulator.start("--volume-ms", "50", "--snapshot-ms", "1500")
        try:
            src = emu.client("ec2", region="us-east-1", account=ACCOUNT)
            dst = emu.client("ec2", region="eu-west-1", account=ACCOUNT)
            vid = src.create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
            src.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
            base = src.create_snapshot(VolumeId=vid)["SnapshotId"]
            src.get_waiter("snapshot_completed").wait(SnapshotIds=[base], WaiterConfig=FAST)

            pending = src.create_snapshot(VolumeId=vid)["SnapshotId"]
            copy = dst.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=base)["SnapshotId"]
            self.assertEqual(src.describe_snapshots(SnapshotIds=[pending])["Snapshots"][0]["State"],
                             "pending")
            self.assertEqual(dst.describe_snapshots(SnapshotIds=[copy])["Snapshots"][0]["State"],
                             "pending")
            emu.kill()

            emu.restart()
            src = emu.client("ec2", region="us-east-1", account=ACCOUNT)
            dst = emu.client("ec2", region="eu-west-1", account=ACCOUNT)
            src.get_waiter("snapshot_completed").wait(SnapshotIds=[pending], WaiterConfig=FAST)
            dst.get_waiter("snapshot_completed").wait(SnapshotIds=[copy], WaiterConfig=FAST)
            self.assertEqual(src.describe_snapshots(SnapshotIds=[pending])["Snapshots"][0]["Progress"],
                             "100%")

            def finished(account, region, event, sid):
                return [e for e in emu.events(account=account, region=region)
                        if e["detail"].get("event") == event
                        and e["detail"].get("snapshot_id", "").endswith("/" + sid)]
            created = wait_for(lambda: finished(ACCOUNT, "us-east-1", "createSnapshot", pending))
            copied = wait_for(lambda: finished(ACCOUNT, "eu-west-1", "copySnapshot", copy))
            self.assertEqual(len(created), 1)
            self.assertEqual(len(copied), 1)
            self.assertEqual(copied[0]["detail"]["result"], "succeeded")
        finally:
            emu.close()


if __name__ == "__main__":
    unittest.main()
