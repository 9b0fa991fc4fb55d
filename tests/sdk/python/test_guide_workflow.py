"""The guide's whole workflow, as a user runs it with the AWS CLI and boto3 only: an IAM policy and
role, the guide's Node.js function zipped verbatim with aws-sdk v2 in its node_modules, an EventBridge
rule on completed snapshots in us-east-2 targeting the function, and then a volume and a snapshot:
the function copies the snapshot to us-east-1 (with the description it sets), the copySnapshot
succeeded event is emitted in us-east-1, and the function's log lines are readable in CloudWatch Logs.
The same with a Python handler using boto3 and an async Node.js handler using the JS SDK v3; and a
handler that throws, retried and then dead-lettered by EventBridge."""
import json
import os
import tempfile
import unittest
import zipfile

from ebs_emulator import Emulator, wait_for

REPO = os.environ.get("EBS_REPO_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__),
                                                                    "../../..")))
SEEDS = os.path.join(REPO, "..", "shared", "seeds")
JS_MODULES = os.path.join(REPO, "tests", "sdk", "js", "node_modules")

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole"}]})
PATTERN = json.dumps({"source": ["aws.ec2"], "detail-type": ["EBS Snapshot Notification"],
                      "detail": {"event": ["createSnapshot"], "result": ["succeeded"]}})

PY_HANDLER = '''
import boto3

def lambda_handler(event, context):
    snapshot_id = event["detail"]["snapshot_id"].split("/")[1]
    description = f"Snapshot copy from {snapshot_id} in us-east-2."
    print("snapshotId:", snapshot_id)
    ec2 = boto3.client("ec2", region_name="us-east-1")
    copy = ec2.copy_snapshot(Description=description, SourceRegion="us-east-2",
                             SourceSnapshotId=snapshot_id)
    print(f"Successfully started copy of snapshot {snapshot_id} to region us-east-1.")
    return copy["SnapshotId"]
'''

JS_V3_HANDLER = '''
const { EC2Client, CopySnapshotCommand } = require('@aws-sdk/client-ec2');
const ec2 = new EC2Client({ region: 'us-east-1' });

exports.handler = async (event) => {
  const snapshotId = event.detail.snapshot_id.split('/')[1];
  console.log('snapshotId:', snapshotId);
  const out = await ec2.send(new CopySnapshotCommand({
    Description: `Snapshot copy from ${snapshotId} in us-east-2.`,
    SourceRegion: 'us-east-2',
    SourceSnapshotId: snapshotId,
  }));
  console.log(`Successfully started copy of snapshot ${snapshotId} to region us-east-1.`);
  return out.SnapshotId;
};
'''

THROWING_HANDLER = '''
exports.handler = async (event) => {
  throw new Error('cannot copy ' + event.detail.snapshot_id);
};
'''


def module_closure(names):
    """The packages `names` need, from their package.json dependencies (as npm installs them)."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        with open(os.path.join(JS_MODULES, name, "package.json")) as f:
            deps = json.load(f).get("dependencies", {})
        todo.extend(d for d in deps if os.path.isdir(os.path.join(JS_MODULES, d)))
    return sorted(seen)


def guide_zip(path):
    """function.zip: the guide's index.js verbatim plus node_modules with aws-sdk v2 and its
    dependencies (aws-sdk's dist/ folder holds browser bundles only and is left out for speed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.write(os.path.join(SEEDS, "replication-lambda.js"), "index.js")
        for name in module_closure(["aws-sdk"]):
            base = os.path.join(JS_MODULES, name)
            for root, dirs, files in os.walk(base):
                if name == "aws-sdk" and root == base and "dist" in dirs:
                    dirs.remove("dist")
                for f in files:
                    full = os.path.join(root, f)
                    z.write(full, os.path.join("node_modules", os.path.relpath(full, JS_MODULES)))


def single_file_zip(path, name, text):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, text)


class GuideWorkflowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start("--volume-ms", "50", "--snapshot-ms", "200", "--retry-scale",
                                 "0.001", "--lambda-node-path", JS_MODULES)
        cls.tmp = tempfile.mkdtemp(prefix="guide-")

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def cli(self, account, *args, region="us-east-2"):
        return self.emu.aws_cli(*args, region=region, account=account)

    def set_up_function(self, account, name, zip_path, runtime, handler, policy_name,
                        use_cli=True):
        """The guide's set-up: policy, role, function, rule, permission (with the AWS CLI, or with
        boto3 when use_cli is False)."""
        if use_cli:
            policy = self.cli(account, "iam", "create-policy", "--policy-name", policy_name,
                              "--policy-document",
                              "file://" + os.path.join(SEEDS, "replication-policy.json"))
            self.cli(account, "iam", "create-role", "--role-name", name + "-role",
                     "--assume-role-policy-document", TRUST)
            self.cli(account, "iam", "attach-role-policy", "--role-name", name + "-role",
                     "--policy-arn", policy["Policy"]["Arn"])
            role = self.cli(account, "iam", "get-role", "--role-name",
                            name + "-role")["Role"]["Arn"]
            fn = self.cli(account, "lambda", "create-function", "--function-name", name,
                          "--runtime", runtime, "--role", role, "--handler", handler,
                          "--timeout", "30", "--zip-file", "fileb://" + zip_path)
            self.cli(account, "lambda", "wait", "function-active-v2", "--function-name", name)
            rule = self.cli(account, "events", "put-rule", "--name", name + "-rule",
                            "--event-pattern", PATTERN)["RuleArn"]
            self.cli(account, "lambda", "add-permission", "--function-name", name,
                     "--statement-id", "events", "--action", "lambda:InvokeFunction",
                     "--principal", "events.amazonaws.com", "--source-arn", rule)
            return fn["FunctionArn"], rule
        iam = self.emu.client("iam", account=account)
        lam = self.emu.client("lambda", region="us-east-2", account=account)
        events = self.emu.client("events", region="us-east-2", account=account)
        with open(os.path.join(SEEDS, "replication-policy.json")) as f:
            policy = iam.create_policy(PolicyName=policy_name, PolicyDocument=f.read())
        role = iam.create_role(RoleName=name + "-role", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName=name + "-role", PolicyArn=policy["Policy"]["Arn"])
        with open(zip_path, "rb") as f:
            fn = lam.create_function(FunctionName=name, Runtime=runtime,
                                     Role=role["Role"]["Arn"], Handler=handler, Timeout=30,
                                     Code={"ZipFile": f.read()})
        lam.get_waiter("function_active_v2").wait(
            FunctionName=name, WaiterConfig={"Delay": 0.05, "MaxAttempts": 200})
        rule = events.put_rule(Name=name + "-rule", EventPattern=PATTERN)["RuleArn"]
        lam.add_permission(FunctionName=name, StatementId="events",
                           Action="lambda:InvokeFunction", Principal="events.amazonaws.com",
                           SourceArn=rule)
        return fn["FunctionArn"], rule

    def put_target(self, account, rule_name, targets):
        events = self.emu.client("events", region="us-east-2", account=account)
        out = events.put_targets(Rule=rule_name, Targets=targets)
        self.assertEqual(out["FailedEntryCount"], 0, out)

    def snapshot_and_expect_copy(self, account, name, use_cli=True):
        """A volume and a snapshot in us-east-2 (boto3), then the copy in us-east-1."""
        ec2 = self.emu.client("ec2", region="us-east-2", account=account)
        volume = ec2.create_volume(AvailabilityZone="us-east-2a", Size=8)["VolumeId"]
        ec2.get_waiter("volume_available").wait(VolumeIds=[volume],
                                                WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
        snap = ec2.create_snapshot(VolumeId=volume, Description="nightly")["SnapshotId"]
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snap],
                                                  WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
        description = f"Snapshot copy from {snap} in us-east-2."
        east1 = self.emu.client("ec2", region="us-east-1", account=account)

        def copies():
            found = east1.describe_snapshots(OwnerIds=["self"], Filters=[
                {"Name": "description", "Values": [description]}])["Snapshots"]
            return found

        copy = wait_for(copies, timeout=60, interval=0.1, message="the copy in us-east-1")[0]
        east1.get_waiter("snapshot_completed").wait(SnapshotIds=[copy["SnapshotId"]],
                                                    WaiterConfig={"Delay": 0.1,
                                                                  "MaxAttempts": 100})
        event = self.emu.wait_for_event(
            lambda e: e["detail"].get("event") == "copySnapshot" and
            e["detail"].get("result") == "succeeded" and
            e["detail"].get("snapshot_id", "").endswith(copy["SnapshotId"]),
            timeout=30, account=account, region="us-east-1")
        self.assertEqual(event["region"], "us-east-1")
        self.assertTrue(event["detail"]["source"].endswith(snap), event["detail"])
        logs_client = self.emu.client("logs", region="us-east-2", account=account)

        def log_lines(pattern):
            if use_cli:
                return self.cli(account, "logs", "filter-log-events", "--log-group-name",
                                "/aws/lambda/" + name, "--filter-pattern", pattern)["events"]
            return logs_client.filter_log_events(logGroupName="/aws/lambda/" + name,
                                                 filterPattern=pattern)["events"]

        logs = wait_for(lambda: log_lines('"Successfully started copy"'), timeout=30,
                        message="function log lines")
        self.assertIn(snap, logs[0]["message"])
        self.assertIn(snap, log_lines("snapshotId")[0]["message"])
        return snap, copy

    def test_guide_nodejs_aws_sdk_v2_verbatim(self):
        account = "444444444444"
        zip_path = os.path.join(self.tmp, "function.zip")
        guide_zip(zip_path)
        fn, _ = self.set_up_function(account, "ebs-snapshot-copy", zip_path, "nodejs20.x",
                                     "index.handler", "replication-policy")
        self.cli(account, "events", "put-targets", "--rule", "ebs-snapshot-copy-rule",
                 "--targets", f"Id=copy,Arn={fn}")
        snap, _ = self.snapshot_and_expect_copy(account, "ebs-snapshot-copy")
        invocation = [i for i in self.emu.invocations(function="ebs-snapshot-copy",
                                                      account=account)
                      if i["source"] == "events"][0]
        self.assertEqual(invocation["status"], "ok")
        self.assertEqual(invocation["result"],
                         f"Successfully started copy of snapshot {snap} to region us-east-1.")
        self.assertIn("Loading function", invocation["log"])

    def test_python_boto3_handler(self):
        account = "555555555555"
        zip_path = os.path.join(self.tmp, "python.zip")
        single_file_zip(zip_path, "lambda_function.py", PY_HANDLER)
        fn, _ = self.set_up_function(account, "py-copy", zip_path, "python3.11",
                                     "lambda_function.lambda_handler", "py-policy",
                                     use_cli=False)
        self.put_target(account, "py-copy-rule", [{"Id": "copy", "Arn": fn}])
        _, copy = self.snapshot_and_expect_copy(account, "py-copy", use_cli=False)
        invocation = [i for i in self.emu.invocations(function="py-copy", account=account)
                      if i["source"] == "events"][0]
        self.assertEqual(invocation["result"], copy["SnapshotId"])

    def test_async_node_js_sdk_v3_handler(self):
        account = "666666666666"
        zip_path = os.path.join(self.tmp, "v3.zip")
        single_file_zip(zip_path, "index.js", JS_V3_HANDLER)
        fn, _ = self.set_up_function(account, "v3-copy", zip_path, "nodejs22.x",
                                     "index.handler", "v3-policy", use_cli=False)
        self.put_target(account, "v3-copy-rule", [{"Id": "copy", "Arn": fn}])
        _, copy = self.snapshot_and_expect_copy(account, "v3-copy", use_cli=False)
        invocation = [i for i in self.emu.invocations(function="v3-copy", account=account)
                      if i["source"] == "events"][0]
        self.assertEqual(invocation["result"], copy["SnapshotId"])

    def test_throwing_target_is_retried_then_dead_lettered(self):
        account = "777777777777"
        zip_path = os.path.join(self.tmp, "throw.zip")
        single_file_zip(zip_path, "index.js", THROWING_HANDLER)
        fn, _ = self.set_up_function(account, "thrower", zip_path, "nodejs20.x",
                                     "index.handler", "throw-policy", use_cli=False)
        dlq = f"arn:aws:sqs:us-east-2:{account}:snapshot-dlq"
        self.put_target(account, "thrower-rule", [{"Id": "t", "Arn": fn,
                                                   "RetryPolicy": {"MaximumRetryAttempts": 2},
                                                   "DeadLetterConfig": {"Arn": dlq}}])
        ec2 = self.emu.client("ec2", region="us-east-2", account=account)
        volume = ec2.create_volume(AvailabilityZone="us-east-2a", Size=1)["VolumeId"]
        ec2.get_waiter("volume_available").wait(VolumeIds=[volume],
                                                WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})
        snap = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]

        def dead_lettered():
            return [d for d in self.emu.deliveries(account=account)
                    if d.get("status") == "dead-lettered"]

        delivery = wait_for(dead_lettered, timeout=60, message="dead-lettered delivery")[0]
        runs = [i for i in self.emu.invocations(function="thrower", account=account)]
        self.assertEqual(len(runs), 3, "one attempt and two retries")
        for run in runs:
            self.assertEqual(run["functionError"], "Unhandled")
            self.assertEqual(run["error"]["errorType"], "Error")
            self.assertIn(snap, run["error"]["errorMessage"])
        self.assertIn(dlq, json.dumps(delivery))


if __name__ == "__main__":
    unittest.main()
