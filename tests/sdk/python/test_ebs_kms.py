"""EC2 meets KMS, as AWS behaves (aws-facts F): CreateVolume with a disabled / pending-deletion /
pending-import / missing key answers `creating`, then the volume is rolled back (InvalidVolume.NotFound)
and a `createVolume` `failed` event carries the key's cause; encrypted volumes without a key use the
account's EBS default key (alias/aws/ebs or ModifyEbsDefaultKmsKeyId, EnableEbsEncryptionByDefault);
attaching a volume whose key is pending deletion fails with an `attachVolume` `failed` event, and
stopping/starting or rebooting its instance gives a `reattachVolume` `failed` event; snapshots and copies
keep or change keys, and a copy with an unusable key fails with a `copySnapshot` `failed` event. Each
event is asserted field by field as recorded (`/_emulator/events`) and as delivered by an EventBridge
rule to an HTTP (API destination) target."""
import json
import re
import unittest

import botocore.exceptions
from botocore.exceptions import ClientError

from ebs_emulator import Emulator, wait_for
from eventbridge_receiver import Receiver, api_destination

ACCOUNT = "246813579024"
REGION = "us-east-1"
ARGS = ("--volume-ms", "50", "--attach-ms", "50", "--instance-ms", "50", "--snapshot-ms", "200")
FAST = {"Delay": 0.05, "MaxAttempts": 200}
ENVELOPE_KEYS = ["version", "id", "detail-type", "source", "account", "time", "region",
                 "resources", "detail"]
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
ISO_S = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
RULE_PATH = "/ebs-events"


class EbsKmsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start(*ARGS)
        cls.ec2 = cls.emu.client("ec2", region=REGION, account=ACCOUNT)
        cls.kms = cls.emu.client("kms", region=REGION, account=ACCOUNT)
        cls.receiver = Receiver()
        # Every EBS event of this account and region also goes to an HTTP endpoint through a rule.
        events = cls.emu.client("events", region=REGION, account=ACCOUNT)
        dest = api_destination(events, "ebs-kms-dest", cls.receiver.url + RULE_PATH)
        events.put_rule(Name="ebs-kms", EventPattern=json.dumps(
            {"source": ["aws.ec2"], "detail-type": [{"prefix": "EBS "}]}))
        out = events.put_targets(Rule="ebs-kms", Targets=[{"Id": "http", "Arn": dest}])
        assert out["FailedEntryCount"] == 0, out
        cls.zone = REGION + "a"

    @classmethod
    def tearDownClass(cls):
        cls.receiver.close()
        cls.emu.close()

    # ---- helpers ---------------------------------------------------------------------------
    def key(self, state="Enabled", alias=None):
        """A customer key in the given state (Enabled, Disabled, PendingDeletion, PendingImport)."""
        meta = self.kms.create_key(Origin="EXTERNAL" if state == "PendingImport" else "AWS_KMS")[
            "KeyMetadata"]
        if alias:
            self.kms.create_alias(AliasName=alias, TargetKeyId=meta["KeyId"])
        if state == "Disabled":
            self.kms.disable_key(KeyId=meta["KeyId"])
        elif state == "PendingDeletion":
            self.kms.schedule_key_deletion(KeyId=meta["KeyId"], PendingWindowInDays=7)
        self.assertEqual(self.kms.describe_key(KeyId=meta["KeyId"])["KeyMetadata"]["KeyState"],
                         state)
        return meta

    def volume_arn(self, volume_id):
        return f"arn:aws:ec2:{REGION}:{ACCOUNT}:volume/{volume_id}"

    def volume_event(self, volume_id, name, count=1):
        arn = self.volume_arn(volume_id)

        def found():
            hits = [e for e in self.emu.events(source="aws.ec2", account=ACCOUNT)
                    if e["detail"].get("event") == name and arn in e["resources"]]
            return hits if len(hits) >= count else None
        return wait_for(found, timeout=15, message=f"{name} event of {volume_id}")

    def assert_delivered(self, event):
        """The rule delivered the recorded event, byte for byte the same JSON, to the HTTP target."""
        def delivered():
            for r in self.receiver.received(RULE_PATH):
                body = json.loads(r["body"])
                if body["id"] == event["id"]:
                    return body
            return None
        body = wait_for(delivered, timeout=15, message=f"delivery of {event['id']}")
        self.assertEqual(body, event)
        self.assertEqual(list(body), ENVELOPE_KEYS)

    def assert_volume_notification(self, event, detail, resources):
        self.assertEqual(list(event), ENVELOPE_KEYS)
        self.assertEqual(event["version"], "0")
        self.assertRegex(event["id"], UUID)
        self.assertEqual(event["detail-type"], "EBS Volume Notification")
        self.assertEqual(event["source"], "aws.ec2")
        self.assertEqual(event["account"], ACCOUNT)
        self.assertRegex(event["time"], ISO_S)
        self.assertEqual(event["region"], REGION)
        self.assertEqual(event["resources"], resources)
        self.assertEqual(event["detail"], detail)
        for value in event["detail"].values():
            self.assertIsInstance(value, str)
        self.assert_delivered(event)

    def code(self, call, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            call(**kwargs)
        return ctx.exception.response["Error"]["Code"], ctx.exception.response["Error"]["Message"]

    def running_instance(self):
        iid = self.ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1,
                                     Placement={"AvailabilityZone": self.zone})["Instances"][0][
            "InstanceId"]
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        return iid

    def wait_attached(self, volume_id):
        """volume_in_use passes while the attachment is still `attaching`: wait for `attached`."""
        self.ec2.get_waiter("volume_in_use").wait(VolumeIds=[volume_id], WaiterConfig=FAST)
        wait_for(lambda: [a for a in self.ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0][
            "Attachments"] if a["State"] == "attached"], message=f"{volume_id} attached")

    def available_volume(self, key_ref):
        vid = self.ec2.create_volume(AvailabilityZone=self.zone, Size=2, Encrypted=True,
                                     KmsKeyId=key_ref)["VolumeId"]
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        return vid

    # ---- CreateVolume with an unusable key -------------------------------------------------
    def check_create_volume_rolled_back(self, key_ref, key_arn, cause):
        out = self.ec2.create_volume(AvailabilityZone=self.zone, Size=4, Encrypted=True,
                                     KmsKeyId=key_ref)
        self.assertEqual(out["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(out["State"], "creating")
        self.assertIs(out["Encrypted"], True)
        vid, request_id = out["VolumeId"], out["ResponseMetadata"]["RequestId"]
        # The waiter ends on the NotFound error (not on a `deleted` match): the volume vanished.
        with self.assertRaises(botocore.exceptions.WaiterError) as ctx:
            self.ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        self.assertEqual(ctx.exception.last_response["Error"]["Code"], "InvalidVolume.NotFound")
        self.assertEqual(self.code(self.ec2.describe_volumes, VolumeIds=[vid]),
                         ("InvalidVolume.NotFound", f"The volume '{vid}' does not exist."))
        [event] = self.volume_event(vid, "createVolume")
        self.assert_volume_notification(
            event, {"result": "failed", "cause": cause, "event": "createVolume",
                    "request-id": request_id}, [self.volume_arn(vid)])
        self.assertIn(key_arn, cause)

    def test_create_volume_with_disabled_key_fails_and_volume_is_gone(self):
        meta = self.key("Disabled", alias="alias/disabled-for-volumes")
        self.check_create_volume_rolled_back("alias/disabled-for-volumes", meta["Arn"],
                                             f"{meta['Arn']} is disabled.")

    def test_create_volume_with_pending_deletion_key(self):
        meta = self.key("PendingDeletion")
        self.check_create_volume_rolled_back(meta["Arn"], meta["Arn"],
                                             f"{meta['Arn']} is pending deletion.")

    def test_create_volume_with_pending_import_key(self):
        meta = self.key("PendingImport")
        self.check_create_volume_rolled_back(meta["KeyId"], meta["Arn"],
                                             f"{meta['Arn']} is pending import.")

    def test_create_volume_with_missing_key(self):
        arn = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/4d1f0000-0000-4000-8000-00000000abcd"
        self.check_create_volume_rolled_back(arn, arn, f"Key '{arn}' does not exist")

    def test_usable_key_in_every_reference_form_reports_the_key_arn(self):
        meta = self.key(alias="alias/forms")
        for ref in (meta["KeyId"], meta["Arn"], "alias/forms",
                    f"arn:aws:kms:{REGION}:{ACCOUNT}:alias/forms"):
            out = self.ec2.create_volume(AvailabilityZone=self.zone, Size=1, Encrypted=True,
                                         KmsKeyId=ref)
            self.assertEqual(out["KmsKeyId"], ref)  # the response echoes the reference given
            self.ec2.get_waiter("volume_available").wait(VolumeIds=[out["VolumeId"]],
                                                         WaiterConfig=FAST)
            vol = self.ec2.describe_volumes(VolumeIds=[out["VolumeId"]])["Volumes"][0]
            self.assertEqual((vol["Encrypted"], vol["KmsKeyId"]), (True, meta["Arn"]), ref)
            [event] = self.volume_event(out["VolumeId"], "createVolume")
            self.assertEqual(event["detail"]["result"], "available")

    # ---- default keys ------------------------------------------------------------------------
    def test_default_key_and_encryption_by_default(self):
        region = "eu-central-1"
        ec2 = self.emu.client("ec2", region=region, account=ACCOUNT)
        kms = self.emu.client("kms", region=region, account=ACCOUNT)
        zone = region + "a"
        self.assertEqual(ec2.get_ebs_default_kms_key_id()["KmsKeyId"], "alias/aws/ebs")
        self.assertIs(ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"], False)

        # Encrypted without a key: the AWS managed alias/aws/ebs key, created on first use.
        vid = ec2.create_volume(AvailabilityZone=zone, Size=1, Encrypted=True)["VolumeId"]
        managed = kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]
        self.assertEqual(managed["KeyManager"], "AWS")
        self.assertEqual(ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]["KmsKeyId"],
                         managed["Arn"])

        # A customer default key (set by alias; reported as its ARN).
        custom = kms.create_key()["KeyMetadata"]
        kms.create_alias(AliasName="alias/ebs-default", TargetKeyId=custom["KeyId"])
        self.assertEqual(ec2.modify_ebs_default_kms_key_id(KmsKeyId="alias/ebs-default")["KmsKeyId"],
                         custom["Arn"])
        self.assertEqual(ec2.get_ebs_default_kms_key_id()["KmsKeyId"], custom["Arn"])
        vid = ec2.create_volume(AvailabilityZone=zone, Size=1, Encrypted=True)["VolumeId"]
        self.assertEqual(ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]["KmsKeyId"],
                         custom["Arn"])

        # Encryption by default: an unencrypted request gets the default key.
        self.assertIs(ec2.enable_ebs_encryption_by_default()["EbsEncryptionByDefault"], True)
        self.assertIs(ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"], True)
        vid = ec2.create_volume(AvailabilityZone=zone, Size=1)["VolumeId"]
        vol = ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]
        self.assertEqual((vol["Encrypted"], vol["KmsKeyId"]), (True, custom["Arn"]))
        ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)

        # The default key, disabled, makes the next default-encrypted volume fail with its cause.
        kms.disable_key(KeyId=custom["KeyId"])
        out = ec2.create_volume(AvailabilityZone=zone, Size=1)
        event = wait_for(lambda: [e for e in self.emu.events(source="aws.ec2", region=region)
                                  if e["resources"][0].endswith(out["VolumeId"])
                                  and e["detail"]["event"] == "createVolume"])[0]
        self.assertEqual(event["detail"]["result"], "failed")
        self.assertEqual(event["detail"]["cause"], f"{custom['Arn']} is disabled.")
        self.assertEqual(event["region"], region)

        self.assertIs(ec2.disable_ebs_encryption_by_default()["EbsEncryptionByDefault"], False)
        self.assertEqual(ec2.reset_ebs_default_kms_key_id()["KmsKeyId"], managed["Arn"])
        self.assertEqual(ec2.get_ebs_default_kms_key_id()["KmsKeyId"], "alias/aws/ebs")
        vid = ec2.create_volume(AvailabilityZone=zone, Size=1)["VolumeId"]
        vol = ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]
        self.assertIs(vol["Encrypted"], False)
        self.assertNotIn("KmsKeyId", vol)
        # The settings are per Region: the class's region is untouched.
        self.assertIs(self.ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"], False)

    def test_encryption_settings_via_aws_cli(self):
        region = "ca-central-1"
        out = self.emu.aws_cli("ec2", "enable-ebs-encryption-by-default", region=region,
                               account=ACCOUNT)
        self.assertEqual(out, {"EbsEncryptionByDefault": True})
        out = self.emu.aws_cli("ec2", "get-ebs-default-kms-key-id", region=region, account=ACCOUNT)
        self.assertEqual(out, {"KmsKeyId": "alias/aws/ebs"})
        failed = self.emu.aws_cli("ec2", "modify-ebs-default-kms-key-id", "--kms-key-id",
                                  "alias/x", "--dry-run", region=region, account=ACCOUNT,
                                  check=False)
        self.assertIn("DryRunOperation", failed.stderr)

    # ---- attach / re-attach ------------------------------------------------------------------
    def test_attach_with_pending_deletion_key_fails_with_event(self):
        meta = self.key()
        vid = self.available_volume(meta["KeyId"])
        iid = self.running_instance()
        self.kms.schedule_key_deletion(KeyId=meta["KeyId"], PendingWindowInDays=7)
        attachment = self.ec2.attach_volume(VolumeId=vid, InstanceId=iid, Device="/dev/sdf")
        self.assertEqual(attachment["State"], "attaching")
        [event] = self.volume_event(vid, "attachVolume")
        self.assert_volume_notification(
            event, {"result": "failed", "cause": f"{meta['Arn']} is pending deletion.",
                    "event": "attachVolume", "request-id": ""},
            [self.volume_arn(vid), meta["Arn"]])
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        self.assertEqual(self.ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]["Attachments"],
                         [])

    def test_reattach_after_stop_start_and_reboot_fails_with_events(self):
        meta = self.key()
        vid = self.available_volume(meta["Arn"])
        iid = self.running_instance()
        self.ec2.attach_volume(VolumeId=vid, InstanceId=iid, Device="/dev/sdg")
        self.wait_attached(vid)
        self.kms.schedule_key_deletion(KeyId=meta["KeyId"], PendingWindowInDays=7)
        self.ec2.stop_instances(InstanceIds=[iid])
        self.ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig=FAST)
        self.ec2.start_instances(InstanceIds=[iid])
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        [event] = self.volume_event(vid, "reattachVolume")
        self.assert_volume_notification(
            event, {"result": "failed", "cause": f"{meta['Arn']} is pending deletion.",
                    "event": "reattachVolume", "request-id": ""},
            [self.volume_arn(vid), meta["Arn"]])
        self.ec2.reboot_instances(InstanceIds=[iid])
        second = self.volume_event(vid, "reattachVolume", count=2)[1]
        self.assertEqual(second["detail"], event["detail"])
        self.assertNotEqual(second["id"], event["id"])
        # A volume whose key is fine is re-attached silently.
        healthy = self.available_volume(self.key()["KeyId"])
        self.ec2.attach_volume(VolumeId=healthy, InstanceId=iid, Device="/dev/sdh")
        self.wait_attached(healthy)
        self.ec2.reboot_instances(InstanceIds=[iid])
        self.volume_event(vid, "reattachVolume", count=3)
        self.assertEqual([e for e in self.emu.events(source="aws.ec2", account=ACCOUNT)
                          if e["detail"].get("event") == "reattachVolume"
                          and self.volume_arn(healthy) in e["resources"]], [])

    def test_launch_volumes_resolve_keys_and_unusable_root_key_terminates(self):
        good = self.key(alias="alias/launch")
        iid = self.ec2.run_instances(
            ImageId="ami-12345678", MinCount=1, MaxCount=1, Placement={"AvailabilityZone": self.zone},
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda",
                                  "Ebs": {"Encrypted": True, "KmsKeyId": "alias/launch"}}])[
            "Instances"][0]["InstanceId"]
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        [root] = self.ec2.describe_volumes(
            Filters=[{"Name": "attachment.instance-id", "Values": [iid]}])["Volumes"]
        self.assertEqual((root["Encrypted"], root["KmsKeyId"]), (True, good["Arn"]))

        bad = self.key("Disabled")
        iid = self.ec2.run_instances(
            ImageId="ami-12345678", MinCount=1, MaxCount=1, Placement={"AvailabilityZone": self.zone},
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda",
                                  "Ebs": {"Encrypted": True, "KmsKeyId": bad["KeyId"]}}])[
            "Instances"][0]["InstanceId"]
        # (botocore's instance_terminated waiter treats `pending` as a failure, so poll instead.)
        instance = wait_for(lambda: [i for r in self.ec2.describe_instances(InstanceIds=[iid])[
            "Reservations"] for i in r["Instances"] if i["State"]["Name"] == "terminated"],
            message="instance terminated")[0]
        self.assertEqual(instance["StateReason"]["Code"], "Client.InvalidKMSKey.InvalidState")

    # ---- snapshots and copies ------------------------------------------------------------------
    def test_snapshots_and_copies_keep_or_change_keys(self):
        a = self.key()
        b = self.key(alias="alias/copy-target")
        vid = self.available_volume(a["KeyId"])
        snap = self.ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
        self.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snap], WaiterConfig=FAST)
        described = self.ec2.describe_snapshots(SnapshotIds=[snap])["Snapshots"][0]
        self.assertEqual((described["Encrypted"], described["KmsKeyId"]), (True, a["Arn"]))
        # A volume from the snapshot keeps its key unless another is asked for.
        same = self.ec2.create_volume(AvailabilityZone=self.zone, SnapshotId=snap)["VolumeId"]
        other = self.ec2.create_volume(AvailabilityZone=self.zone, SnapshotId=snap, Encrypted=True,
                                       KmsKeyId="alias/copy-target")["VolumeId"]
        keys = {v["VolumeId"]: (v["Encrypted"], v["KmsKeyId"])
                for v in self.ec2.describe_volumes(VolumeIds=[same, other])["Volumes"]}
        self.assertEqual(keys, {same: (True, a["Arn"]), other: (True, b["Arn"])})
        # A copy re-encrypted under another key (named by alias, reported as its ARN); without
        # KmsKeyId, a copy uses the account's default EBS key (EC2 API reference, CopySnapshot).
        copy = self.ec2.copy_snapshot(SourceRegion=REGION, SourceSnapshotId=snap, Encrypted=True,
                                      KmsKeyId="alias/copy-target")["SnapshotId"]
        plain = self.ec2.copy_snapshot(SourceRegion=REGION, SourceSnapshotId=snap)["SnapshotId"]
        self.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[copy, plain],
                                                       WaiterConfig=FAST)
        copies = {s["SnapshotId"]: (s["Encrypted"], s["KmsKeyId"]) for s in
                  self.ec2.describe_snapshots(SnapshotIds=[copy, plain])["Snapshots"]}
        managed = self.kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]["Arn"]
        self.assertEqual(copies, {copy: (True, b["Arn"]), plain: (True, managed)})

    def test_copy_with_disabled_key_fails_with_event(self):
        vid = self.ec2.create_volume(AvailabilityZone=self.zone, Size=1)["VolumeId"]
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        snap = self.ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
        self.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snap], WaiterConfig=FAST)
        meta = self.key("Disabled")
        copy = self.ec2.copy_snapshot(SourceRegion=REGION, SourceSnapshotId=snap, Encrypted=True,
                                      KmsKeyId=meta["KeyId"])["SnapshotId"]
        with self.assertRaises(botocore.exceptions.WaiterError):
            self.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[copy], WaiterConfig=FAST)
        described = self.ec2.describe_snapshots(SnapshotIds=[copy])["Snapshots"][0]
        self.assertEqual(described["State"], "error")
        snap_arn = f"arn:aws:ec2::{REGION}:snapshot/"
        event = wait_for(lambda: [e for e in self.emu.events(source="aws.ec2", account=ACCOUNT)
                                  if e["detail"].get("event") == "copySnapshot"
                                  and e["detail"]["snapshot_id"] == snap_arn + copy])[0]
        self.assertEqual(list(event), ENVELOPE_KEYS)
        self.assertEqual(event["detail-type"], "EBS Snapshot Notification")
        self.assertEqual(event["resources"], [snap_arn + copy])
        detail = event["detail"]
        self.assertEqual(detail["event"], "copySnapshot")
        self.assertEqual(detail["result"], "failed")
        self.assertEqual(detail["cause"], f"{meta['Arn']} is disabled.")
        self.assertEqual(detail["request-id"], "")
        self.assertEqual(detail["source"], snap_arn + snap)
        self.assertRegex(detail["startTime"], ISO_S)
        self.assertRegex(detail["endTime"], ISO_S)
        self.assert_delivered(event)


if __name__ == "__main__":
    unittest.main()
