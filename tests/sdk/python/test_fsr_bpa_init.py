"""Fast Snapshot Restore, block public access for snapshots and volume initialization through boto3:
EnableFastSnapshotRestores / DisableFastSnapshotRestores / DescribeFastSnapshotRestores (states
enabling -> optimizing -> enabled, disabling -> disabled, unsuccessful items, filters, paging, a
shared snapshot deleted or unshared by its owner), fastRestored volumes; EnableSnapshotBlockPublicAccess
/ DisableSnapshotBlockPublicAccess / GetSnapshotBlockPublicAccessState and their enforcement on
ModifySnapshotAttribute and on who sees public snapshots; CreateVolume's VolumeInitializationRate and
the initializeVolume event. Every event is asserted field by field (types included) as delivered by
rules written the way users write them to an HTTP (API destination) target."""
import datetime
import json
import re
import unittest

from botocore.exceptions import ClientError

from ebs_emulator import Emulator, wait_for
from eventbridge_receiver import Receiver, api_destination

A, B, C = "135791357913", "246824682468", "369036903690"
REGION = "us-east-1"
ARGS = ("--volume-ms", "50", "--snapshot-ms", "200", "--fsr-ms", "300", "--initialize-ms", "1500")
FAST = {"Delay": 0.05, "MaxAttempts": 200}
ENVELOPE_KEYS = ["version", "id", "detail-type", "source", "account", "time", "region",
                 "resources", "detail"]
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
ISO_S = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
FSR = "EBS Fast Snapshot Restore State-change Notification"
USER = "Client.UserInitiated"
LIFECYCLE = "Client.UserInitiated - Lifecycle state transition"
GONE = ("Client.InvalidSnapshot.InvalidState - The requested snapshot was deleted or access "
        "permissions were revoked")

# The rules, as users write them (path on the receiver -> (account, pattern)).
RULES = {
    "/fsr-a": (A, {"source": ["aws.ec2"], "detail-type": [FSR]}),
    "/fsr-b": (B, {"source": ["aws.ec2"], "detail-type": [FSR], "detail": {"state": [
        "disabling", "disabled"]}}),
    "/bpa": (C, {"source": ["aws.ec2"], "detail-type": [
        "EBS Snapshot Block Public Access Enabled", "EBS Snapshot Block Public Access Disabled"]}),
    "/init": (A, {"source": ["aws.ec2"], "detail-type": ["EBS Volume Notification"],
                  "detail": {"event": ["initializeVolume"], "result": ["succeeded"]}}),
}


class FsrBpaInitTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start(*ARGS)
        cls.receiver = Receiver()
        for n, (path, (account, pattern)) in enumerate(RULES.items()):
            events = cls.emu.client("events", region=REGION, account=account)
            dest = api_destination(events, f"dest{n}", cls.receiver.url + path)
            events.put_rule(Name=f"rule{n}", EventPattern=json.dumps(pattern))
            out = events.put_targets(Rule=f"rule{n}", Targets=[{"Id": "http", "Arn": dest}])
            assert out["FailedEntryCount"] == 0, out

    @classmethod
    def tearDownClass(cls):
        cls.receiver.close()
        cls.emu.close()

    # ---- helpers ---------------------------------------------------------------------------
    def ec2(self, account=A):
        return self.emu.client("ec2", region=REGION, account=account)

    def settle(self):
        """Every transition due in the next 10 s has run and every delivery is done."""
        out = self.emu.admin("POST", "settle", body={"timeoutSeconds": 30, "horizonSeconds": 10})
        self.assertTrue(out["settled"], out)

    def snapshot(self, account=A, size=8):
        ec2 = self.ec2(account)
        vid = ec2.create_volume(AvailabilityZone=REGION + "a", Size=size)["VolumeId"]
        ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=FAST)
        sid = ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[sid], WaiterConfig=FAST)
        return sid

    def error(self, call, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            call(**kwargs)
        return ctx.exception.response["Error"]["Code"], ctx.exception.response["Error"]["Message"]

    def delivered(self, path, predicate=lambda e: True, count=1):
        """The events the rule of `path` delivered that match `predicate`, once there are `count`."""
        def found():
            hits = [json.loads(r["body"]) for r in self.receiver.received(path)]
            hits = [e for e in hits if predicate(e)]
            return hits if len(hits) >= count else None
        return wait_for(found, timeout=20, message=f"{count} event(s) at {path}")

    def assert_envelope(self, event, detail_type, account, resources):
        self.assertEqual(list(event), ENVELOPE_KEYS)
        self.assertEqual(event["version"], "0")
        self.assertRegex(event["id"], UUID)
        self.assertEqual(event["detail-type"], detail_type)
        self.assertEqual(event["source"], "aws.ec2")
        self.assertEqual(event["account"], account)
        self.assertRegex(event["time"], ISO_S)
        self.assertEqual(event["region"], REGION)
        self.assertEqual(event["resources"], resources)
        # The recorded event is the delivered one.
        recorded = [e for e in self.emu.events(account=account) if e["id"] == event["id"]]
        self.assertEqual(recorded, [event])

    def assert_fsr_event(self, event, account, snapshot_id, state, zone, message):
        self.assert_envelope(event, FSR, account, [f"arn:aws:ec2:{REGION}::snapshot/{snapshot_id}"])
        self.assertEqual(event["detail"], {"snapshot-id": snapshot_id, "state": state,
                                           "zone": zone, "message": message})
        self.assertEqual(list(event["detail"]), ["snapshot-id", "state", "zone", "message"])
        for value in event["detail"].values():
            self.assertIsInstance(value, str)

    def fsr_events(self, path, snapshot_id, count):
        """The snapshot's FSR events delivered at `path`, in the order they were emitted (targets
        may receive them in another order)."""
        got = self.delivered(path, lambda e: e["detail"]["snapshot-id"] == snapshot_id, count)
        order = [e["id"] for e in self.emu.events(**{"detail-type": FSR})]
        return sorted(got, key=lambda e: order.index(e["id"]))

    def restores(self, account=A, **filters):
        flt = [{"Name": k.replace("_", "-"), "Values": v} for k, v in filters.items()]
        return self.ec2(account).describe_fast_snapshot_restores(Filters=flt)[
            "FastSnapshotRestores"]

    # ---- Fast Snapshot Restore -------------------------------------------------------------
    def test_enable_describe_fast_restored_volume_disable(self):
        ec2 = self.ec2()
        sid = self.snapshot()
        out = ec2.enable_fast_snapshot_restores(AvailabilityZones=[REGION + "a", REGION + "b"],
                                                SourceSnapshotIds=[sid])
        self.assertEqual(out["Unsuccessful"], [])
        self.assertEqual(len(out["Successful"]), 2)
        item = out["Successful"][0]
        self.assertEqual(set(item), {"SnapshotId", "AvailabilityZone", "State",
                                     "StateTransitionReason", "OwnerId", "EnablingTime"})
        self.assertEqual((item["SnapshotId"], item["AvailabilityZone"], item["State"],
                          item["StateTransitionReason"], item["OwnerId"]),
                         (sid, REGION + "a", "enabling", USER, A))
        self.assertIsInstance(item["EnablingTime"], datetime.datetime)
        self.assertEqual([r["AvailabilityZone"] for r in self.restores(snapshot_id=[sid])],
                         [REGION + "a", REGION + "b"])

        self.settle()
        rows = self.restores(snapshot_id=[sid])
        self.assertEqual([r["State"] for r in rows], ["enabled", "enabled"])
        self.assertEqual(rows[0]["StateTransitionReason"], LIFECYCLE)
        self.assertLess(rows[0]["EnablingTime"], rows[0]["OptimizingTime"])
        self.assertLess(rows[0]["OptimizingTime"], rows[0]["EnabledTime"])
        self.assertNotIn("DisablingTime", rows[0])

        events = self.fsr_events("/fsr-a", sid, 6)
        self.assertEqual([(e["detail"]["zone"][-1], e["detail"]["state"]) for e in events],
                         [("a", "enabling"), ("b", "enabling"), ("a", "optimizing"),
                          ("b", "optimizing"), ("a", "enabled"), ("b", "enabled")])
        self.assert_fsr_event(events[0], A, sid, "enabling", REGION + "a", USER)
        self.assert_fsr_event(events[2], A, sid, "optimizing", REGION + "a", LIFECYCLE)
        self.assert_fsr_event(events[5], A, sid, "enabled", REGION + "b", LIFECYCLE)

        # A volume from it in an FSR zone is fast-restored and never reports initialization; one
        # in another zone does.
        fast = ec2.create_volume(AvailabilityZone=REGION + "a", SnapshotId=sid)
        self.assertNotIn("FastRestored", fast)  # "not returned by CreateVolume"
        slow = ec2.create_volume(AvailabilityZone=REGION + "c", SnapshotId=sid)
        ec2.get_waiter("volume_available").wait(
            VolumeIds=[fast["VolumeId"], slow["VolumeId"]], WaiterConfig=FAST)
        self.settle()
        vols = {v["VolumeId"]: v for v in ec2.describe_volumes(
            VolumeIds=[fast["VolumeId"], slow["VolumeId"]])["Volumes"]}
        self.assertIs(vols[fast["VolumeId"]]["FastRestored"], True)
        self.assertIs(vols[slow["VolumeId"]]["FastRestored"], False)
        self.delivered("/init", lambda e: e["resources"][0].endswith("/" + slow["VolumeId"]))
        inits = [e for e in self.emu.events(account=A) if e["detail"].get("event") ==
                 "initializeVolume" and e["resources"][0].endswith("/" + fast["VolumeId"])]
        self.assertEqual(inits, [])

        # The owner cannot delete it while FSR is on.
        code, message = self.error(ec2.delete_snapshot, SnapshotId=sid)
        self.assertEqual(code, "InvalidSnapshot.InUse")
        self.assertEqual(message, f"The snapshot {sid} is currently enabled for fast restores in "
                                  f"{REGION}a. Fast snapshot restores must be disabled within all "
                                  "Availability Zones before the snapshot may be deleted.")

        out = ec2.disable_fast_snapshot_restores(AvailabilityZones=[REGION + "a", REGION + "b"],
                                                 SourceSnapshotIds=[sid])
        self.assertEqual([i["State"] for i in out["Successful"]], ["disabling", "disabling"])
        self.assertEqual(out["Successful"][0]["StateTransitionReason"], USER)
        self.assertIn("EnabledTime", out["Successful"][0])
        self.assertIn("DisablingTime", out["Successful"][0])
        self.settle()
        self.assertEqual(self.restores(snapshot_id=[sid]), [])
        events = self.fsr_events("/fsr-a", sid, 10)
        self.assert_fsr_event(events[6], A, sid, "disabling", REGION + "a", USER)
        self.assert_fsr_event(events[9], A, sid, "disabled", REGION + "b", LIFECYCLE)
        ec2.delete_snapshot(SnapshotId=sid)

    def test_unsuccessful_items_and_request_errors(self):
        ec2 = self.ec2()
        sid = self.snapshot()
        hidden = self.snapshot(account=B)
        missing = "snap-0123456789abcdef0"
        out = ec2.enable_fast_snapshot_restores(
            AvailabilityZones=[REGION + "a", "us-west-2a"], SourceSnapshotIds=[sid, missing, hidden])
        self.assertEqual([(i["SnapshotId"], i["State"]) for i in out["Successful"]],
                         [(sid, "enabling")])
        bad = {i["SnapshotId"]: i["FastSnapshotRestoreStateErrors"] for i in out["Unsuccessful"]}
        self.assertEqual(bad[sid], [{"AvailabilityZone": "us-west-2a", "Error": {
            "Code": "InvalidZone.NotFound", "Message": "The zone 'us-west-2a' does not exist."}}])
        self.assertEqual(bad[missing][0], {"AvailabilityZone": REGION + "a", "Error": {
            "Code": "InvalidSnapshot.NotFound",
            "Message": f"The snapshot '{missing}' does not exist."}})
        self.assertEqual(len(bad[missing]), 2)
        self.assertEqual(bad[hidden][0]["Error"]["Code"], "InvalidSnapshot.NotFound")
        # By zone id.
        out = ec2.disable_fast_snapshot_restores(AvailabilityZoneIds=["use1-az1", "use1-az7"],
                                                 SourceSnapshotIds=[sid])
        self.assertEqual(out["Successful"][0]["AvailabilityZone"], REGION + "a")
        self.assertEqual(out["Successful"][0]["State"], "disabling")
        self.assertEqual(out["Unsuccessful"][0]["FastSnapshotRestoreStateErrors"][0][
            "AvailabilityZoneId"], "use1-az7")

        cases = [
            (dict(AvailabilityZones=[REGION + "a"], SourceSnapshotIds=["bogus"]),
             "InvalidSnapshotID.Malformed"),
            (dict(SourceSnapshotIds=[sid]), "MissingParameter"),
            (dict(AvailabilityZones=[REGION + "a"], AvailabilityZoneIds=["use1-az1"],
                  SourceSnapshotIds=[sid]), "InvalidParameterCombination"),
            (dict(AvailabilityZones=[REGION + "a"], SourceSnapshotIds=[sid], DryRun=True),
             "DryRunOperation"),
        ]
        for kwargs, expected in cases:
            for call in (ec2.enable_fast_snapshot_restores, ec2.disable_fast_snapshot_restores):
                with self.subTest(call=call.__name__, expected=expected):
                    self.assertEqual(self.error(call, **kwargs)[0], expected)
        self.assertEqual(self.error(ec2.describe_fast_snapshot_restores,
                                    Filters=[{"Name": "zone", "Values": ["x"]}]),
                         ("InvalidFilter", "The filter 'zone' is invalid"))
        self.assertEqual(self.error(ec2.describe_fast_snapshot_restores, NextToken="garbage")[0],
                         "InvalidNextToken")
        self.assertEqual(self.error(ec2.describe_fast_snapshot_restores, MaxResults=201)[0],
                         "InvalidParameterValue")
        self.settle()

    def test_filters_and_paginator(self):
        ec2 = self.ec2(C)
        sids = [self.snapshot(account=C) for _ in range(2)]
        ec2.enable_fast_snapshot_restores(AvailabilityZones=[REGION + z for z in "abc"],
                                          SourceSnapshotIds=sids)
        pages = list(ec2.get_paginator("describe_fast_snapshot_restores").paginate(
            PaginationConfig={"PageSize": 4}))
        self.assertEqual([len(p["FastSnapshotRestores"]) for p in pages], [4, 2])
        self.assertIn("NextToken", pages[0])
        seen = [(r["SnapshotId"], r["AvailabilityZone"]) for p in pages
                for r in p["FastSnapshotRestores"]]
        self.assertEqual(seen, sorted((s, REGION + z) for s in sids for z in "abc"))
        self.assertEqual(len(self.restores(C, availability_zone=[REGION + "b"])), 2)
        self.assertEqual(len(self.restores(C, availability_zone_id=["use1-az3"])), 2)
        self.assertEqual(len(self.restores(C, owner_id=[C], snapshot_id=[sids[1]])), 3)
        self.assertEqual(self.restores(C, owner_id=[A]), [])
        self.assertEqual(self.restores(A, snapshot_id=sids), [])  # rows are the enabler's
        ec2.disable_fast_snapshot_restores(AvailabilityZones=[REGION + z for z in "abc"],
                                           SourceSnapshotIds=sids)
        self.assertEqual(len(self.restores(C, state=["disabling"])), 6)
        self.settle()
        self.assertEqual(self.restores(C), [])

    def test_shared_snapshot_deleted_or_unshared_by_its_owner(self):
        owner, user = self.ec2(A), self.ec2(B)
        deleted, unshared = self.snapshot(), self.snapshot()
        for sid in (deleted, unshared):
            owner.modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                            CreateVolumePermission={"Add": [{"UserId": B}]})
        out = user.enable_fast_snapshot_restores(AvailabilityZones=[REGION + "c"],
                                                 SourceSnapshotIds=[deleted, unshared])
        self.assertEqual([i["OwnerId"] for i in out["Successful"]], [B, B])
        self.settle()
        self.assertEqual([r["State"] for r in self.restores(B, snapshot_id=[deleted, unshared])],
                         ["enabled", "enabled"])

        owner.delete_snapshot(SnapshotId=deleted)  # another account's FSR does not stop the owner
        owner.modify_snapshot_attribute(SnapshotId=unshared, Attribute="createVolumePermission",
                                        CreateVolumePermission={"Remove": [{"UserId": B}]})
        rows = self.restores(B, snapshot_id=[deleted, unshared])
        self.assertEqual([(r["State"], r["StateTransitionReason"]) for r in rows],
                         [("disabling", GONE), ("disabling", GONE)])
        self.settle()
        self.assertEqual(self.restores(B, snapshot_id=[deleted, unshared]), [])
        for sid in (deleted, unshared):
            events = self.fsr_events("/fsr-b", sid, 2)  # the rule only wants disabling/disabled
            self.assertEqual(len(events), 2)
            self.assert_fsr_event(events[0], B, sid, "disabling", REGION + "c", GONE)
            self.assert_fsr_event(events[1], B, sid, "disabled", REGION + "c", GONE)

    # ---- block public access for snapshots -------------------------------------------------
    def bpa_event(self, state, message, n):
        detail_type = ("EBS Snapshot Block Public Access Disabled" if state == "unblocked"
                       else "EBS Snapshot Block Public Access Enabled")
        event = self.delivered("/bpa", count=n)[n - 1]
        self.assert_envelope(event, detail_type, C, [])
        self.assertEqual(list(event["detail"]), ["SnapshotBlockPublicAccessState", "message"])
        self.assertEqual(event["detail"], {"SnapshotBlockPublicAccessState": state,
                                           "message": message})

    def test_block_public_access(self):
        owner, other = self.ec2(C), self.ec2(B)
        public, fresh = self.snapshot(account=C), self.snapshot(account=C)
        owner.modify_snapshot_attribute(SnapshotId=public, Attribute="createVolumePermission",
                                        CreateVolumePermission={"Add": [{"Group": "all"}]})
        state = owner.get_snapshot_block_public_access_state()
        self.assertEqual((state["State"], state["ManagedBy"]), ("unblocked", "account"))

        self.assertEqual(owner.enable_snapshot_block_public_access(State="block-new-sharing")[
            "State"], "block-new-sharing")
        self.assertEqual(owner.get_snapshot_block_public_access_state()["State"],
                         "block-new-sharing")
        self.assertEqual(other.get_snapshot_block_public_access_state()["State"], "unblocked")
        self.bpa_event("block-new-sharing",
                       "Block Public Access was successfully enabled in 'block-new-sharing' mode", 1)
        code, message = self.error(owner.modify_snapshot_attribute, SnapshotId=fresh,
                                   Attribute="createVolumePermission",
                                   CreateVolumePermission={"Add": [{"Group": "all"}]})
        self.assertEqual(code, "OperationNotPermitted")
        self.assertIn("block public access for snapshots is enabled", message)
        code, _ = self.error(owner.modify_snapshot_attribute, SnapshotId=fresh,
                             Attribute="createVolumePermission", OperationType="add",
                             GroupNames=["all"])
        self.assertEqual(code, "OperationNotPermitted")
        owner.modify_snapshot_attribute(SnapshotId=fresh, Attribute="createVolumePermission",
                                        CreateVolumePermission={"Add": [{"UserId": B}]})
        self.assertEqual(len(other.describe_snapshots(SnapshotIds=[public])["Snapshots"]), 1)

        owner.enable_snapshot_block_public_access(State="block-all-sharing")
        self.bpa_event("block-all-sharing",
                       "Block Public Access was successfully enabled in 'block-all-sharing' mode", 2)
        self.assertEqual(other.describe_snapshots(SnapshotIds=[public])["Snapshots"], [])
        self.assertEqual(other.describe_snapshots(RestorableByUserIds=["all"], OwnerIds=[C])[
            "Snapshots"], [])
        self.assertEqual([s["SnapshotId"] for s in other.describe_snapshots(OwnerIds=[C])[
            "Snapshots"]], [fresh])
        self.assertEqual(self.error(other.create_volume, AvailabilityZone=REGION + "a",
                                    SnapshotId=public)[0], "InvalidSnapshot.NotFound")
        # The attribute still says public.
        perms = owner.describe_snapshot_attribute(SnapshotId=public,
                                                  Attribute="createVolumePermission")
        self.assertEqual(perms["CreateVolumePermissions"], [{"Group": "all"}])

        code, message = self.error(owner.enable_snapshot_block_public_access, State="unblocked")
        self.assertEqual((code, message), (
            "InvalidRequest", "Value 'unblocked' for State is not valid. Valid values are "
                              "'block-all-sharing' and 'block-new-sharing'."))
        self.assertEqual(self.error(owner.disable_snapshot_block_public_access, DryRun=True)[0],
                         "DryRunOperation")

        self.assertEqual(owner.disable_snapshot_block_public_access()["State"], "unblocked")
        self.bpa_event("unblocked", "Block Public Access was successfully disabled", 3)
        self.assertEqual(len(other.describe_snapshots(SnapshotIds=[public])["Snapshots"]), 1)
        owner.modify_snapshot_attribute(SnapshotId=fresh, Attribute="createVolumePermission",
                                        CreateVolumePermission={"Add": [{"Group": "all"}]})

    # ---- volume initialization -------------------------------------------------------------
    def test_initialize_volume_event_rate_and_deletion(self):
        ec2 = self.ec2()
        sid = self.snapshot(size=10)
        out = ec2.create_volume(AvailabilityZone=REGION + "b", SnapshotId=sid,
                                VolumeInitializationRate=250)
        vid, request_id = out["VolumeId"], out["ResponseMetadata"]["RequestId"]
        self.assertEqual(out["VolumeInitializationRate"], 250)
        doomed = ec2.create_volume(AvailabilityZone=REGION + "b", SnapshotId=sid)["VolumeId"]
        plain = ec2.create_volume(AvailabilityZone=REGION + "b", Size=10)["VolumeId"]
        ec2.get_waiter("volume_available").wait(VolumeIds=[vid, doomed, plain], WaiterConfig=FAST)
        ec2.delete_volume(VolumeId=doomed)  # well before its initialization ends
        vol = ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]
        self.assertEqual(vol["VolumeInitializationRate"], 250)
        self.assertIs(vol["FastRestored"], False)
        self.assertNotIn("VolumeInitializationRate",
                         ec2.describe_volumes(VolumeIds=[plain])["Volumes"][0])

        event = self.delivered("/init", lambda e: e["resources"][0].endswith("/" + vid))[0]
        self.assert_envelope(event, "EBS Volume Notification", A,
                             [f"arn:aws:ec2:{REGION}:{A}:volume/{vid}"])
        self.assertEqual(list(event["detail"]), ["event", "result", "completionTime", "request-id"])
        self.assertEqual(event["detail"]["event"], "initializeVolume")
        self.assertEqual(event["detail"]["result"], "succeeded")
        self.assertEqual(event["detail"]["request-id"], request_id)
        self.assertRegex(event["detail"]["completionTime"], ISO_S)
        self.assertEqual(event["detail"]["completionTime"], event["time"])
        self.settle()
        mine = [e for e in self.emu.events(account=A) if e["detail"].get("event") ==
                "initializeVolume" and re.search(f"/({doomed}|{plain}|{vid})$", e["resources"][0])]
        self.assertEqual([e["resources"][0].rsplit("/", 1)[1] for e in mine], [vid])

        self.assertEqual(self.error(ec2.create_volume, AvailabilityZone=REGION + "a",
                                    SnapshotId=sid, VolumeInitializationRate=99)[0],
                         "InvalidParameterValue")
        self.assertEqual(self.error(ec2.create_volume, AvailabilityZone=REGION + "a", Size=8,
                                    VolumeInitializationRate=100)[0],
                         "InvalidParameterCombination")

    # ---- fixtures --------------------------------------------------------------------------
    def test_fixture_round_trip(self):
        d = "480248024802"
        region_doc = {
            "volumes": [{"volumeId": "vol-0f5a0000000000001", "availabilityZone": REGION + "a",
                         "size": 8}],
            "snapshots": [{"snapshotId": "snap-0f5a0000000000001",
                           "volumeId": "vol-0f5a0000000000001", "state": "completed"}],
            "fastSnapshotRestores": [{"snapshotId": "snap-0f5a0000000000001",
                                      "availabilityZone": REGION + "b", "state": "enabled",
                                      "enablingTime": "2025-01-02T03:00:00.000Z",
                                      "optimizingTime": "2025-01-02T03:01:00.000Z",
                                      "enabledTime": "2025-01-02T03:04:05.000Z"}],
            "snapshotBlockPublicAccess": [{"state": "block-new-sharing"}],
        }
        self.emu.load_fixture({"accounts": {d: {"regions": {REGION: region_doc}}}})
        ec2 = self.ec2(d)
        rows = self.restores(d)
        self.assertEqual([(r["SnapshotId"], r["AvailabilityZone"], r["State"]) for r in rows],
                         [("snap-0f5a0000000000001", REGION + "b", "enabled")])
        self.assertEqual(rows[0]["EnabledTime"].isoformat(), "2025-01-02T03:04:05+00:00")
        self.assertEqual(ec2.get_snapshot_block_public_access_state()["State"], "block-new-sharing")
        vid = ec2.create_volume(AvailabilityZone=REGION + "b",
                                SnapshotId="snap-0f5a0000000000001")["VolumeId"]
        self.assertIs(ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]["FastRestored"], True)
        self.assertEqual([e for e in self.emu.events(account=d) if "Fast Snapshot" in
                          e["detail-type"] or "Block Public" in e["detail-type"]], [])
        exported = self.emu.state()["accounts"][d]["regions"][REGION]
        for section in ("fastSnapshotRestores", "snapshotBlockPublicAccess"):
            self.assertEqual(exported[section], region_doc[section])

        bad = {"accounts": {d: {"regions": {REGION: {"fastSnapshotRestores": [
            {"snapshotId": "snap-0f5a0000000000001", "availabilityZone": REGION + "b",
             "state": "enabling"}]}}}}}
        res = self.emu.admin("POST", "fixtures", body=bad, expect=(400,))
        self.assertEqual(res["error"], "InvalidFixture")
        self.assertIn("fastSnapshotRestores[0].state", res["message"])
        self.emu.reset(account=d)
        self.assertEqual(self.restores(d), [])
        self.assertEqual(ec2.get_snapshot_block_public_access_state()["State"], "unblocked")


if __name__ == "__main__":
    unittest.main()
