"""EBS volumes through boto3 and the AWS CLI against the real server: create (tags, idempotency,
validation, DryRun), describe (filters, pagination, paginator), the botocore waiters, attach/detach,
modify + DescribeVolumesModifications, delete, and the EBS events these emit."""
import unittest

from botocore.exceptions import ClientError, WaiterError

from ebs_emulator import Emulator, wait_for

ARGS = ("--volume-ms", "50", "--attach-ms", "50", "--instance-ms", "50", "--modify-ms", "50")
FAST = {"Delay": 0.05, "MaxAttempts": 100}
ACCOUNT = "111111111111"


def code_of(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    return None, None


class VolumesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start(*ARGS)
        cls.ec2 = cls.emu.client("ec2", account=ACCOUNT)

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def running_instance(self, zone="us-east-1a"):
        r = self.ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1,
                                   Placement={"AvailabilityZone": zone})
        iid = r["Instances"][0]["InstanceId"]
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=FAST)
        return iid

    def available_volume(self, **kwargs):
        args = {"AvailabilityZone": "us-east-1a", "Size": 10, **kwargs}
        vid = self.ec2.create_volume(**args)["VolumeId"]
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        return vid

    def test_create_response_and_available_event(self):
        v = self.ec2.create_volume(
            AvailabilityZone="us-east-1a", Size=20, VolumeType="gp3", Iops=4000, Throughput=250,
            TagSpecifications=[{"ResourceType": "volume",
                                "Tags": [{"Key": "Name", "Value": "a <b> & 'c'"}]}])
        self.assertEqual(v["State"], "creating")
        self.assertTrue(v["VolumeId"].startswith("vol-") and len(v["VolumeId"]) == 21)
        self.assertEqual((v["Size"], v["VolumeType"], v["Iops"], v["Throughput"]),
                         (20, "gp3", 4000, 250))
        self.assertEqual(v["Tags"], [{"Key": "Name", "Value": "a <b> & 'c'"}])
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[v["VolumeId"]], WaiterConfig=FAST)
        described = self.ec2.describe_volumes(VolumeIds=[v["VolumeId"]])["Volumes"][0]
        self.assertEqual(described["State"], "available")
        self.assertEqual(described["Attachments"], [])
        self.assertEqual(described["Tags"], [{"Key": "Name", "Value": "a <b> & 'c'"}])
        arn = f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/{v['VolumeId']}"
        event = self.emu.wait_for_event(lambda e: e["resources"] == [arn])
        self.assertEqual(event["detail-type"], "EBS Volume Notification")
        self.assertEqual(event["detail"]["event"], "createVolume")
        self.assertEqual(event["detail"]["result"], "available")
        self.assertEqual(event["detail"]["request-id"], v["ResponseMetadata"]["RequestId"])
        self.assertEqual(event["account"], ACCOUNT)

    def test_client_token_idempotency(self):
        a = self.ec2.create_volume(AvailabilityZone="us-east-1a", Size=5, ClientToken="tok-1")
        b = self.ec2.create_volume(AvailabilityZone="us-east-1a", Size=5, ClientToken="tok-1")
        self.assertEqual(a["VolumeId"], b["VolumeId"])
        code, _ = code_of(self.ec2.create_volume, AvailabilityZone="us-east-1a", Size=6,
                          ClientToken="tok-1")
        self.assertEqual(code, "IdempotentParameterMismatch")

    def test_validation_errors(self):
        cases = [
            ({"Size": 10}, "MissingParameter"),
            ({"AvailabilityZone": "us-east-1a"}, "MissingParameter"),
            ({"AvailabilityZone": "us-east-1z", "Size": 10}, "InvalidZone.NotFound"),
            ({"AvailabilityZone": "us-east-1a", "Size": 10, "VolumeType": "gp9"},
             "InvalidParameterValue"),
            ({"AvailabilityZone": "us-east-1a", "Size": 0}, "InvalidParameterValue"),
            ({"AvailabilityZone": "us-east-1a", "Size": 10, "VolumeType": "io1"},
             "MissingParameter"),
            ({"AvailabilityZone": "us-east-1a", "Size": 10, "KmsKeyId": "alias/x"},
             "InvalidParameterDependency"),
            ({"AvailabilityZone": "us-east-1a", "Size": 10, "DryRun": True}, "DryRunOperation"),
        ]
        for args, want in cases:
            with self.subTest(args=args):
                code, message = code_of(self.ec2.create_volume, **args)
                self.assertEqual(code, want, message)
        code, message = code_of(self.ec2.create_volume, AvailabilityZone="us-east-1a", Size=1,
                                DryRun=True)
        self.assertEqual(message, "Request would have succeeded, but DryRun flag is set.")

    def test_describe_errors(self):
        code, message = code_of(self.ec2.describe_volumes, VolumeIds=["vol-0123456789abcdef0"])
        self.assertEqual((code, message), ("InvalidVolume.NotFound",
                                           "The volume 'vol-0123456789abcdef0' does not exist."))
        code, _ = code_of(self.ec2.describe_volumes, VolumeIds=["snap-1"])
        self.assertEqual(code, "InvalidVolumeID.Malformed")
        code, _ = code_of(self.ec2.describe_volumes, Filters=[{"Name": "colour", "Values": ["x"]}])
        self.assertEqual(code, "InvalidFilter")
        code, _ = code_of(self.ec2.describe_volumes, MaxResults=3)
        self.assertEqual(code, "InvalidParameterValue")

    def test_filters_and_paginator(self):
        ec2 = self.emu.client("ec2", account="222222222222", region="eu-west-1")
        ids = []
        for n in range(12):
            zone = "eu-west-1b" if n % 3 == 0 else "eu-west-1a"
            tags = [{"ResourceType": "volume", "Tags": [{"Key": "batch", "Value": f"b{n % 2}"}]}]
            ids.append(ec2.create_volume(AvailabilityZone=zone, Size=1 + n,
                                         TagSpecifications=tags)["VolumeId"])
        paginator = ec2.get_paginator("describe_volumes")
        pages = list(paginator.paginate(PaginationConfig={"PageSize": 5}))
        self.assertEqual([len(p["Volumes"]) for p in pages], [5, 5, 2])
        self.assertEqual(sorted(v["VolumeId"] for p in pages for v in p["Volumes"]), sorted(ids))

        def ids_for(*filters):
            vols = ec2.describe_volumes(Filters=list(filters))["Volumes"]
            return sorted(v["VolumeId"] for v in vols)

        self.assertEqual(ids_for({"Name": "availability-zone", "Values": ["eu-west-1b"]}),
                         sorted(ids[n] for n in range(12) if n % 3 == 0))
        self.assertEqual(ids_for({"Name": "tag:batch", "Values": ["b1"]},
                                 {"Name": "availability-zone", "Values": ["eu-west-1b"]}),
                         sorted(ids[n] for n in range(12) if n % 3 == 0 and n % 2 == 1))
        self.assertEqual(ids_for({"Name": "tag-key", "Values": ["batch"]}), sorted(ids))
        self.assertEqual(ids_for({"Name": "size", "Values": ["1", "2"]}), sorted(ids[:2]))
        self.assertEqual(ids_for({"Name": "volume-id", "Values": [ids[3]]}), [ids[3]])
        self.assertEqual(ids_for({"Name": "encrypted", "Values": ["true"]}), [])
        self.assertEqual(ids_for({"Name": "volume-type", "Values": ["gp2"]}), sorted(ids))
        self.assertEqual(ids_for({"Name": "snapshot-id", "Values": [""]}), sorted(ids))
        ec2.get_waiter("volume_available").wait(VolumeIds=ids, WaiterConfig=FAST)
        self.assertEqual(ids_for({"Name": "status", "Values": ["available"]}), sorted(ids))
        self.assertEqual(ids_for({"Name": "status", "Values": ["creating", "in-use"]}), [])
        # Other accounts and regions see none of them.
        self.assertEqual(self.emu.client("ec2", account="222222222222",
                                         region="eu-west-2").describe_volumes()["Volumes"], [])

    def test_attach_detach_waiters_and_attachment_filters(self):
        iid = self.running_instance()
        vid = self.available_volume()
        a = self.ec2.attach_volume(VolumeId=vid, InstanceId=iid, Device="/dev/sdf")
        self.assertEqual((a["State"], a["Device"], a["InstanceId"]), ("attaching", "/dev/sdf", iid))
        self.ec2.get_waiter("volume_in_use").wait(VolumeIds=[vid], WaiterConfig=FAST)
        wait_for(lambda: self.ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]["Attachments"][0]
                 ["State"] == "attached", message="attached")
        found = self.ec2.describe_volumes(Filters=[
            {"Name": "attachment.instance-id", "Values": [iid]},
            {"Name": "attachment.device", "Values": ["/dev/sdf"]}])["Volumes"]
        self.assertEqual([v["VolumeId"] for v in found], [vid])
        code, message = code_of(self.ec2.delete_volume, VolumeId=vid)
        self.assertEqual((code, message), ("VolumeInUse",
                                           f"Volume {vid} is currently attached to {iid}"))
        code, message = code_of(self.ec2.attach_volume, VolumeId=vid, InstanceId=iid,
                                Device="/dev/sdg")
        self.assertEqual((code, message), ("VolumeInUse", f"{vid} is already attached to an instance"))
        d = self.ec2.detach_volume(VolumeId=vid)  # InstanceId is optional
        self.assertEqual(d["State"], "detaching")
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        code, message = code_of(self.ec2.detach_volume, VolumeId=vid, InstanceId=iid)
        self.assertEqual((code, message), ("IncorrectState",
                                           f"Volume '{vid}' is in the 'available' state."))

    def test_attach_errors(self):
        iid = self.running_instance()
        other = self.available_volume(AvailabilityZone="us-east-1b")
        code, message = code_of(self.ec2.attach_volume, VolumeId=other, InstanceId=iid,
                                Device="/dev/sdh")
        self.assertEqual(code, "InvalidVolume.ZoneMismatch")
        self.assertEqual(message, f"The volume '{other}' is not in the same availability zone as "
                                  f"instance '{iid}'")
        creating = self.ec2.create_volume(AvailabilityZone="us-east-1a", Size=1)["VolumeId"]
        code, message = code_of(self.ec2.attach_volume, VolumeId=creating, InstanceId=iid,
                                Device="/dev/sdh")
        self.assertEqual((code, message), ("IncorrectState", f"{creating} is not 'available'."))
        code, _ = code_of(self.ec2.attach_volume, VolumeId="vol-0000000000000000f",
                          InstanceId=iid, Device="/dev/sdh")
        self.assertEqual(code, "InvalidVolume.NotFound")
        code, _ = code_of(self.ec2.attach_volume, VolumeId=other, InstanceId="i-0000000000000000f",
                          Device="/dev/sdh")
        self.assertEqual(code, "InvalidInstanceID.NotFound")
        same_zone = self.available_volume()
        code, _ = code_of(self.ec2.attach_volume, VolumeId=same_zone, InstanceId=iid,
                          Device="/dev/sdh", DryRun=True)
        self.assertEqual(code, "DryRunOperation")
        self.assertEqual(self.ec2.describe_volumes(VolumeIds=[same_zone])["Volumes"][0]["State"],
                         "available")

    def test_modify_and_modifications(self):
        vid = self.available_volume()
        m = self.ec2.modify_volume(VolumeId=vid, Size=30, VolumeType="gp3")["VolumeModification"]
        self.assertEqual((m["ModificationState"], m["OriginalSize"], m["TargetSize"],
                          m["TargetVolumeType"]), ("modifying", 10, 30, "gp3"))
        code, _ = code_of(self.ec2.modify_volume, VolumeId=vid, Size=40)
        self.assertEqual(code, "IncorrectModificationState")

        def state():
            mods = self.ec2.describe_volumes_modifications(VolumeIds=[vid])["VolumesModifications"]
            return mods[0]["ModificationState"] == "completed" and mods[0]
        done = wait_for(state, message="modification completed")
        self.assertEqual(done["Progress"], 100)
        self.assertIn("EndTime", done)
        v = self.ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]
        self.assertEqual((v["Size"], v["VolumeType"]), (30, "gp3"))
        arn = f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/{vid}"
        results = [e["detail"]["result"] for e in self.emu.events()
                   if e["resources"] == [arn] and e["detail"]["event"] == "modifyVolume"]
        self.assertEqual(results, ["optimizing", "completed"])
        code, _ = code_of(self.ec2.modify_volume, VolumeId=vid, Size=5)
        self.assertEqual(code, "InvalidParameterValue")
        mods = self.ec2.describe_volumes_modifications(
            Filters=[{"Name": "modification-state", "Values": ["completed"]}])
        self.assertIn(vid, [m["VolumeId"] for m in mods["VolumesModifications"]])

    def test_delete_waiter_and_event(self):
        vid = self.available_volume()
        resp = self.ec2.delete_volume(VolumeId=vid)
        self.ec2.get_waiter("volume_deleted").wait(VolumeIds=[vid], WaiterConfig=FAST)
        code, _ = code_of(self.ec2.describe_volumes, VolumeIds=[vid])
        self.assertEqual(code, "InvalidVolume.NotFound")
        arn = f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/{vid}"
        event = self.emu.wait_for_event(
            lambda e: e["resources"] == [arn] and e["detail"]["event"] == "deleteVolume")
        self.assertEqual(event["detail"], {"result": "deleted", "cause": "", "event": "deleteVolume",
                                           "request-id": resp["ResponseMetadata"]["RequestId"]})

    def test_waiter_fails_on_error(self):
        with self.assertRaises(WaiterError) as ctx:
            self.ec2.get_waiter("volume_available").wait(VolumeIds=["vol-0000000000000000e"],
                                                         WaiterConfig=FAST)
        self.assertIn("InvalidVolume.NotFound", str(ctx.exception))

    def test_cli_drives_volumes(self):
        env = {"account": ACCOUNT}
        v = self.emu.aws_cli("ec2", "create-volume", "--availability-zone", "us-east-1c",
                             "--size", "7", "--tag-specifications",
                             "ResourceType=volume,Tags=[{Key=via,Value=cli}]", **env)
        vid = v["VolumeId"]
        # The CLI waiter polls every 15 s: let boto3's fast waiter get there first, so the CLI's
        # first poll already sees `available`.
        self.ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        self.emu.aws_cli("ec2", "wait", "volume-available", "--volume-ids", vid, **env)
        out = self.emu.aws_cli("ec2", "describe-volumes", "--filters", "Name=tag:via,Values=cli",
                               **env)
        self.assertEqual([x["VolumeId"] for x in out["Volumes"]], [vid])
        self.emu.aws_cli("ec2", "modify-volume", "--volume-id", vid, "--size", "9", **env)
        self.emu.aws_cli("ec2", "delete-volume", "--volume-id", vid, check=False, **env)
        failed = self.emu.aws_cli("ec2", "delete-volume", "--volume-id", "vol-0000000000000000d",
                                  check=False, **env)
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("InvalidVolume.NotFound", failed.stderr)


if __name__ == "__main__":
    unittest.main()
