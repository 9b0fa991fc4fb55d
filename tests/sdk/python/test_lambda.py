"""Lambda API through boto3 and the AWS CLI: functions that really run (Node.js and Python), their
errors as AWS reports them, permissions, logs in CloudWatch Logs, the invocation record, and code that
survives a restart."""
import base64
import json
import os
import shutil
import unittest

from ebs_emulator import Emulator, wait_for
from lambda_fixtures import ACCOUNT, ROLE, wait_active, wait_updated, zip_bytes

NODE_OK = """
let calls = 0;
console.log('cold start');
exports.handler = async (event, context) => {
  calls += 1;
  console.log('event', JSON.stringify(event));
  return { echo: event, calls, requestId: context.awsRequestId,
           region: process.env.AWS_REGION, color: process.env.COLOR || null };
};
"""

NODE_THROW = """
exports.handler = async (event) => {
  const e = new Error('boom: ' + event.why);
  e.name = 'SnapshotError';
  throw e;
};
"""

NODE_SLOW = """
exports.handler = async () => { await new Promise(r => setTimeout(r, 10000)); return 'late'; };
"""

PY_OK = """
import json, os
def handler(event, context):
    print("python got", json.dumps(event))
    return {"sum": event["a"] + event["b"], "fn": context.function_name,
            "env": os.environ.get("COLOR")}
"""

PY_RAISE = """
def handler(event, context):
    raise ValueError("bad value " + str(event.get("n")))
"""


class LambdaApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start("--retry-scale", "0.001")
        cls.lam = cls.emu.client("lambda", region="us-east-2", account=ACCOUNT)
        cls.logs = cls.emu.client("logs", region="us-east-2", account=ACCOUNT)

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def create(self, name, runtime, handler, files, **kwargs):
        out = self.lam.create_function(FunctionName=name, Runtime=runtime, Role=ROLE,
                                       Handler=handler, Code={"ZipFile": zip_bytes(files)},
                                       **kwargs)
        wait_active(self.lam, name)
        return out

    def invoke(self, name, payload, **kwargs):
        out = self.lam.invoke(FunctionName=name, Payload=json.dumps(payload), **kwargs)
        out["Body"] = out["Payload"].read()
        return out

    # ---- the function registry -----------------------------------------------------------
    def test_create_get_list_update_delete(self):
        created = self.lam.create_function(
            FunctionName="crud", Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
            Code={"ZipFile": zip_bytes({"index.js": NODE_OK})}, Timeout=7, MemorySize=256,
            Description="first", Environment={"Variables": {"COLOR": "red"}})
        self.assertEqual(created["State"], "Pending")
        self.assertEqual(created["FunctionArn"],
                         f"arn:aws:lambda:us-east-2:{ACCOUNT}:function:crud")
        self.assertEqual(created["Timeout"], 7)
        self.assertEqual(created["MemorySize"], 256)
        self.assertEqual(created["PackageType"], "Zip")
        self.assertEqual(created["Environment"]["Variables"], {"COLOR": "red"})
        wait_active(self.lam, "crud")
        got = self.lam.get_function(FunctionName="crud")
        self.assertEqual(got["Configuration"]["State"], "Active")
        self.assertEqual(got["Configuration"]["CodeSha256"], created["CodeSha256"])
        self.assertEqual(got["Code"]["RepositoryType"], "S3")
        # The Code.Location download gives back the package.
        import urllib.request
        with urllib.request.urlopen(got["Code"]["Location"]) as resp:
            self.assertEqual(resp.read(), zip_bytes({"index.js": NODE_OK}))
        by_arn = self.lam.get_function_configuration(FunctionName=created["FunctionArn"])
        self.assertEqual(by_arn["Description"], "first")
        names = [f["FunctionName"] for f in self.lam.list_functions()["Functions"]]
        self.assertIn("crud", names)

        self.assertEqual(json.loads(self.invoke("crud", {"x": 1})["Body"])["color"], "red")
        updated = self.lam.update_function_configuration(
            FunctionName="crud", Description="second", Environment={"Variables": {"COLOR": "blue"}})
        self.assertEqual(updated["LastUpdateStatus"], "InProgress")
        wait_updated(self.lam, "crud")
        self.assertEqual(json.loads(self.invoke("crud", {})["Body"])["color"], "blue")

        new_code = zip_bytes({"index.js": "exports.handler = async () => 'v2';"})
        code = self.lam.update_function_code(FunctionName="crud", ZipFile=new_code)
        self.assertNotEqual(code["CodeSha256"], created["CodeSha256"])
        self.assertEqual(code["CodeSize"], len(new_code))
        wait_updated(self.lam, "crud")
        self.assertEqual(json.loads(self.invoke("crud", {})["Body"]), "v2")

        self.lam.delete_function(FunctionName="crud")
        with self.assertRaises(self.lam.exceptions.ResourceNotFoundException) as ctx:
            self.lam.get_function(FunctionName="crud")
        self.assertEqual(ctx.exception.response["Error"]["Message"],
                         f"Function not found: arn:aws:lambda:us-east-2:{ACCOUNT}:function:crud")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 404)

    def test_duplicate_name_is_resource_conflict(self):
        self.create("dup", "nodejs20.x", "index.handler", {"index.js": NODE_OK})
        with self.assertRaises(self.lam.exceptions.ResourceConflictException) as ctx:
            self.create("dup", "nodejs20.x", "index.handler", {"index.js": NODE_OK})
        self.assertEqual(ctx.exception.response["Error"]["Message"], "Function already exist: dup")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 409)

    def test_bad_input_at_create(self):
        def code(call):
            with self.assertRaises(self.lam.exceptions.ClientError) as ctx:
                call()
            return ctx.exception.response["Error"]

        err = code(lambda: self.lam.create_function(
            FunctionName="notzip", Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
            Code={"ZipFile": b"this is not a zip file"}))
        self.assertEqual(err["Code"], "InvalidParameterValueException")
        self.assertEqual(err["Message"], "Could not unzip uploaded file. Please check your file, "
                                         "then try to upload again.")
        err = code(lambda: self.lam.create_function(
            FunctionName="java", Runtime="java21", Role=ROLE, Handler="a.B::handle",
            Code={"ZipFile": zip_bytes({"a.txt": "x"})}))
        self.assertEqual(err["Code"], "InvalidParameterValueException")
        self.assertIn("java21", err["Message"])
        err = code(lambda: self.lam.create_function(
            FunctionName="old", Runtime="nodejs12.x", Role=ROLE, Handler="index.handler",
            Code={"ZipFile": zip_bytes({"index.js": NODE_OK})}))
        self.assertEqual(err["Code"], "InvalidParameterValueException")
        self.assertIn("is no longer supported", err["Message"])
        err = code(lambda: self.lam.create_function(
            FunctionName="cobol", Runtime="cobol85", Role=ROLE, Handler="index.handler",
            Code={"ZipFile": zip_bytes({"index.js": NODE_OK})}))
        self.assertEqual(err["Code"], "ValidationException")
        err = code(lambda: self.lam.create_function(
            FunctionName="badrole", Runtime="nodejs20.x", Role="not-a-role",
            Handler="index.handler", Code={"ZipFile": zip_bytes({"index.js": NODE_OK})}))
        self.assertEqual(err["Code"], "ValidationException")
        err = code(lambda: self.lam.create_function(
            FunctionName="reserved", Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
            Code={"ZipFile": zip_bytes({"index.js": NODE_OK})},
            Environment={"Variables": {"AWS_REGION": "eu-west-1"}}))
        self.assertEqual(err["Code"], "InvalidParameterValueException")
        self.assertIn("Reserved keys used in this request: AWS_REGION", err["Message"])
        err = code(lambda: self.lam.invoke(FunctionName="nope", Payload=b"{}"))
        self.assertEqual(err["Code"], "ResourceNotFoundException")
        names = [f["FunctionName"] for f in self.lam.list_functions()["Functions"]]
        for bad in ("notzip", "java", "old", "cobol", "badrole", "reserved"):
            self.assertNotIn(bad, names)

    # ---- invocation ------------------------------------------------------------------------
    def test_node_invoke_warm_and_context(self):
        self.create("node-ok", "nodejs20.x", "index.handler", {"index.js": NODE_OK})
        first = self.invoke("node-ok", {"a": 1})
        self.assertEqual(first["StatusCode"], 200)
        self.assertNotIn("FunctionError", first)
        self.assertEqual(first["ExecutedVersion"], "$LATEST")
        body = json.loads(first["Body"])
        self.assertEqual(body["echo"], {"a": 1})
        self.assertEqual(body["region"], "us-east-2")
        self.assertEqual(body["requestId"], first["ResponseMetadata"]["RequestId"])
        second = json.loads(self.invoke("node-ok", {"a": 2})["Body"])
        self.assertEqual(second["calls"], 2, "the second invocation reuses the warm environment")

    def test_python_invoke_and_error(self):
        self.create("py-ok", "python3.11", "app.handler", {"app.py": PY_OK},
                    Environment={"Variables": {"COLOR": "green"}})
        out = self.invoke("py-ok", {"a": 2, "b": 3})
        self.assertEqual(json.loads(out["Body"]), {"sum": 5, "fn": "py-ok", "env": "green"})
        self.create("py-raise", "python3.11", "app.handler", {"app.py": PY_RAISE})
        out = self.invoke("py-raise", {"n": 7})
        self.assertEqual(out["StatusCode"], 200)
        self.assertEqual(out["FunctionError"], "Unhandled")
        err = json.loads(out["Body"])
        self.assertEqual(err["errorType"], "ValueError")
        self.assertEqual(err["errorMessage"], "bad value 7")

    def test_node_throw_is_unhandled_with_error_payload(self):
        self.create("node-throw", "nodejs20.x", "index.handler", {"index.js": NODE_THROW})
        out = self.invoke("node-throw", {"why": "disk"}, LogType="Tail")
        self.assertEqual(out["FunctionError"], "Unhandled")
        err = json.loads(out["Body"])
        self.assertEqual(err["errorType"], "SnapshotError")
        self.assertEqual(err["errorMessage"], "boom: disk")
        self.assertIsInstance(err["trace"], list)
        tail = base64.b64decode(out["LogResult"]).decode()
        self.assertIn("REPORT RequestId: " + out["ResponseMetadata"]["RequestId"], tail)

    def test_cli_invoke_reports_function_error(self):
        self.create("cli-throw", "nodejs20.x", "index.handler", {"index.js": NODE_THROW})
        out_file = os.path.join(self.emu.workdir, "cli-out.json")
        meta = self.emu.aws_cli("lambda", "invoke", "--function-name", "cli-throw",
                                "--payload", json.dumps({"why": "cli"}), out_file,
                                region="us-east-2", account=ACCOUNT)
        self.assertEqual(meta["StatusCode"], 200)
        self.assertEqual(meta["FunctionError"], "Unhandled")
        with open(out_file) as f:
            self.assertEqual(json.load(f)["errorMessage"], "boom: cli")

    def test_timeout_kills_and_reports(self):
        self.create("slow", "nodejs20.x", "index.handler", {"index.js": NODE_SLOW}, Timeout=1)
        out = self.invoke("slow", {})
        self.assertEqual(out["FunctionError"], "Unhandled")
        err = json.loads(out["Body"])
        self.assertTrue(err["errorMessage"].endswith("Task timed out after 1.00 seconds"),
                        err["errorMessage"])
        # The emulator is still responsive and the function can run again.
        self.assertEqual(self.lam.get_function(FunctionName="slow")["Configuration"]["State"],
                         "Active")

    def test_missing_handler_file_or_export(self):
        self.create("nofile", "nodejs20.x", "missing.handler", {"index.js": NODE_OK})
        out = self.invoke("nofile", {})
        self.assertEqual(out["FunctionError"], "Unhandled")
        self.assertEqual(json.loads(out["Body"])["errorType"], "Runtime.ImportModuleError")
        self.create("noexport", "nodejs20.x", "index.nothere", {"index.js": NODE_OK})
        out = self.invoke("noexport", {})
        self.assertEqual(out["FunctionError"], "Unhandled")
        self.assertEqual(json.loads(out["Body"])["errorType"], "Runtime.HandlerNotFound")

    def test_event_and_dry_run_invocations(self):
        self.create("async-fn", "nodejs20.x", "index.handler", {"index.js": NODE_OK})
        dry = self.lam.invoke(FunctionName="async-fn", InvocationType="DryRun")
        self.assertEqual(dry["StatusCode"], 204)
        out = self.lam.invoke(FunctionName="async-fn", InvocationType="Event",
                              Payload=json.dumps({"async": True}))
        self.assertEqual(out["StatusCode"], 202)
        self.assertEqual(out["Payload"].read(), b"")
        inv = wait_for(lambda: [i for i in self.emu.invocations(function="async-fn")
                                if i["invocationType"] == "Event"], message="async invocation")
        self.assertEqual(inv[0]["event"], {"async": True})
        self.assertEqual(inv[0]["status"], "ok")
        self.assertEqual(inv[0]["result"]["echo"], {"async": True})
        self.assertIn("START RequestId: " + out["ResponseMetadata"]["RequestId"], inv[0]["log"])

    def test_event_invocation_with_function_error_is_retried_twice(self):
        self.create("async-throw", "nodejs20.x", "index.handler", {"index.js": NODE_THROW})
        out = self.lam.invoke(FunctionName="async-throw", InvocationType="Event",
                              Payload=json.dumps({"why": "async"}))
        self.assertEqual(out["StatusCode"], 202)
        runs = wait_for(lambda: (lambda r: r if len(r) >= 3 else None)(
            self.emu.invocations(function="async-throw")), message="three attempts")
        self.assertEqual(len(runs), 3)
        self.assertEqual({r["requestId"] for r in runs}, {out["ResponseMetadata"]["RequestId"]})
        for r in runs:
            self.assertEqual(r["functionError"], "Unhandled")
            self.assertEqual(r["error"]["errorMessage"], "boom: async")

    def test_a_crashing_function_does_not_hurt_the_emulator(self):
        self.create("py-exit", "python3.11", "app.handler",
                    {"app.py": "import os\ndef handler(e, c):\n    os._exit(3)\n"})
        self.create("node-exit", "nodejs20.x", "index.handler",
                    {"index.js": "exports.handler = async () => { process.exit(2); };"})
        for name in ("py-exit", "node-exit"):
            out = self.invoke(name, {})
            self.assertEqual(out["FunctionError"], "Unhandled")
            err = json.loads(out["Body"])
            self.assertEqual(err["errorType"], "Runtime.ExitError", err)
        self.assertEqual(self.emu.health()["status"], "running")
        self.create("after-crash", "python3.11", "app.handler", {"app.py": PY_OK})
        self.assertEqual(json.loads(self.invoke("after-crash", {"a": 1, "b": 1})["Body"])["sum"], 2)

    def test_invalid_payload(self):
        self.create("payload", "nodejs20.x", "index.handler", {"index.js": NODE_OK})
        with self.assertRaises(self.lam.exceptions.InvalidRequestContentException):
            self.lam.invoke(FunctionName="payload", Payload=b"{not json")

    # ---- permissions -----------------------------------------------------------------------
    def test_add_get_remove_permission(self):
        self.create("perm", "nodejs20.x", "index.handler", {"index.js": NODE_OK})
        with self.assertRaises(self.lam.exceptions.ResourceNotFoundException):
            self.lam.get_policy(FunctionName="perm")
        rule = f"arn:aws:events:us-east-2:{ACCOUNT}:rule/snap"
        added = self.lam.add_permission(FunctionName="perm", StatementId="events",
                                        Action="lambda:InvokeFunction",
                                        Principal="events.amazonaws.com", SourceArn=rule)
        statement = json.loads(added["Statement"])
        self.assertEqual(statement["Principal"], {"Service": "events.amazonaws.com"})
        self.assertEqual(statement["Condition"], {"ArnLike": {"AWS:SourceArn": rule}})
        with self.assertRaises(self.lam.exceptions.ResourceConflictException):
            self.lam.add_permission(FunctionName="perm", StatementId="events",
                                    Action="lambda:InvokeFunction",
                                    Principal="events.amazonaws.com")
        policy = json.loads(self.lam.get_policy(FunctionName="perm")["Policy"])
        self.assertEqual([s["Sid"] for s in policy["Statement"]], ["events"])
        self.assertEqual(policy["Statement"][0]["Resource"],
                         f"arn:aws:lambda:us-east-2:{ACCOUNT}:function:perm")
        self.lam.remove_permission(FunctionName="perm", StatementId="events")
        with self.assertRaises(self.lam.exceptions.ResourceNotFoundException):
            self.lam.remove_permission(FunctionName="perm", StatementId="events")

    def test_tags(self):
        arn = self.create("tagged", "nodejs20.x", "index.handler", {"index.js": NODE_OK},
                          Tags={"team": "storage"})["FunctionArn"]
        self.lam.tag_resource(Resource=arn, Tags={"env": "test", "team": "ebs"})
        self.assertEqual(self.lam.list_tags(Resource=arn)["Tags"], {"env": "test", "team": "ebs"})
        self.lam.untag_resource(Resource=arn, TagKeys=["env", "absent"])
        self.assertEqual(self.lam.list_tags(Resource=arn)["Tags"], {"team": "ebs"})
        self.assertEqual(self.lam.get_function(FunctionName="tagged")["Tags"], {"team": "ebs"})
        with self.assertRaises(self.lam.exceptions.ResourceNotFoundException):
            self.lam.list_tags(Resource=arn.replace("tagged", "untagged"))

    # ---- logs ------------------------------------------------------------------------------
    def test_function_logs_in_cloudwatch_logs(self):
        self.create("logged", "nodejs20.x", "index.handler", {"index.js": NODE_OK})
        out = self.invoke("logged", {"marker": "m-1234"})
        rid = out["ResponseMetadata"]["RequestId"]
        groups = self.logs.describe_log_groups(logGroupNamePrefix="/aws/lambda/logged")
        self.assertEqual([g["logGroupName"] for g in groups["logGroups"]], ["/aws/lambda/logged"])
        found = self.logs.filter_log_events(logGroupName="/aws/lambda/logged",
                                            filterPattern='"m-1234"')["events"]
        self.assertEqual(len(found), 1)
        self.assertIn(rid, found[0]["message"])
        self.assertIn("INFO", found[0]["message"])
        streams = self.logs.describe_log_streams(logGroupName="/aws/lambda/logged",
                                                 orderBy="LastEventTime", descending=True)
        stream = streams["logStreams"][0]["logStreamName"]
        self.assertRegex(stream, r"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$")
        events = self.logs.get_log_events(logGroupName="/aws/lambda/logged",
                                          logStreamName=stream, startFromHead=True)["events"]
        messages = [e["message"] for e in events]
        self.assertTrue(messages[0].startswith("INIT_START") or messages[0].startswith("START")
                        or "cold start" in messages[0], messages[:3])
        self.assertTrue(any(m.startswith("REPORT RequestId: " + rid) for m in messages))
        # The CLI reads the same.
        cli = self.emu.aws_cli("logs", "filter-log-events", "--log-group-name",
                               "/aws/lambda/logged", "--filter-pattern", "REPORT",
                               region="us-east-2", account=ACCOUNT)
        self.assertGreaterEqual(len(cli["events"]), 1)

    def test_logs_api_direct(self):
        self.logs.create_log_group(logGroupName="/app/direct")
        with self.assertRaises(self.logs.exceptions.ResourceAlreadyExistsException):
            self.logs.create_log_group(logGroupName="/app/direct")
        self.logs.create_log_stream(logGroupName="/app/direct", logStreamName="s1")
        self.logs.put_log_events(logGroupName="/app/direct", logStreamName="s1", logEvents=[
            {"timestamp": 1000, "message": "alpha one"},
            {"timestamp": 2000, "message": "beta two"},
            {"timestamp": 3000, "message": "alpha three"}])
        got = self.logs.get_log_events(logGroupName="/app/direct", logStreamName="s1",
                                       startFromHead=True, limit=2)
        self.assertEqual([e["message"] for e in got["events"]], ["alpha one", "beta two"])
        more = self.logs.get_log_events(logGroupName="/app/direct", logStreamName="s1",
                                        nextToken=got["nextForwardToken"])
        self.assertEqual([e["message"] for e in more["events"]], ["alpha three"])
        end = self.logs.get_log_events(logGroupName="/app/direct", logStreamName="s1",
                                       nextToken=more["nextForwardToken"])
        self.assertEqual(end["events"], [])
        self.assertEqual(end["nextForwardToken"], more["nextForwardToken"])
        alpha = self.logs.filter_log_events(logGroupName="/app/direct", filterPattern="alpha")
        self.assertEqual([e["message"] for e in alpha["events"]], ["alpha one", "alpha three"])
        with self.assertRaises(self.logs.exceptions.ResourceNotFoundException):
            self.logs.get_log_events(logGroupName="/app/none", logStreamName="s1")
        self.logs.delete_log_stream(logGroupName="/app/direct", logStreamName="s1")
        with self.assertRaises(self.logs.exceptions.ResourceNotFoundException):
            self.logs.get_log_events(logGroupName="/app/direct", logStreamName="s1")
        self.logs.delete_log_group(logGroupName="/app/direct")
        self.assertEqual(self.logs.describe_log_groups(logGroupNamePrefix="/app/direct")
                         ["logGroups"], [])


class LambdaPersistenceTest(unittest.TestCase):
    def test_code_survives_restart_and_lost_work_dir(self):
        emu = Emulator.start()
        try:
            lam = emu.client("lambda", account=ACCOUNT)
            lam.create_function(FunctionName="keep", Runtime="python3.11", Role=ROLE,
                                Handler="app.handler",
                                Code={"ZipFile": zip_bytes({"app.py": PY_OK})})
            wait_active(lam, "keep")
            self.assertEqual(emu.stop(), 0)
            shutil.rmtree(os.path.join(os.path.dirname(emu.db_path), "lambda"))
            emu.restart()
            lam = emu.client("lambda", account=ACCOUNT)
            out = lam.invoke(FunctionName="keep", Payload=json.dumps({"a": 40, "b": 2}))
            self.assertEqual(json.loads(out["Payload"].read())["sum"], 42)
        finally:
            emu.close()


if __name__ == "__main__":
    unittest.main()
