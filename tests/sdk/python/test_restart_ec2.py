"""Crash recovery: create volumes, attach one, modify another, kill -9 the server while work is still
due, restart it on the same database, and everything is there in the right state, with the work that
was due when it died resumed (creating -> available, attaching -> attached, modifications)."""
import unittest

from ebs_emulator import Emulator, wait_for

FAST = {"Delay": 0.05, "MaxAttempts": 200}
ACCOUNT = "555555555555"


class RestartTest(unittest.TestCase):
    def test_kill_and_restart_keeps_state_and_resumes_work(self):
        # Long timings (2 s) so the work is still pending when the process is killed.
        emu = Emulator.start("--volume-ms", "2000", "--attach-ms", "2000", "--instance-ms", "50",
                             "--modify-ms", "2000")
        try:
            ec2 = emu.client("ec2", account=ACCOUNT)
            iid = ec2.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1)["Instances"][0][
                "InstanceId"]
            ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
            tags = [{"ResourceType": "volume", "Tags": [{"Key": "k", "Value": "v"}]}]
            attached, modified = [
                ec2.create_volume(AvailabilityZone="us-east-1a", Size=10,
                                  TagSpecifications=tags)["VolumeId"] for _ in range(2)]
            ec2.get_waiter("volume_available").wait(VolumeIds=[attached, modified],
                                                    WaiterConfig=FAST)
            creating = ec2.create_volume(AvailabilityZone="us-east-1a", Size=3)["VolumeId"]
            ec2.attach_volume(VolumeId=attached, InstanceId=iid, Device="/dev/sdf")
            ec2.modify_volume(VolumeId=modified, Size=50)
            before = {v["VolumeId"]: v for v in ec2.describe_volumes()["Volumes"]}
            self.assertEqual(before[creating]["State"], "creating")
            self.assertEqual(before[attached]["Attachments"][0]["State"], "attaching")

            emu.kill()
            emu.restart()
            ec2 = emu.client("ec2", account=ACCOUNT)
            after = {v["VolumeId"]: v for v in ec2.describe_volumes()["Volumes"]}
            self.assertEqual(set(after), set(before))
            self.assertEqual(after[attached]["State"], "in-use")
            self.assertEqual(after[attached]["Tags"], [{"Key": "k", "Value": "v"}])
            inst = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
            self.assertEqual(inst["State"]["Name"], "running")

            # The work that was due resumes after the restart.
            ec2.get_waiter("volume_available").wait(VolumeIds=[creating], WaiterConfig=FAST)
            wait_for(lambda: ec2.describe_volumes(VolumeIds=[attached])["Volumes"][0]
                     ["Attachments"][0]["State"] == "attached", timeout=15, message="attached")

            def completed():
                mods = ec2.describe_volumes_modifications(VolumeIds=[modified])
                return mods["VolumesModifications"][0]["ModificationState"] == "completed"
            wait_for(completed, timeout=15, message="modification completed")
            self.assertEqual(ec2.describe_volumes(VolumeIds=[modified])["Volumes"][0]["Size"], 50)
            created = [e for e in emu.events() if e["detail"].get("event") == "createVolume"
                       and e["resources"][0].endswith(creating)]
            self.assertEqual(len(created), 1)
        finally:
            emu.close()


if __name__ == "__main__":
    unittest.main()
