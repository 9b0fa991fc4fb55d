"""Crash safety of EventBridge deliveries: with deliveries in flight to a slow HTTP target, the server is
killed with SIGKILL; after a restart on the same database every matched event is delivered (at least
once) and none is lost."""
import json
import unittest

from ebs_emulator import Emulator, wait_for
from eventbridge_receiver import Receiver, api_destination

ACCOUNT = "111111111111"
EVENTS = 30


class DeliveryCrashTest(unittest.TestCase):
    def test_kill_9_with_deliveries_in_flight_loses_nothing(self):
        receiver = Receiver()
        emu = Emulator.start("--retry-scale", "0.001")
        try:
            events = emu.client("events", account=ACCOUNT)
            dest = api_destination(events, "slow", receiver.url + "/slow")
            events.put_rule(Name="all", EventPattern=json.dumps({"source": ["crash.test"]}))
            events.put_targets(Rule="all", Targets=[{"Id": "slow", "Arn": dest}])
            receiver.hold()  # the target accepts connections but answers nothing yet
            ids = []
            for start in range(0, EVENTS, 10):
                out = events.put_events(Entries=[
                    {"Source": "crash.test", "DetailType": "n", "Detail": json.dumps({"n": i})}
                    for i in range(start, start + 10)])
                self.assertEqual(out["FailedEntryCount"], 0)
                ids += [e["EventId"] for e in out["Entries"]]
            # Deliveries are in flight: the target holds requests the engine has sent.
            wait_for(lambda: receiver.arrived >= 1, 10, message="a request in flight")
            self.assertEqual(len(emu.deliveries()), EVENTS)
            self.assertTrue(all(d["status"] == "pending" for d in emu.deliveries()))
            emu.kill()
            receiver.release()
            emu.restart()
            events = emu.client("events", account=ACCOUNT)

            def delivered_ids():
                got = {json.loads(r["body"])["id"] for r in receiver.received("/slow")}
                return got >= set(ids) and got
            got = wait_for(delivered_ids, 30, message="every event delivered after restart")
            self.assertEqual(got, set(ids))
            statuses = wait_for(lambda: {d["status"] for d in emu.deliveries()} == {"succeeded"}
                                and emu.deliveries(), 15, message="deliveries succeeded")
            self.assertEqual(sorted(d["eventId"] for d in statuses), sorted(ids))
            # The rules and targets survived too.
            self.assertEqual(events.list_targets_by_rule(Rule="all")["Targets"][0]["Arn"], dest)
        finally:
            receiver.close()
            emu.close()


if __name__ == "__main__":
    unittest.main()
