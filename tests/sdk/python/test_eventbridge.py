"""EventBridge control plane through boto3: buses, rules, targets, tags, PutEvents validation,
connections and API destinations, with AWS's error codes and messages."""
import json
import unittest

from botocore.exceptions import ClientError

from ebs_emulator import Emulator

ACCOUNT = "111111111111"
PATTERN = json.dumps({"source": ["my.app"]})


class EventBridgeApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start("--max-rules-per-bus", "300")
        cls.events = cls.emu.client("events", account=ACCOUNT)

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def assertError(self, code, message, fn, *args, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(*args, **kwargs)
        err = ctx.exception.response["Error"]
        self.assertEqual(err["Code"], code, err)
        if message is not None:
            self.assertEqual(err["Message"], message)
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        return err

    # ---- buses ----------------------------------------------------------------------------
    def test_default_bus_exists_and_custom_bus_lifecycle(self):
        default = self.events.describe_event_bus()
        self.assertEqual(default["Name"], "default")
        self.assertEqual(default["Arn"], f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default")
        arn = self.events.create_event_bus(Name="orders", Description="order events",
                                           Tags=[{"Key": "team", "Value": "a"}])["EventBusArn"]
        self.assertEqual(arn, f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/orders")
        described = self.events.describe_event_bus(Name="orders")
        self.assertEqual((described["Name"], described["Arn"], described["Description"]),
                         ("orders", arn, "order events"))
        self.assertIn("CreationTime", described)
        self.assertEqual(self.events.describe_event_bus(Name=arn)["Name"], "orders")
        names = [b["Name"] for b in self.events.list_event_buses()["EventBuses"]]
        self.assertIn("default", names)
        self.assertIn("orders", names)
        self.assertEqual([b["Name"] for b in self.events.list_event_buses(NamePrefix="ord")
                          ["EventBuses"]], ["orders"])
        self.assertEqual(self.events.list_tags_for_resource(ResourceARN=arn)["Tags"],
                         [{"Key": "team", "Value": "a"}])
        self.assertError("ResourceAlreadyExistsException", "Event bus orders already exists.",
                         self.events.create_event_bus, Name="orders")
        self.events.delete_event_bus(Name="orders")
        self.assertError("ResourceNotFoundException", "Event bus orders does not exist.",
                         self.events.describe_event_bus, Name="orders")
        self.events.delete_event_bus(Name="orders")  # idempotent
        # Another region and another account do not see it.
        west = self.emu.client("events", region="us-west-2", account=ACCOUNT)
        self.assertEqual([b["Name"] for b in west.list_event_buses()["EventBuses"]], ["default"])

    def test_bus_errors(self):
        self.assertError("ValidationException", "Cannot delete event bus default.",
                         self.events.delete_event_bus, Name="default")
        self.assertError("ResourceAlreadyExistsException", "Event bus default already exists.",
                         self.events.create_event_bus, Name="default")
        err = self.assertError("ValidationException", None, self.events.create_event_bus,
                               Name="bad name!")
        self.assertEqual(err["Message"],
                         "1 validation error detected: Value 'bad name!' at 'name' failed to "
                         "satisfy constraint: Member must satisfy regular expression pattern: "
                         "[/\\.\\-_A-Za-z0-9]+")

    def test_list_event_buses_pages(self):
        for i in range(3):
            self.events.create_event_bus(Name=f"page-bus-{i}")
        first = self.events.list_event_buses(NamePrefix="page-bus-", Limit=2)
        self.assertEqual([b["Name"] for b in first["EventBuses"]], ["page-bus-0", "page-bus-1"])
        second = self.events.list_event_buses(NamePrefix="page-bus-", Limit=2,
                                              NextToken=first["NextToken"])
        self.assertEqual([b["Name"] for b in second["EventBuses"]], ["page-bus-2"])
        self.assertNotIn("NextToken", second)
        paginator = self.events.get_paginator("list_event_buses") if self.events.can_paginate(
            "list_event_buses") else None
        if paginator:
            names = [b["Name"] for p in paginator.paginate(NamePrefix="page-bus-",
                                                            PaginationConfig={"PageSize": 1})
                     for b in p["EventBuses"]]
            self.assertEqual(names, ["page-bus-0", "page-bus-1", "page-bus-2"])

    # ---- rules ----------------------------------------------------------------------------
    def test_rule_lifecycle_and_upsert(self):
        arn = self.events.put_rule(Name="r1", EventPattern=PATTERN, Description="first",
                                   Tags=[{"Key": "k", "Value": "v"}])["RuleArn"]
        self.assertEqual(arn, f"arn:aws:events:us-east-1:{ACCOUNT}:rule/r1")
        rule = self.events.describe_rule(Name="r1")
        self.assertEqual(rule["Name"], "r1")
        self.assertEqual(rule["Arn"], arn)
        self.assertEqual(rule["EventPattern"], PATTERN)
        self.assertEqual(rule["State"], "ENABLED")
        self.assertEqual(rule["Description"], "first")
        self.assertEqual(rule["EventBusName"], "default")
        self.assertEqual(rule["CreatedBy"], ACCOUNT)
        # Upsert: omitted fields reset.
        self.events.put_rule(Name="r1", EventPattern=PATTERN, State="DISABLED")
        rule = self.events.describe_rule(Name="r1")
        self.assertNotIn("Description", rule)
        self.assertEqual(rule["State"], "DISABLED")
        self.assertEqual(self.events.list_tags_for_resource(ResourceARN=arn)["Tags"],
                         [{"Key": "k", "Value": "v"}])
        self.events.enable_rule(Name="r1")
        self.assertEqual(self.events.describe_rule(Name="r1")["State"], "ENABLED")
        self.events.disable_rule(Name="r1")
        self.assertEqual(self.events.describe_rule(Name="r1")["State"], "DISABLED")
        self.events.delete_rule(Name="r1")
        self.assertError("ResourceNotFoundException", "Rule r1 does not exist on EventBus default.",
                         self.events.describe_rule, Name="r1")
        self.events.delete_rule(Name="r1")  # idempotent

    def test_rules_on_custom_bus(self):
        self.events.create_event_bus(Name="rules-bus")
        arn = self.events.put_rule(Name="r", EventBusName="rules-bus", EventPattern=PATTERN)["RuleArn"]
        self.assertEqual(arn, f"arn:aws:events:us-east-1:{ACCOUNT}:rule/rules-bus/r")
        self.assertEqual(self.events.describe_rule(Name="r", EventBusName="rules-bus")
                         ["EventBusName"], "rules-bus")
        self.assertError("ResourceNotFoundException", "Rule r does not exist on EventBus default.",
                         self.events.describe_rule, Name="r")
        self.assertError("ResourceNotFoundException", "Event bus nope does not exist.",
                         self.events.put_rule, Name="r", EventBusName="nope", EventPattern=PATTERN)
        self.assertError("ValidationException",
                         "ScheduleExpression is supported only on the default event bus.",
                         self.events.put_rule, Name="s", EventBusName="rules-bus",
                         ScheduleExpression="rate(5 minutes)")

    def test_put_rule_validation(self):
        self.assertError("ValidationException",
                         "Parameter(s) EventPattern or ScheduleExpression must be specified.",
                         self.events.put_rule, Name="x")
        self.assertError("ValidationException", "Parameter ScheduleExpression is not valid.",
                         self.events.put_rule, Name="x", ScheduleExpression="rate(5 minute)")
        self.assertError("ValidationException", "Parameter ScheduleExpression is not valid.",
                         self.events.put_rule, Name="x", ScheduleExpression="cron(0 12 * * * *)")
        for ok in ("rate(1 minute)", "rate(2 hours)", "cron(0 12 * * ? *)",
                   "cron(0/15 8-17 ? * MON-FRI *)"):
            self.events.put_rule(Name="sched", ScheduleExpression=ok)
            self.assertEqual(self.events.describe_rule(Name="sched")["ScheduleExpression"], ok)
        self.events.delete_rule(Name="sched")
        err = self.assertError("InvalidEventPatternException", None, self.events.put_rule,
                               Name="x", EventPattern='{"source": "aws.ec2"}')
        self.assertTrue(err["Message"].startswith("Event pattern is not valid. Reason: "), err)
        err = self.assertError("ValidationException", None, self.events.put_rule, Name="a b",
                               EventPattern=PATTERN)
        self.assertIn("at 'name' failed to satisfy constraint: Member must satisfy regular "
                      "expression pattern: [\\.\\-_A-Za-z0-9]+", err["Message"])

    def test_list_rules_prefix_and_paging(self):
        for i in range(5):
            self.events.put_rule(Name=f"list-{i}", EventPattern=PATTERN)
        page = self.events.list_rules(NamePrefix="list-", Limit=2)
        self.assertEqual([r["Name"] for r in page["Rules"]], ["list-0", "list-1"])
        self.assertNotIn("CreatedBy", page["Rules"][0])
        names = [r["Name"] for p in self.events.get_paginator("list_rules").paginate(
            NamePrefix="list-", PaginationConfig={"PageSize": 2}) for r in p["Rules"]]
        self.assertEqual(names, [f"list-{i}" for i in range(5)])
        self.assertError("ValidationException", "The NextToken provided is not valid.",
                         self.events.list_rules, NextToken="garbage")

    # ---- targets --------------------------------------------------------------------------
    def test_targets(self):
        self.events.put_rule(Name="t", EventPattern=PATTERN)
        q = f"arn:aws:sqs:us-east-1:{ACCOUNT}:q"
        out = self.events.put_targets(Rule="t", Targets=[
            {"Id": "a", "Arn": q, "Input": '{"x": 1}'},
            {"Id": "b", "Arn": q, "InputPath": "$.detail",
             "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 120},
             "DeadLetterConfig": {"Arn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:dlq"}}])
        self.assertEqual(out, {"FailedEntryCount": 0, "FailedEntries": [],
                               "ResponseMetadata": out["ResponseMetadata"]})
        targets = self.events.list_targets_by_rule(Rule="t")["Targets"]
        self.assertEqual([t["Id"] for t in targets], ["a", "b"])
        self.assertEqual(targets[1]["RetryPolicy"],
                         {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 120})
        # Same Id updates.
        self.events.put_targets(Rule="t", Targets=[{"Id": "a", "Arn": q, "Input": '"y"'}])
        targets = self.events.list_targets_by_rule(Rule="t")["Targets"]
        self.assertEqual(len(targets), 2)
        self.assertEqual(targets[0]["Input"], '"y"')
        self.assertEqual(self.events.list_rule_names_by_target(TargetArn=q)["RuleNames"], ["t"])
        self.assertError("ValidationException", "Rule can't be deleted since it has targets.",
                         self.events.delete_rule, Name="t")
        out = self.events.remove_targets(Rule="t", Ids=["a", "zzz"])
        self.assertEqual(out["FailedEntryCount"], 1)
        self.assertEqual(out["FailedEntries"], [{
            "TargetId": "zzz", "ErrorCode": "ResourceNotFoundException",
            "ErrorMessage": "Rule 't' does not have a target with the Id 'zzz'."}])
        self.events.remove_targets(Rule="t", Ids=["b"])
        self.events.delete_rule(Name="t")

    def test_target_validation(self):
        self.events.put_rule(Name="tv", EventPattern=PATTERN)
        q = f"arn:aws:sqs:us-east-1:{ACCOUNT}:q"
        self.assertError("LimitExceededException",
                         "The requested resource exceeds the maximum number allowed.",
                         self.events.put_targets, Rule="tv",
                         Targets=[{"Id": str(i), "Arn": q} for i in range(6)])
        self.assertEqual(self.events.list_targets_by_rule(Rule="tv")["Targets"], [])
        self.assertError("ValidationException",
                         "Only one of Input, InputPath, or InputTransformer must be provided for "
                         "target a.",
                         self.events.put_targets, Rule="tv",
                         Targets=[{"Id": "a", "Arn": q, "Input": "{}", "InputPath": "$.detail"}])
        self.assertError("ValidationException",
                         "InputTemplate for target a contains invalid placeholder nope.",
                         self.events.put_targets, Rule="tv", Targets=[{
                             "Id": "a", "Arn": q, "InputTransformer": {
                                 "InputPathsMap": {"x": "$.detail"},
                                 "InputTemplate": '{"a": <x>, "b": <nope>}'}}])
        self.assertError("ValidationException",
                         "1 validation error detected: Value 'bad id' at 'targets.1.member.id' "
                         "failed to satisfy constraint: Member must satisfy regular expression "
                         "pattern: [\\.\\-_A-Za-z0-9]+",
                         self.events.put_targets, Rule="tv", Targets=[{"Id": "bad id", "Arn": q}])
        self.assertError("ResourceNotFoundException", "Rule nope does not exist on EventBus default.",
                         self.events.put_targets, Rule="nope", Targets=[{"Id": "a", "Arn": q}])

    # ---- tags -----------------------------------------------------------------------------
    def test_tags(self):
        arn = self.events.put_rule(Name="tagged", EventPattern=PATTERN)["RuleArn"]
        self.events.tag_resource(ResourceARN=arn, Tags=[{"Key": "a", "Value": "1"},
                                                        {"Key": "b", "Value": "2"}])
        self.events.untag_resource(ResourceARN=arn, TagKeys=["a"])
        self.assertEqual(self.events.list_tags_for_resource(ResourceARN=arn)["Tags"],
                         [{"Key": "b", "Value": "2"}])
        self.assertError("ValidationException", "Invalid parameter: Duplicated keys are not allowed.",
                         self.events.tag_resource, ResourceARN=arn,
                         Tags=[{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}])
        self.assertError("ResourceNotFoundException",
                         "Rule missing does not exist on EventBus default.",
                         self.events.list_tags_for_resource,
                         ResourceARN=f"arn:aws:events:us-east-1:{ACCOUNT}:rule/missing")

    # ---- PutEvents ------------------------------------------------------------------------
    def test_put_events_entries(self):
        out = self.events.put_events(Entries=[
            {"Source": "my.app", "DetailType": "ok", "Detail": '{"a": 1}'},
            {"Source": "my.app", "Detail": '{"a": 1}'},
            {"DetailType": "x", "Detail": "{}"},
            {"Source": "my.app", "DetailType": "x"},
            {"Source": "my.app", "DetailType": "x", "Detail": "[1]"},
            {"Source": "my.app", "DetailType": "x", "Detail": "not json"},
            {"Source": "aws.ec2", "DetailType": "x", "Detail": "{}"},
            {"Source": "my.app", "DetailType": "x", "Detail": "{}", "EventBusName": "nope"},
        ])
        self.assertEqual(out["FailedEntryCount"], 7)
        entries = out["Entries"]
        self.assertRegex(entries[0]["EventId"], r"^[0-9a-f-]{36}$")
        self.assertEqual(entries[1], {"ErrorCode": "InvalidArgument", "ErrorMessage":
                                      "Parameter DetailType is not valid. Reason: DetailType is a "
                                      "required argument."})
        self.assertEqual(entries[2]["ErrorMessage"],
                         "Parameter Source is not valid. Reason: Source is a required argument.")
        self.assertEqual(entries[3]["ErrorMessage"],
                         "Parameter Detail is not valid. Reason: Detail is a required argument.")
        self.assertEqual(entries[4], {"ErrorCode": "MalformedDetail",
                                      "ErrorMessage": "Detail is malformed."})
        self.assertEqual(entries[5]["ErrorCode"], "MalformedDetail")
        self.assertEqual(entries[6]["ErrorCode"], "NotAuthorizedForSourceException")
        self.assertEqual(entries[7]["ErrorCode"], "ResourceNotFoundException")
        event = self.emu.wait_for_event(lambda e: e["id"] == entries[0]["EventId"])
        self.assertEqual(event["source"], "my.app")
        self.assertEqual(event["detail"], {"a": 1})
        self.assertEqual(event["account"], ACCOUNT)

    def test_put_events_limits_and_time(self):
        entry = {"Source": "my.app", "DetailType": "x", "Detail": "{}"}
        err = self.assertError("ValidationException", None, self.events.put_events,
                               Entries=[entry] * 11)
        self.assertIn("at 'entries' failed to satisfy constraint: Member must have length less "
                      "than or equal to 10", err["Message"])
        big = dict(entry, Detail=json.dumps({"x": "a" * 200_000}))
        self.assertError("ValidationException",
                         "Total size of the entries in the request is over the limit.",
                         self.events.put_events, Entries=[big, big])
        import datetime
        when = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
        out = self.events.put_events(Entries=[dict(entry, Time=when, Resources=["r1", "r2"])])
        event = self.emu.wait_for_event(lambda e: e["id"] == out["Entries"][0]["EventId"])
        self.assertEqual(event["time"], "2024-05-06T07:08:09Z")
        self.assertEqual(event["resources"], ["r1", "r2"])

    # ---- TestEventPattern -----------------------------------------------------------------
    def test_test_event_pattern(self):
        event = json.dumps({"id": "1", "account": ACCOUNT, "source": "my.app", "time":
                            "2024-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
                            "detail-type": "x", "detail": {"size": 5}})
        self.assertTrue(self.events.test_event_pattern(
            EventPattern='{"detail": {"size": [{"numeric": [">", 1]}]}}', Event=event)["Result"])
        self.assertFalse(self.events.test_event_pattern(
            EventPattern='{"source": ["other"]}', Event=event)["Result"])
        self.assertError("InvalidEventPatternException", None, self.events.test_event_pattern,
                         EventPattern='{"source": "my.app"}', Event=event)
        self.assertError("ValidationException", "Parameter Event is not valid.",
                         self.events.test_event_pattern, EventPattern='{"source": ["x"]}',
                         Event='{"source": "x"}')

    # ---- connections and API destinations -------------------------------------------------
    def test_connections_and_api_destinations(self):
        conn = self.events.create_connection(
            Name="c1", AuthorizationType="API_KEY", Description="key",
            AuthParameters={"ApiKeyAuthParameters": {"ApiKeyName": "x-key", "ApiKeyValue": "s3cr3t"}})
        self.assertEqual(conn["ConnectionState"], "AUTHORIZED")
        self.assertRegex(conn["ConnectionArn"],
                         rf"^arn:aws:events:us-east-1:{ACCOUNT}:connection/c1/[0-9a-f-]{{36}}$")
        described = self.events.describe_connection(Name="c1")
        self.assertEqual(described["AuthParameters"], {"ApiKeyAuthParameters": {"ApiKeyName": "x-key"}})
        self.assertNotIn("s3cr3t", json.dumps(described, default=str))
        self.assertEqual([c["Name"] for c in self.events.list_connections()["Connections"]], ["c1"])
        self.assertError("ResourceAlreadyExistsException", "Connection c1 already exists.",
                         self.events.create_connection, Name="c1", AuthorizationType="API_KEY",
                         AuthParameters={"ApiKeyAuthParameters": {"ApiKeyName": "a",
                                                                  "ApiKeyValue": "b"}})
        dest = self.events.create_api_destination(
            Name="d1", ConnectionArn=conn["ConnectionArn"], InvocationEndpoint="http://127.0.0.1:9/x",
            HttpMethod="PUT", InvocationRateLimitPerSecond=10)
        self.assertEqual(dest["ApiDestinationState"], "ACTIVE")
        d = self.events.describe_api_destination(Name="d1")
        self.assertEqual((d["HttpMethod"], d["InvocationEndpoint"], d["InvocationRateLimitPerSecond"],
                          d["ConnectionArn"]),
                         ("PUT", "http://127.0.0.1:9/x", 10, conn["ConnectionArn"]))
        self.events.update_api_destination(Name="d1", HttpMethod="POST")
        self.assertEqual(self.events.describe_api_destination(Name="d1")["HttpMethod"], "POST")
        self.assertEqual([x["Name"] for x in self.events.list_api_destinations()["ApiDestinations"]],
                         ["d1"])
        self.events.update_connection(Name="c1", Description="changed")
        self.assertEqual(self.events.describe_connection(Name="c1")["Description"], "changed")
        self.events.delete_api_destination(Name="d1")
        self.assertError("ResourceNotFoundException", None, self.events.describe_api_destination,
                         Name="d1")
        self.assertEqual(self.events.delete_connection(Name="c1")["ConnectionState"], "DELETING")
        self.assertError("ResourceNotFoundException", None, self.events.describe_connection,
                         Name="c1")


if __name__ == "__main__":
    unittest.main()
