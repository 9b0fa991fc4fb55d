"""TestEventPattern through boto3 against recorded cases: the AWS-recorded conformance cases in
../shared/patterns/aws-recorded-cases.jsonl (sent verbatim; skipped when the file is absent, as in a
user's clone) and the project's own case tables in fixtures/patterns/*.json."""
import glob
import json
import os
import unittest

from botocore.exceptions import ClientError

from ebs_emulator import Emulator

ROOT = os.environ.get("EBS_REPO_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
RECORDED = os.path.join(ROOT, "..", "shared", "patterns", "aws-recorded-cases.jsonl")
if not os.path.exists(RECORDED):
    RECORDED = "/work/shared/patterns/aws-recorded-cases.jsonl"
ENVELOPE = {"version": "0", "id": "00000000-0000-0000-0000-000000000000", "detail-type": "t",
            "source": "test.source", "account": "111111111111", "time": "2024-01-01T00:00:00Z",
            "region": "us-east-1", "resources": []}


class TestEventPatternCases(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start()
        cls.events = cls.emu.client("events")

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def run_case(self, pattern_text, event_text):
        try:
            return self.events.test_event_pattern(EventPattern=pattern_text,
                                                  Event=event_text)["Result"], None, None
        except ClientError as e:
            return None, e.response["Error"]["Code"], e.response["Error"]["Message"]

    @unittest.skipUnless(os.path.exists(RECORDED), "aws-recorded-cases.jsonl not present")
    def test_aws_recorded_cases(self):
        with open(RECORDED) as f:
            cases = [json.loads(line) for line in f if line.strip()]
        self.assertTrue(cases)
        failures = []
        for case in cases:
            result, code, message = self.run_case(case["pattern_text"], case["event_text"])
            if case.get("expected_error"):
                ok = code == case["expected_error"]
                want_msg = case.get("expected_error_message")
                if ok and want_msg and code == "InvalidEventPatternException":
                    ok = message == want_msg.split("\n")[0]
                if not ok:
                    failures.append((case["name"], case["expected_error"], want_msg, code, message))
            elif result != case["expected_match"]:
                failures.append((case["name"], case["expected_match"], result, code, message))
        self.assertEqual(failures, [], f"{len(failures)} of {len(cases)} recorded cases differ")

    def test_project_case_tables(self):
        files = sorted(glob.glob(os.path.join(ROOT, "fixtures", "patterns", "*.json")))
        if not files:
            self.skipTest("no fixtures/patterns/*.json case tables yet")
        checked = 0
        failures = []
        for path in files:
            with open(path) as f:
                doc = json.load(f)
            cases = doc if isinstance(doc, list) else doc.get("cases", [])
            for case in cases:
                pattern = case["pattern"]
                pattern_text = case.get("pattern_text") or (
                    pattern if isinstance(pattern, str) else json.dumps(pattern))
                try:
                    parsed = json.loads(pattern_text)
                except (ValueError, RecursionError):
                    parsed = None
                event = case.get("event")
                if "event_text" in case:
                    event_text = case["event_text"]
                elif isinstance(event, dict):
                    # TestEventPattern requires the envelope fields; fill the missing ones unless
                    # the pattern looks at them.
                    pattern_keys = set(parsed.keys()) if isinstance(parsed, dict) else set()
                    missing = {k: v for k, v in ENVELOPE.items() if k not in event}
                    if pattern_keys & set(missing) or "$or" in pattern_keys:
                        continue
                    event_text = json.dumps({**missing, **event})
                elif "error" in case:
                    event_text = json.dumps(ENVELOPE)
                else:
                    continue
                result, code, message = self.run_case(pattern_text, event_text)
                if "error" in case:
                    want = case["error"].split("\n")[0]
                    if (code, message) != ("InvalidEventPatternException", want):
                        failures.append((os.path.basename(path), case.get("name"), want, code,
                                         message))
                elif result != case.get("matches"):
                    failures.append((os.path.basename(path), case.get("name"), case.get("matches"),
                                     result, code, message))
                checked += 1
        self.assertEqual(failures, [])
        self.assertGreater(checked, 0)


if __name__ == "__main__":
    unittest.main()
