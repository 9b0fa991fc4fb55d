"""An API destination's InvocationRateLimitPerSecond through boto3: events over the rate are queued,
not dropped or failed (each is delivered once, on its first attempt), and reach the endpoint spread
out at the rate (measured from the receiver's arrival times); a destination at the default 300/s
gets the same burst at once; lowering the limit with UpdateApiDestination applies to later events."""
import json
import unittest

from ebs_emulator import Emulator, wait_for
from eventbridge_receiver import Receiver, api_destination

ACCOUNT = "111111111111"


class ApiDestinationRateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start()
        cls.receiver = Receiver()
        cls.events = cls.emu.client("events", account=ACCOUNT)

    @classmethod
    def tearDownClass(cls):
        cls.receiver.close()
        cls.emu.close()

    def route(self, name, limit):
        """A rule for source `name` whose target is an API destination at `limit` per second."""
        path = "/" + name
        dest = api_destination(self.events, name, self.receiver.url + path)
        if limit != 300:
            self.events.update_api_destination(Name=name, InvocationRateLimitPerSecond=limit)
        self.assertEqual(self.events.describe_api_destination(Name=name)
                         ["InvocationRateLimitPerSecond"], limit)
        self.events.put_rule(Name=name, EventPattern=json.dumps({"source": [name]}))
        out = self.events.put_targets(Rule=name, Targets=[{"Id": "http", "Arn": dest}])
        self.assertEqual(out["FailedEntryCount"], 0)
        return path

    def burst(self, source, n):
        out = self.events.put_events(Entries=[
            {"Source": source, "DetailType": "Rate", "Detail": json.dumps({"n": i})}
            for i in range(n)])
        self.assertEqual(out["FailedEntryCount"], 0, out)
        return [e["EventId"] for e in out["Entries"]]

    def arrivals(self, path, n):
        requests = self.receiver.wait_count(n, path, timeout=20)
        return sorted(r["at"] for r in requests)

    def test_two_per_second_spreads_six_events_over_two_seconds(self):
        path = self.route("slow-dest", 2)
        ids = self.burst("slow-dest", 6)
        at = self.arrivals(path, 6)
        # One second's burst (2), then one every 0.5 s: the 6th comes 2 s after the 1st.
        self.assertGreaterEqual(at[-1] - at[0], 1.9, at)
        for k in range(2, 6):
            self.assertGreaterEqual(at[k] - at[0], (k - 1) * 0.5 - 0.1, (k, at))
        # Queued, not failed: every event delivered once, on its first attempt.
        for event_id in ids:
            d = wait_for(lambda: next((d for d in self.emu.deliveries(**{"event-id": event_id})
                                       if d["status"] == "succeeded"), None), 10,
                         message=f"delivery of {event_id}")
            self.assertEqual(d["attemptCount"], 1)
        self.assertEqual(len(self.receiver.received(path)), 6)
        bodies = sorted(json.loads(r["body"])["detail"]["n"] for r in self.receiver.received(path))
        self.assertEqual(bodies, list(range(6)))

    def test_the_default_limit_does_not_slow_a_burst(self):
        path = self.route("fast-dest", 300)
        self.burst("fast-dest", 6)
        at = self.arrivals(path, 6)
        self.assertLess(at[-1] - at[0], 1.0, at)


if __name__ == "__main__":
    unittest.main()
