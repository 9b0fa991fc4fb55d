"""Smoke test: the server starts, answers health, and serves EC2 through boto3 and the AWS CLI."""
import unittest

from ebs_emulator import Emulator


class SmokeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start()

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def test_health(self):
        health = self.emu.health()
        self.assertEqual(health["status"], "running")
        self.assertIn("ec2", health["services"])

    def test_describe_regions_boto3_and_cli(self):
        ec2 = self.emu.client("ec2", region="eu-west-1")
        names = [r["RegionName"] for r in ec2.describe_regions()["Regions"]]
        self.assertIn("eu-west-1", names)
        out = self.emu.aws_cli("ec2", "describe-availability-zones", region="eu-west-1")
        self.assertEqual([z["ZoneName"] for z in out["AvailabilityZones"]],
                         ["eu-west-1a", "eu-west-1b", "eu-west-1c"])

    def test_unknown_action_is_invalid_action(self):
        ec2 = self.emu.client("ec2")
        with self.assertRaises(ec2.exceptions.ClientError) as ctx:
            ec2._make_api_call("DescribeImages", {})
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidAction")

    def test_stop_is_clean(self):
        emu = Emulator.start()
        try:
            self.assertEqual(emu.stop(), 0)
        finally:
            emu.close()


if __name__ == "__main__":
    unittest.main()
