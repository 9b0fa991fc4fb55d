"""Crash safety of Lambda's asynchronous invocations (InvocationType=Event): an invocation answered 202
whose run is held in flight, and later its pending retry, survive SIGKILL; after each restart on the
same database the invocation runs (again: at least once) with the same request id, and the retry comes
one minute of emulated time after the failed attempt."""
import json
import os
import shutil
import tempfile
import unittest

from ebs_emulator import Emulator, wait_for
from lambda_fixtures import ACCOUNT, ROLE, wait_active, zip_bytes

# Each run appends its event to DIR/runs, then waits for DIR/release; it fails unless DIR/ok exists.
PY_HELD = """
import json, os, time
def handler(event, context):
    d = os.environ["DIR"]
    with open(os.path.join(d, "runs"), "a") as f:
        f.write(json.dumps({"event": event, "requestId": context.aws_request_id}) + "\\n")
    while not os.path.exists(os.path.join(d, "release")):
        time.sleep(0.02)
    if not os.path.exists(os.path.join(d, "ok")):
        raise RuntimeError("not yet")
    return {"done": event["n"]}
"""


class LambdaAsyncCrashTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="lambda-async-crash-")

    def tearDown(self):
        open(os.path.join(self.dir, "release"), "w").close()  # frees any orphaned run
        shutil.rmtree(self.dir, ignore_errors=True)

    def runs(self):
        path = os.path.join(self.dir, "runs")
        if not os.path.exists(path):
            return []
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]

    def test_held_invocation_and_pending_retry_survive_kill_9(self):
        emu = Emulator.start("--clock", "manual")
        try:
            lam = emu.client("lambda", account=ACCOUNT)
            lam.create_function(FunctionName="held", Runtime="python3.11", Role=ROLE,
                                Handler="app.handler", Timeout=60,
                                Environment={"Variables": {"DIR": self.dir}},
                                Code={"ZipFile": zip_bytes({"app.py": PY_HELD})})
            wait_active(lam, "held")
            out = lam.invoke(FunctionName="held", InvocationType="Event",
                             Payload=json.dumps({"n": 7}))
            self.assertEqual(out["StatusCode"], 202)
            request_id = out["ResponseMetadata"]["RequestId"]
            # The run is in flight (held on DIR/release) and nothing is recorded yet.
            wait_for(lambda: len(self.runs()) == 1, 30, message="the first run started")
            self.assertEqual(emu.invocations(function="held"), [])

            emu.kill()
            emu.restart()
            # Resumed: the acknowledged invocation runs again, with its request id; it fails.
            wait_for(lambda: len(self.runs()) == 2, 30, message="the resumed run started")
            self.assertEqual(self.runs()[1], {"event": {"n": 7}, "requestId": request_id})
            open(os.path.join(self.dir, "release"), "w").close()
            self.assertTrue(emu.settle(timeout=30)["settled"])
            first = emu.invocations(function="held")
            self.assertEqual(len(first), 1)
            self.assertEqual(first[0]["requestId"], request_id)
            self.assertEqual(first[0]["invocationType"], "Event")
            self.assertEqual(first[0]["functionError"], "Unhandled")
            self.assertEqual(first[0]["error"]["errorMessage"], "not yet")

            # The retry is due one emulated minute later: kill the server while it is pending.
            emu.kill()
            emu.restart()
            open(os.path.join(self.dir, "ok"), "w").close()
            self.assertTrue(emu.settle(timeout=5)["settled"])
            self.assertEqual(len(self.runs()), 2)  # not due yet
            emu.advance_clock(61)
            self.assertTrue(emu.settle(timeout=30)["settled"])
            runs = emu.invocations(function="held")
            self.assertEqual(len(runs), 2)
            self.assertEqual(runs[1]["requestId"], request_id)
            self.assertEqual(runs[1]["status"], "ok")
            self.assertEqual(runs[1]["result"], {"done": 7})
            self.assertEqual(runs[1]["event"], {"n": 7})
            self.assertEqual(self.runs()[2]["requestId"], request_id)

            # It ended: no further attempt, even after a restart and the retry window.
            emu.kill()
            emu.restart()
            emu.advance_clock(600)
            self.assertTrue(emu.settle(timeout=10)["settled"])
            self.assertEqual(len(emu.invocations(function="held")), 2)
            self.assertEqual(len(self.runs()), 3)
        finally:
            emu.close()


if __name__ == "__main__":
    unittest.main()
