"""EventBridge delivery end to end: boto3 sets up rules and API destination targets pointing at an HTTP
endpoint run by the test, PutEvents sends, and the endpoint checks what arrives: the event exactly as
AWS sends it, the connection's authorization, input transformers, DISABLED rules, retries with
backoff, dead-lettering, bus-to-bus routing across regions and accounts, and slow-target isolation."""
import json
import unittest

from ebs_emulator import Emulator, wait_for
from eventbridge_receiver import Receiver, api_destination, closed_port_url, TOKEN

ACCOUNT = "111111111111"
OTHER_ACCOUNT = "222222222222"

EC2_DETAIL = {"instance-id": "i-0123456789", "state": "RUNNING"}


class DeliveryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Retry delays and event ages x0.001: backoff of 1 s, 2 s ... becomes 1 ms, 2 ms ...
        cls.emu = Emulator.start("--retry-scale", "0.001")
        cls.receiver = Receiver()
        cls.events = cls.emu.client("events", account=ACCOUNT)
        cls.counter = 0

    @classmethod
    def tearDownClass(cls):
        cls.receiver.close()
        cls.emu.close()

    def unique(self, prefix):
        DeliveryTest.counter += 1
        return f"{prefix}-{DeliveryTest.counter}"

    def rule_with_targets(self, events, source, targets, bus="default", state="ENABLED"):
        name = self.unique("rule")
        arn = events.put_rule(Name=name, EventBusName=bus, State=state,
                              EventPattern=json.dumps({"source": [source]}))["RuleArn"]
        out = events.put_targets(Rule=name, EventBusName=bus, Targets=targets)
        self.assertEqual(out["FailedEntryCount"], 0)
        return name, arn

    def put(self, events, source, detail=None, bus="default", detail_type="Test"):
        out = events.put_events(Entries=[{"Source": source, "DetailType": detail_type,
                                          "Detail": json.dumps(detail or {"n": 1}),
                                          "EventBusName": bus}])
        self.assertEqual(out["FailedEntryCount"], 0, out)
        return out["Entries"][0]["EventId"]

    def delivery(self, event_id, target_id, status=None, timeout=15):
        def find():
            for d in self.emu.deliveries(**{"event-id": event_id}):
                if d["targetId"] == target_id and (status is None or d["status"] == status):
                    return d
            return None
        return wait_for(find, timeout, message=f"delivery {target_id} of {event_id} ({status})")

    # ---- the event as AWS sends it --------------------------------------------------------
    def test_event_reaches_endpoint_exactly_as_recorded_with_api_key(self):
        path = "/" + self.unique("plain")
        dest = api_destination(self.events, self.unique("dest"), self.receiver.url + path)
        src = self.unique("my.app")
        self.rule_with_targets(self.events, src, [{"Id": "http", "Arn": dest}])
        event_id = self.put(self.events, src, {"hello": "world", "n": [1, 2]})
        [request] = self.receiver.wait_count(1, path)
        recorded = self.emu.wait_for_event(lambda e: e["id"] == event_id)
        self.assertEqual(json.loads(request["body"]), recorded)
        self.assertEqual(list(json.loads(request["body"]).keys()),
                         ["version", "id", "detail-type", "source", "account", "time", "region",
                          "resources", "detail"])
        self.assertEqual(request["method"], "POST")
        self.assertEqual(request["headers"]["x-api-key"], "secret-key")
        self.assertTrue(request["headers"]["content-type"].startswith("application/json"))
        self.assertEqual(request["headers"]["user-agent"], "Amazon/EventBridge/ApiDestinations")
        d = self.delivery(event_id, "http", "succeeded")
        self.assertEqual(d["attemptCount"], 1)
        self.assertEqual(d["attempts"][0]["statusCode"], 200)
        # Exactly once: no second request for the same event.
        self.assertEqual(len(self.receiver.received(path)), 1)

    def test_basic_and_oauth_connections_send_their_authorization(self):
        basic_path, oauth_path = "/" + self.unique("basic"), "/" + self.unique("oauth")
        basic = api_destination(self.events, self.unique("dest"), self.receiver.url + basic_path,
                                auth="BASIC")
        oauth = api_destination(
            self.events, self.unique("dest"), self.receiver.url + oauth_path,
            auth="OAUTH_CLIENT_CREDENTIALS", token_url=self.receiver.url + "/token",
            InvocationHttpParameters={
                "HeaderParameters": [{"Key": "x-team", "Value": "storage", "IsValueSecret": False}],
                "QueryStringParameters": [{"Key": "env", "Value": "test", "IsValueSecret": False}]})
        src = self.unique("my.auth")
        self.rule_with_targets(self.events, src, [
            {"Id": "basic", "Arn": basic},
            {"Id": "oauth", "Arn": oauth,
             "HttpParameters": {"HeaderParameters": {"x-target": "t1"},
                                "QueryStringParameters": {"q": "a b"}}}])
        self.put(self.events, src)
        [b] = self.receiver.wait_count(1, basic_path)
        [o] = self.receiver.wait_count(1, oauth_path)
        self.assertEqual(b["headers"]["authorization"], "Basic dXNlcjpwYXNz")  # user:pass
        self.assertEqual(o["headers"]["authorization"], f"Bearer {TOKEN}")
        self.assertEqual(o["headers"]["x-team"], "storage")
        self.assertEqual(o["headers"]["x-target"], "t1")
        self.assertEqual(o["query"], {"env": "test", "q": "a b"})
        token_requests = [r for r in self.receiver.requests if r["path"] == "/token"]
        self.assertTrue(token_requests)
        self.assertEqual(token_requests[-1]["headers"]["authorization"], "Basic Y2xpZW50OnNoaA==")

    # ---- input ----------------------------------------------------------------------------
    def test_input_transformers_produce_the_documented_outputs(self):
        paths_map = {"instance": "$.detail.instance-id", "state": "$.detail.state"}
        cases = {
            # The documented examples (EventBridge User Guide, "Input transformation").
            "string": ('"instance <instance> is in <state>"',
                       '"instance i-0123456789 is in RUNNING"'),
            "json": ('{"instance" : <instance>, "state": <state>}',
                     '{"instance" : "i-0123456789", "state": "RUNNING"}'),
            "quoted": ('"<instance> is in state \\"<state>\\""',
                       '"i-0123456789 is in state \\"RUNNING\\""'),
            "mixed": ('{"myInstance": <instance>,"myStatus": "<instance> is in state \\"<state>\\""}',
                      '{"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state '
                      '\\"RUNNING\\""}'),
            "plain": ("<instance> is in state <state>", "i-0123456789 is in state RUNNING"),
        }
        ids = {}
        targets = []
        for key, (template, _) in cases.items():
            path = "/" + self.unique("tx-" + key)
            ids[key] = path
            dest = api_destination(self.events, self.unique("dest"), self.receiver.url + path)
            targets.append({"Id": key, "Arn": dest, "InputTransformer": {
                "InputPathsMap": paths_map, "InputTemplate": template}})
        src = self.unique("my.ec2")
        self.rule_with_targets(self.events, src, targets)
        self.put(self.events, src, EC2_DETAIL, detail_type="EC2 Instance State-change Notification")
        for key, (_, expected) in cases.items():
            [request] = self.receiver.wait_count(1, ids[key])
            self.assertEqual(request["body"], expected, key)

    def test_predefined_variables_input_and_input_path(self):
        paths = {k: "/" + self.unique(k) for k in ("predef", "input", "path", "missing")}
        dests = {k: api_destination(self.events, self.unique("dest"), self.receiver.url + p)
                 for k, p in paths.items()}
        src = self.unique("my.predef")
        name, rule_arn = self.rule_with_targets(self.events, src, [
            {"Id": "predef", "Arn": dests["predef"], "InputTransformer": {
                "InputPathsMap": {"instance": "$.detail.instance-id"},
                "InputTemplate": '{"rule": <aws.events.rule-name>, "arn": <aws.events.rule-arn>, '
                                 '"event": <aws.events.event>, "full": <aws.events.event.json>, '
                                 '"at": <aws.events.event.ingestion-time>, "i": <instance>}'}},
            {"Id": "input", "Arn": dests["input"], "Input": '{"constant": [1, 2, 3]}'},
            {"Id": "path", "Arn": dests["path"], "InputPath": "$.detail"},
            {"Id": "missing", "Arn": dests["missing"], "InputTransformer": {
                "InputPathsMap": {"nothere": "$.detail.absent"},
                "InputTemplate": '{"value": <nothere>, "text": "[<nothere>]"}'}},
        ])
        event_id = self.put(self.events, src, EC2_DETAIL)
        event = self.emu.wait_for_event(lambda e: e["id"] == event_id)
        predef = json.loads(self.receiver.wait_count(1, paths["predef"])[0]["body"])
        self.assertEqual(predef["rule"], name)
        self.assertEqual(predef["arn"], rule_arn)
        self.assertEqual(predef["full"], event)
        self.assertEqual(predef["event"], {k: v for k, v in event.items() if k != "detail"})
        self.assertEqual(predef["i"], "i-0123456789")
        self.assertRegex(predef["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
        self.assertEqual(self.receiver.wait_count(1, paths["input"])[0]["body"],
                         '{"constant": [1, 2, 3]}')
        self.assertEqual(json.loads(self.receiver.wait_count(1, paths["path"])[0]["body"]),
                         EC2_DETAIL)
        self.assertEqual(json.loads(self.receiver.wait_count(1, paths["missing"])[0]["body"]),
                         {"value": None, "text": "[]"})

    # ---- rules ----------------------------------------------------------------------------
    def test_disabled_rule_never_fires(self):
        on_path, off_path = "/" + self.unique("on"), "/" + self.unique("off")
        on = api_destination(self.events, self.unique("dest"), self.receiver.url + on_path)
        off = api_destination(self.events, self.unique("dest"), self.receiver.url + off_path)
        src = self.unique("my.disabled")
        _, on_arn = self.rule_with_targets(self.events, src, [{"Id": "on", "Arn": on}])
        off_name, off_arn = self.rule_with_targets(self.events, src, [{"Id": "off", "Arn": off}],
                                                   state="DISABLED")
        first = self.put(self.events, src)
        self.receiver.wait_count(1, on_path)
        self.delivery(first, "on", "succeeded")
        self.assertEqual(self.emu.deliveries(**{"rule-arn": off_arn}), [])
        self.assertEqual(self.receiver.received(off_path), [])
        # Enabled, it fires; disabled again, it stops.
        self.events.enable_rule(Name=off_name)
        second = self.put(self.events, src)
        self.receiver.wait_count(1, off_path)
        self.events.disable_rule(Name=off_name)
        third = self.put(self.events, src)
        self.delivery(third, "on", "succeeded")
        self.assertEqual([d["eventId"] for d in self.emu.deliveries(**{"rule-arn": off_arn})],
                         [second])
        self.assertEqual(len(self.receiver.received(on_path)), 3)

    # ---- retries and dead letters ---------------------------------------------------------
    def test_500_twice_then_200_is_received_on_the_third_attempt(self):
        path = "/" + self.unique("flaky")
        dest = api_destination(self.events, self.unique("dest"), self.receiver.url + path)
        src = self.unique("my.flaky")
        self.rule_with_targets(self.events, src, [{"Id": "flaky", "Arn": dest}])
        self.receiver.statuses.extend([500, 500])
        event_id = self.put(self.events, src)
        d = self.delivery(event_id, "flaky", "succeeded")
        self.assertEqual([a["statusCode"] for a in d["attempts"]], [500, 500, 200])
        requests = self.receiver.received(path)
        self.assertEqual(len(requests), 3)
        self.assertEqual({r["body"] for r in requests}, {requests[0]["body"]})
        self.assertEqual(json.loads(requests[0]["body"])["id"], event_id)

    def test_target_down_past_retry_policy_is_dead_lettered(self):
        dest = api_destination(self.events, self.unique("dest"), closed_port_url())
        dlq = f"arn:aws:sqs:us-east-1:{ACCOUNT}:my-dlq"
        src = self.unique("my.down")
        _, rule_arn = self.rule_with_targets(self.events, src, [
            {"Id": "down", "Arn": dest, "DeadLetterConfig": {"Arn": dlq},
             "RetryPolicy": {"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 3600}},
            {"Id": "nodlq", "Arn": dest, "RetryPolicy": {"MaximumRetryAttempts": 1}}])
        event_id = self.put(self.events, src)
        d = self.delivery(event_id, "down", "dead-lettered")
        self.assertEqual(d["attemptCount"], 3)
        self.assertTrue(all("errorCode" in a for a in d["attempts"]))
        self.assertEqual(d["deadLetter"]["arn"], dlq)
        attrs = d["deadLetter"]["attributes"]
        self.assertEqual(attrs["RULE_ARN"], rule_arn)
        self.assertEqual(attrs["TARGET_ARN"], dest)
        self.assertEqual(attrs["EXHAUSTED_RETRY_CONDITION"], "MaximumRetryAttempts")
        self.assertEqual(attrs["RETRY_ATTEMPTS"], "2")
        self.assertTrue(attrs["ERROR_CODE"])
        self.assertTrue(attrs["ERROR_MESSAGE"])
        dropped = self.delivery(event_id, "nodlq", "dropped")
        self.assertEqual(dropped["attemptCount"], 2)

    def test_non_retryable_status_goes_straight_to_the_dead_letter_queue(self):
        path = "/" + self.unique("bad")
        dest = api_destination(self.events, self.unique("dest"), self.receiver.url + path)
        src = self.unique("my.bad")
        self.rule_with_targets(self.events, src, [
            {"Id": "bad", "Arn": dest, "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:"
                                                                   f"{ACCOUNT}:dlq"}}])
        self.receiver.statuses.append(400)
        event_id = self.put(self.events, src)
        d = self.delivery(event_id, "bad", "dead-lettered")
        self.assertEqual(d["attemptCount"], 1)
        self.assertEqual(d["attempts"][0]["statusCode"], 400)
        self.assertNotIn("EXHAUSTED_RETRY_CONDITION", d["deadLetter"]["attributes"])
        self.assertEqual(d["deadLetter"]["attributes"]["RETRY_ATTEMPTS"], "0")

    def test_lambda_target_without_function_fails_and_is_dead_lettered(self):
        src = self.unique("my.lambda")
        fn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{self.unique('nofn')}"
        self.rule_with_targets(self.events, src, [
            {"Id": "fn", "Arn": fn, "DeadLetterConfig": {"Arn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:q"}}])
        event_id = self.put(self.events, src)
        d = self.delivery(event_id, "fn", "dead-lettered")
        self.assertEqual(d["deadLetter"]["attributes"]["ERROR_CODE"], "NO_RESOURCE")
        self.assertIn("ResourceNotFoundException", d["lastError"])

    def test_other_target_kinds_are_recorded_as_not_supported(self):
        src = self.unique("my.sqs")
        queue = f"arn:aws:sqs:us-east-1:{ACCOUNT}:some-queue"
        self.rule_with_targets(self.events, src, [{"Id": "q", "Arn": queue}])
        event_id = self.put(self.events, src)
        d = self.delivery(event_id, "q", "unsupported")
        self.assertEqual(d["targetArn"], queue)
        self.assertIn("sqs", d["lastError"])

    # ---- bus to bus -----------------------------------------------------------------------
    def test_cross_region_and_cross_account_bus_targets_deliver(self):
        west = self.emu.client("events", region="us-west-2", account=ACCOUNT)
        other = self.emu.client("events", region="eu-west-1", account=OTHER_ACCOUNT)
        west_path, other_path = "/" + self.unique("west"), "/" + self.unique("other")
        # Receiving side: us-west-2 default bus (same account), and another account's custom bus.
        west_dest = api_destination(west, self.unique("dest"), self.receiver.url + west_path)
        other_bus = self.unique("central")
        other_bus_arn = other.create_event_bus(Name=other_bus)["EventBusArn"]
        other_dest = api_destination(other, self.unique("dest"), self.receiver.url + other_path)
        src = self.unique("my.routed")
        self.rule_with_targets(west, src, [{"Id": "west", "Arn": west_dest}])
        self.rule_with_targets(other, src, [{"Id": "other", "Arn": other_dest}], bus=other_bus)
        # Sending side: one rule forwarding to both buses.
        west_bus_arn = f"arn:aws:events:us-west-2:{ACCOUNT}:event-bus/default"
        self.rule_with_targets(self.events, src, [{"Id": "to-west", "Arn": west_bus_arn},
                                                  {"Id": "to-other", "Arn": other_bus_arn}])
        event_id = self.put(self.events, src, {"routed": True})
        west_body = json.loads(self.receiver.wait_count(1, west_path)[0]["body"])
        other_body = json.loads(self.receiver.wait_count(1, other_path)[0]["body"])
        for body in (west_body, other_body):
            self.assertEqual(body["id"], event_id)
            self.assertEqual(body["account"], ACCOUNT)  # the source account is kept
            self.assertEqual(body["region"], "us-east-1")
            self.assertEqual(body["detail"], {"routed": True})
        self.assertEqual(self.delivery(event_id, "to-other", "succeeded")["attemptCount"], 1)
        seen = {(e["account"], e["region"], e["bus"])
                for e in self.emu.admin("GET", "events")["events"] if e["event"]["id"] == event_id}
        self.assertEqual(seen, {(ACCOUNT, "us-east-1", "default"), (ACCOUNT, "us-west-2", "default"),
                                (OTHER_ACCOUNT, "eu-west-1", other_bus)})

    def test_bus_loop_is_stopped(self):
        bus = self.unique("loop")
        bus_arn = self.events.create_event_bus(Name=bus)["EventBusArn"]
        src = self.unique("my.loop")
        self.rule_with_targets(self.events, src, [{"Id": "self", "Arn": bus_arn}], bus=bus)
        event_id = self.put(self.events, src, bus=bus)
        loop = wait_for(lambda: [d for d in self.emu.deliveries(**{"event-id": event_id})
                                 if d["status"] == "dropped"], 15, message="loop stopped")
        self.assertEqual(loop[0]["lastErrorCode"], "LOOP_DETECTED")
        copies = [e for e in self.emu.admin("GET", "events")["events"] if e["event"]["id"] == event_id]
        self.assertLessEqual(len(copies), 6)

    # ---- isolation ------------------------------------------------------------------------
    def test_slow_target_blocks_neither_the_api_nor_other_targets(self):
        slow_receiver = Receiver()
        try:
            slow_receiver.hold()
            slow = api_destination(self.events, self.unique("dest"), slow_receiver.url + "/slow")
            fast_path = "/" + self.unique("fast")
            fast = api_destination(self.events, self.unique("dest"), self.receiver.url + fast_path)
            src = self.unique("my.slow")
            self.rule_with_targets(self.events, src, [{"Id": "slow", "Arn": slow},
                                                      {"Id": "fast", "Arn": fast}])
            ids = [self.put(self.events, src, {"n": i}) for i in range(5)]
            # Every fast delivery arrives while the slow target holds its requests.
            self.receiver.wait_count(5, fast_path)
            self.assertEqual(slow_receiver.received(), [])
            self.assertTrue(self.events.list_rules(NamePrefix="rule")["Rules"])
            slow_receiver.release()
            for event_id in ids:
                self.delivery(event_id, "slow", "succeeded")
        finally:
            slow_receiver.close()

    # ---- scheduled rules ------------------------------------------------------------------
    def test_scheduled_rule_fires_on_the_emulator_clock(self):
        path = "/" + self.unique("sched")
        dest = api_destination(self.events, self.unique("dest"), self.receiver.url + path)
        name = self.unique("every-minute")
        arn = self.events.put_rule(Name=name, ScheduleExpression="rate(1 minute)")["RuleArn"]
        self.events.put_targets(Rule=name, Targets=[{"Id": "s", "Arn": dest}])
        self.emu.advance_clock(61)
        body = json.loads(self.receiver.wait_count(1, path)[0]["body"])
        self.assertEqual(body["source"], "aws.events")
        self.assertEqual(body["detail-type"], "Scheduled Event")
        self.assertEqual(body["resources"], [arn])
        self.assertEqual(body["detail"], {})
        self.events.disable_rule(Name=name)
        self.emu.advance_clock(120)
        self.emu.settle()
        self.assertEqual(len(self.receiver.received(path)), 1)


if __name__ == "__main__":
    unittest.main()
