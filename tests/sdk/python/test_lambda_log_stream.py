"""A Lambda invocation's log lines land in the CloudWatch Logs stream the function sees as
context.logStreamName (Node.js) / context.log_stream_name (Python), named as AWS names it
(YYYY/MM/DD/[$LATEST]<32 hex>); a warm environment keeps its stream across invocations."""
import json
import unittest

from ebs_emulator import Emulator
from lambda_fixtures import ACCOUNT, ROLE, wait_active, zip_bytes

STREAM_RE = r"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$"

NODE = """
exports.handler = async (event, context) => {
  console.log('marker', event.marker);
  return { stream: context.logStreamName, group: context.logGroupName };
};
"""

PY = """
def handler(event, context):
    print("marker", event["marker"])
    return {"stream": context.log_stream_name, "group": context.log_group_name}
"""


class LambdaLogStreamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start()
        cls.lam = cls.emu.client("lambda", region="us-east-2", account=ACCOUNT)
        cls.logs = cls.emu.client("logs", region="us-east-2", account=ACCOUNT)

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def invoke(self, name, marker):
        out = self.lam.invoke(FunctionName=name, Payload=json.dumps({"marker": marker}))
        self.assertNotIn("FunctionError", out)
        return json.loads(out["Payload"].read())

    def check(self, name, runtime, handler, files):
        self.lam.create_function(FunctionName=name, Runtime=runtime, Role=ROLE, Handler=handler,
                                 Code={"ZipFile": zip_bytes(files)})
        wait_active(self.lam, name)
        group = "/aws/lambda/" + name
        first = self.invoke(name, f"{name}-first")
        second = self.invoke(name, f"{name}-second")
        self.assertEqual(first["group"], group)
        self.assertRegex(first["stream"], STREAM_RE)
        self.assertEqual(second["stream"], first["stream"])  # the same warm environment

        for marker in (f"{name}-first", f"{name}-second"):
            found = self.logs.filter_log_events(logGroupName=group,
                                                filterPattern=f'"{marker}"')["events"]
            self.assertEqual(len(found), 1, found)
            self.assertEqual(found[0]["logStreamName"], first["stream"])
        streams = self.logs.describe_log_streams(logGroupName=group)["logStreams"]
        self.assertEqual([s["logStreamName"] for s in streams], [first["stream"]])
        events = self.logs.get_log_events(logGroupName=group, logStreamName=first["stream"],
                                          startFromHead=True)["events"]
        self.assertTrue(any(e["message"].startswith("REPORT RequestId:") for e in events))

    def test_node_context_log_stream_name_is_the_stream(self):
        self.check("streamnode", "nodejs20.x", "index.handler", {"index.js": NODE})

    def test_python_context_log_stream_name_is_the_stream(self):
        self.check("streampy", "python3.11", "app.handler", {"app.py": PY})


if __name__ == "__main__":
    unittest.main()
