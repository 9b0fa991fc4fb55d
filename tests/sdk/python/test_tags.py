"""CreateTags, DeleteTags and DescribeTags through boto3 and the AWS CLI: volumes and instances, the
documented filters, pagination, the value semantics of DeleteTags, and the errors."""
import unittest

from botocore.exceptions import ClientError

from ebs_emulator import Emulator

ACCOUNT = "444444444444"


def code_of(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


class TagsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start("--volume-ms", "50", "--instance-ms", "50")
        cls.ec2 = cls.emu.client("ec2", account=ACCOUNT)

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def test_tags_on_volumes_and_instances(self):
        vid = self.ec2.create_volume(AvailabilityZone="us-east-1a", Size=1)["VolumeId"]
        iid = self.ec2.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1)["Instances"][0][
            "InstanceId"]
        self.ec2.create_tags(Resources=[vid, iid],
                             Tags=[{"Key": "env", "Value": "prod"}, {"Key": "empty", "Value": ""}])

        def tags(*filters):
            return [(t["ResourceId"], t["ResourceType"], t["Key"], t["Value"])
                    for t in self.ec2.describe_tags(Filters=list(filters))["Tags"]]

        self.assertEqual(tags({"Name": "resource-id", "Values": [vid]}),
                         [(vid, "volume", "empty", ""), (vid, "volume", "env", "prod")])
        self.assertEqual(tags({"Name": "resource-type", "Values": ["instance"]},
                              {"Name": "key", "Values": ["env"]}),
                         [(iid, "instance", "env", "prod")])
        self.assertEqual(len(tags({"Name": "value", "Values": ["pro*"]})), 2)
        self.assertEqual(self.ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]["Tags"],
                         [{"Key": "empty", "Value": ""}, {"Key": "env", "Value": "prod"}])
        inst = self.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertIn({"Key": "env", "Value": "prod"}, inst["Tags"])
        # Overwrite, then delete by key+value (mismatch keeps it), by key alone, and everything.
        self.ec2.create_tags(Resources=[vid], Tags=[{"Key": "env", "Value": "dev"}])
        self.ec2.delete_tags(Resources=[vid], Tags=[{"Key": "env", "Value": "prod"}])
        self.assertIn((vid, "volume", "env", "dev"), tags({"Name": "resource-id", "Values": [vid]}))
        self.ec2.delete_tags(Resources=[vid], Tags=[{"Key": "env"}])
        self.assertEqual(tags({"Name": "resource-id", "Values": [vid]}),
                         [(vid, "volume", "empty", "")])
        self.ec2.delete_tags(Resources=[iid])
        self.assertEqual(tags({"Name": "resource-id", "Values": [iid]}), [])

    def test_pagination(self):
        ec2 = self.emu.client("ec2", account=ACCOUNT, region="ca-central-1")
        vids = [ec2.create_volume(AvailabilityZone="ca-central-1a", Size=1)["VolumeId"]
                for _ in range(3)]
        ec2.create_tags(Resources=vids, Tags=[{"Key": f"k{n}", "Value": "v"} for n in range(4)])
        pages = list(ec2.get_paginator("describe_tags").paginate(PaginationConfig={"PageSize": 5}))
        self.assertEqual([len(p["Tags"]) for p in pages], [5, 5, 2])
        self.assertEqual(len({(t["ResourceId"], t["Key"]) for p in pages for t in p["Tags"]}), 12)

    def test_errors(self):
        vid = self.ec2.create_volume(AvailabilityZone="us-east-1a", Size=1)["VolumeId"]
        self.assertEqual(code_of(self.ec2.create_tags, Resources=["vol-0000000000000000c"],
                                 Tags=[{"Key": "a", "Value": "b"}]), "InvalidVolume.NotFound")
        self.assertEqual(code_of(self.ec2.create_tags, Resources=["i-0000000000000000c"],
                                 Tags=[{"Key": "a", "Value": "b"}]), "InvalidInstanceID.NotFound")
        self.assertEqual(code_of(self.ec2.create_tags, Resources=[vid],
                                 Tags=[{"Key": "aws:x", "Value": "b"}]), "InvalidParameterValue")
        self.assertEqual(code_of(self.ec2.create_tags, Resources=[vid],
                                 Tags=[{"Key": "a", "Value": "b"}], DryRun=True), "DryRunOperation")
        self.assertEqual(code_of(self.ec2.describe_tags, Filters=[{"Name": "x", "Values": ["y"]}]),
                         "InvalidFilter")

    def test_cli(self):
        env = {"account": ACCOUNT}
        vid = self.ec2.create_volume(AvailabilityZone="us-east-1a", Size=1)["VolumeId"]
        self.emu.aws_cli("ec2", "create-tags", "--resources", vid, "--tags", "Key=cli,Value=yes",
                         **env)
        out = self.emu.aws_cli("ec2", "describe-tags", "--filters", f"Name=resource-id,Values={vid}",
                               **env)
        self.assertEqual([(t["Key"], t["Value"]) for t in out["Tags"]], [("cli", "yes")])
        self.emu.aws_cli("ec2", "delete-tags", "--resources", vid, "--tags", "Key=cli", **env)
        out = self.emu.aws_cli("ec2", "describe-tags", "--filters", f"Name=resource-id,Values={vid}",
                               **env)
        self.assertEqual(out["Tags"], [])


if __name__ == "__main__":
    unittest.main()
