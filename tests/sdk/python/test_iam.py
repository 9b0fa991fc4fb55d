"""IAM subset through boto3 and the AWS CLI: roles, customer managed policies, attachments, per account,
with AWS's errors (NoSuchEntity, EntityAlreadyExists, DeleteConflict, MalformedPolicyDocument)."""
import json
import os
import unittest

from ebs_emulator import Emulator

TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole"}]}


def seed_policy():
    root = os.environ.get("EBS_REPO_ROOT", os.path.join(os.path.dirname(__file__), "../../.."))
    with open(os.path.join(root, "..", "shared", "seeds", "replication-policy.json")) as f:
        return f.read()


class IamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start()
        cls.iam = cls.emu.client("iam", account="222222222222")

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def test_role_policy_lifecycle(self):
        policy = self.iam.create_policy(PolicyName="snap-copy", PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "ec2:CopySnapshot", "Resource": "*"}]}),
            Description="copy snapshots")["Policy"]
        self.assertEqual(policy["Arn"], "arn:aws:iam::222222222222:policy/snap-copy")
        self.assertTrue(policy["PolicyId"].startswith("ANPA"))
        self.assertEqual(policy["DefaultVersionId"], "v1")
        role = self.iam.create_role(RoleName="snap-role",
                                    AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]
        self.assertEqual(role["Arn"], "arn:aws:iam::222222222222:role/snap-role")
        self.assertTrue(role["RoleId"].startswith("AROA"))
        self.assertEqual(role["AssumeRolePolicyDocument"], TRUST)  # URL-decoded by botocore
        got = self.iam.get_role(RoleName="snap-role")["Role"]
        self.assertEqual(got["RoleId"], role["RoleId"])
        self.iam.attach_role_policy(RoleName="snap-role", PolicyArn=policy["Arn"])
        managed = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        self.iam.attach_role_policy(RoleName="snap-role", PolicyArn=managed)
        attached = self.iam.list_attached_role_policies(RoleName="snap-role")["AttachedPolicies"]
        self.assertEqual(sorted(p["PolicyArn"] for p in attached), sorted([policy["Arn"], managed]))
        self.assertEqual(self.iam.get_policy(PolicyArn=policy["Arn"])["Policy"]["AttachmentCount"],
                         1)

        with self.assertRaises(self.iam.exceptions.DeleteConflictException):
            self.iam.delete_role(RoleName="snap-role")
        with self.assertRaises(self.iam.exceptions.DeleteConflictException):
            self.iam.delete_policy(PolicyArn=policy["Arn"])
        self.iam.detach_role_policy(RoleName="snap-role", PolicyArn=policy["Arn"])
        self.iam.detach_role_policy(RoleName="snap-role", PolicyArn=managed)
        self.iam.delete_role(RoleName="snap-role")
        self.iam.delete_policy(PolicyArn=policy["Arn"])
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException) as ctx:
            self.iam.get_role(RoleName="snap-role")
        self.assertEqual(ctx.exception.response["Error"]["Message"],
                         "The role with name snap-role cannot be found.")
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.get_policy(PolicyArn=policy["Arn"])

    def test_errors(self):
        self.iam.create_role(RoleName="twice", AssumeRolePolicyDocument=json.dumps(TRUST))
        with self.assertRaises(self.iam.exceptions.EntityAlreadyExistsException) as ctx:
            self.iam.create_role(RoleName="twice", AssumeRolePolicyDocument=json.dumps(TRUST))
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 409)
        with self.assertRaises(self.iam.exceptions.MalformedPolicyDocumentException):
            self.iam.create_policy(PolicyName="bad", PolicyDocument="{not json")
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.attach_role_policy(RoleName="twice",
                                        PolicyArn="arn:aws:iam::222222222222:policy/none")
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.attach_role_policy(RoleName="nobody",
                                        PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")

    def test_accounts_are_separate_and_cli_works(self):
        out = self.emu.aws_cli("iam", "create-policy", "--policy-name", "replication",
                               "--policy-document", seed_policy(), account="333333333333")
        arn = out["Policy"]["Arn"]
        self.assertEqual(arn, "arn:aws:iam::333333333333:policy/replication")
        self.emu.aws_cli("iam", "create-role", "--role-name", "replication-role",
                         "--assume-role-policy-document", json.dumps(TRUST),
                         account="333333333333")
        self.emu.aws_cli("iam", "attach-role-policy", "--role-name", "replication-role",
                         "--policy-arn", arn, account="333333333333")
        listed = self.emu.aws_cli("iam", "list-attached-role-policies", "--role-name",
                                  "replication-role", account="333333333333")
        self.assertEqual(listed["AttachedPolicies"],
                         [{"PolicyName": "replication", "PolicyArn": arn}])
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.get_role(RoleName="replication-role")  # another account


if __name__ == "__main__":
    unittest.main()
