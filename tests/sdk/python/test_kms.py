"""KMS JSON 1.1 API (TrentService) through boto3, the AWS CLI and raw HTTP: KeyMetadata shape and types,
the key state machine with AWS's errors and messages, deletion at the end of the waiting period on the
emulator's clock (aliases go with the key), imported key material, aliases, tags, pagination and the AWS
managed alias/aws/ebs key."""
import datetime
import json
import unittest
import urllib.error
import urllib.request

from botocore.exceptions import ClientError

from ebs_emulator import Emulator, wait_for

ACCOUNT = "111111111111"
REGION = "eu-west-1"
KEY_METADATA_FIELDS = {
    "AWSAccountId", "KeyId", "Arn", "CreationDate", "Enabled", "Description", "KeyUsage",
    "KeyState", "Origin", "KeyManager", "CustomerMasterKeySpec", "KeySpec",
    "EncryptionAlgorithms", "MultiRegion"}


class KmsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator.start()
        cls.kms = cls.emu.client("kms", region=REGION, account=ACCOUNT)

    @classmethod
    def tearDownClass(cls):
        cls.emu.close()

    def error(self, call, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            call(**kwargs)
        err = ctx.exception.response["Error"]
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        return err["Code"], err["Message"]

    def raw(self, target, body):
        """A JSON 1.1 request as the SDKs send it; returns the parsed response body."""
        req = urllib.request.Request(
            self.emu.endpoint + "/", data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/x-amz-json-1.1",
                     "X-Amz-Target": "TrentService." + target,
                     "Authorization": f"AWS4-HMAC-SHA256 Credential={ACCOUNT}/20250101/{REGION}/"
                                      "kms/aws4_request, SignedHeaders=host, Signature=00"})
        with urllib.request.urlopen(req) as resp:
            self.assertEqual(resp.headers["Content-Type"], "application/x-amz-json-1.1")
            self.assertTrue(resp.headers["x-amzn-RequestId"])
            return json.loads(resp.read())

    def test_create_key_metadata_is_botocore_shaped(self):
        before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
        meta = self.kms.create_key(Description="app key")["KeyMetadata"]
        self.assertEqual(set(meta), KEY_METADATA_FIELDS)
        self.assertEqual(meta["AWSAccountId"], ACCOUNT)
        self.assertRegex(meta["KeyId"], r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertEqual(meta["Arn"], f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{meta['KeyId']}")
        self.assertIsInstance(meta["CreationDate"], datetime.datetime)
        self.assertGreaterEqual(meta["CreationDate"], before)
        self.assertIs(meta["Enabled"], True)
        self.assertEqual(meta["Description"], "app key")
        self.assertEqual((meta["KeyUsage"], meta["KeyState"], meta["Origin"], meta["KeyManager"]),
                         ("ENCRYPT_DECRYPT", "Enabled", "AWS_KMS", "CUSTOMER"))
        self.assertEqual((meta["KeySpec"], meta["CustomerMasterKeySpec"]),
                         ("SYMMETRIC_DEFAULT", "SYMMETRIC_DEFAULT"))
        self.assertEqual(meta["EncryptionAlgorithms"], ["SYMMETRIC_DEFAULT"])
        self.assertIs(meta["MultiRegion"], False)
        # On the wire, dates are epoch seconds as JSON numbers.
        raw = self.raw("DescribeKey", {"KeyId": meta["KeyId"]})["KeyMetadata"]
        self.assertIsInstance(raw["CreationDate"], (int, float))
        self.assertNotIsInstance(raw["CreationDate"], bool)
        self.assertAlmostEqual(raw["CreationDate"], meta["CreationDate"].timestamp(), places=2)

    def test_asymmetric_and_hmac_specs_report_their_algorithms(self):
        rsa = self.kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
        self.assertIn("RSASSA_PSS_SHA_256", rsa["SigningAlgorithms"])
        self.assertNotIn("EncryptionAlgorithms", rsa)
        hmac = self.kms.create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]
        self.assertEqual(hmac["MacAlgorithms"], ["HMAC_SHA_256"])
        code, message = self.error(self.kms.create_key, KeyUsage="NOPE")
        self.assertEqual(code, "ValidationException")
        self.assertIn("Value 'NOPE' at 'keyUsage' failed to satisfy constraint", message)

    def test_describe_key_by_id_arn_alias_and_alias_arn(self):
        meta = self.kms.create_key()["KeyMetadata"]
        self.kms.create_alias(AliasName="alias/describe-me", TargetKeyId=meta["KeyId"])
        for ref in (meta["KeyId"], meta["Arn"], "alias/describe-me",
                    f"arn:aws:kms:{REGION}:{ACCOUNT}:alias/describe-me"):
            self.assertEqual(self.kms.describe_key(KeyId=ref)["KeyMetadata"]["KeyId"], meta["KeyId"])

    def test_not_found_messages(self):
        missing = "0b0e0a5e-0000-4000-8000-000000000000"
        self.assertEqual(self.error(self.kms.describe_key, KeyId=missing),
                         ("NotFoundException",
                          f"Key 'arn:aws:kms:{REGION}:{ACCOUNT}:key/{missing}' does not exist"))
        self.assertEqual(self.error(self.kms.describe_key, KeyId="alias/nothing"),
                         ("NotFoundException",
                          f"Alias arn:aws:kms:{REGION}:{ACCOUNT}:alias/nothing is not found."))
        self.assertEqual(self.error(self.kms.describe_key, KeyId="bogus"),
                         ("NotFoundException", "Invalid keyId 'bogus'"))
        # Keys are per account and Region.
        other = self.emu.client("kms", region="us-east-1", account=ACCOUNT)
        key_id = self.kms.create_key()["KeyMetadata"]["KeyId"]
        self.assertEqual(self.error(other.describe_key, KeyId=key_id)[0], "NotFoundException")

    def test_state_machine_with_aws_errors(self):
        meta = self.kms.create_key()["KeyMetadata"]
        key_id, arn = meta["KeyId"], meta["Arn"]

        def state():
            m = self.kms.describe_key(KeyId=key_id)["KeyMetadata"]
            return m["KeyState"], m["Enabled"]

        self.kms.disable_key(KeyId=key_id)
        self.assertEqual(state(), ("Disabled", False))
        self.kms.disable_key(KeyId=arn)  # disabling a disabled key is allowed
        self.kms.enable_key(KeyId=arn)
        self.assertEqual(state(), ("Enabled", True))

        out = self.kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
        self.assertEqual(out["KeyId"], arn)
        self.assertEqual(out["KeyState"], "PendingDeletion")
        self.assertEqual(out["PendingWindowInDays"], 7)
        described = self.kms.describe_key(KeyId=key_id)["KeyMetadata"]
        self.assertEqual(described["DeletionDate"], out["DeletionDate"])
        self.assertEqual(described["DeletionDate"] - described["CreationDate"] >=
                         datetime.timedelta(days=7) - datetime.timedelta(seconds=60), True)
        self.assertEqual(state(), ("PendingDeletion", False))
        for call in (self.kms.enable_key, self.kms.disable_key):
            self.assertEqual(self.error(call, KeyId=key_id),
                             ("KMSInvalidStateException", f"{arn} is pending deletion."))
        self.assertEqual(self.error(self.kms.schedule_key_deletion, KeyId=key_id)[0],
                         "KMSInvalidStateException")

        self.assertEqual(self.kms.cancel_key_deletion(KeyId=key_id)["KeyId"], arn)
        self.assertEqual(state(), ("Disabled", False))
        self.assertNotIn("DeletionDate", self.kms.describe_key(KeyId=key_id)["KeyMetadata"])
        self.assertEqual(self.error(self.kms.cancel_key_deletion, KeyId=key_id),
                         ("KMSInvalidStateException", f"{arn} is not pending deletion."))

    def test_pending_window_must_be_7_to_30_days(self):
        key_id = self.kms.create_key()["KeyMetadata"]["KeyId"]
        for days in (1, 6, 31):
            self.assertEqual(
                self.error(self.kms.schedule_key_deletion, KeyId=key_id, PendingWindowInDays=days),
                ("ValidationException",
                 f"PendingWindowInDays should be between 7 and 30, but it is {days}"))
        self.assertEqual(self.kms.schedule_key_deletion(KeyId=key_id)["PendingWindowInDays"], 30)

    def test_key_and_aliases_deleted_when_window_ends(self):
        meta = self.kms.create_key()["KeyMetadata"]
        self.kms.create_alias(AliasName="alias/short-lived", TargetKeyId=meta["KeyId"])
        self.kms.schedule_key_deletion(KeyId=meta["KeyId"], PendingWindowInDays=7)
        self.emu.advance_clock(7 * 86400 - 60)
        self.assertEqual(self.kms.describe_key(KeyId=meta["KeyId"])["KeyMetadata"]["KeyState"],
                         "PendingDeletion")
        self.emu.advance_clock(120)

        def gone():
            try:
                self.kms.describe_key(KeyId=meta["KeyId"])
                return False
            except ClientError as e:
                return e.response["Error"]["Code"] == "NotFoundException"

        wait_for(gone, message="key deletion")
        names = [a["AliasName"] for a in self.kms.list_aliases()["Aliases"]]
        self.assertNotIn("alias/short-lived", names)
        self.assertNotIn(meta["KeyId"], [k["KeyId"] for k in self.kms.list_keys()["Keys"]])

    def test_scheduled_deletion_survives_a_crash(self):
        emu = Emulator.start()
        try:
            kms = emu.client("kms", region=REGION, account=ACCOUNT)
            doomed = kms.create_key()["KeyMetadata"]["KeyId"]
            kept = kms.create_key()["KeyMetadata"]["KeyId"]
            kms.create_alias(AliasName="alias/kept", TargetKeyId=kept)
            kms.schedule_key_deletion(KeyId=doomed, PendingWindowInDays=7)
            emu.kill()  # SIGKILL: the deletion is a persistent scheduler row, not a timer
            emu.restart()
            kms = emu.client("kms", region=REGION, account=ACCOUNT)
            self.assertEqual(kms.describe_key(KeyId=doomed)["KeyMetadata"]["KeyState"],
                             "PendingDeletion")
            emu.advance_clock(7 * 86400 + 60)
            wait_for(lambda: doomed not in [k["KeyId"] for k in kms.list_keys()["Keys"]],
                     message="deletion after restart")
            self.assertEqual(kms.describe_key(KeyId="alias/kept")["KeyMetadata"]["KeyId"], kept)
        finally:
            emu.close()

    def test_external_key_pending_import_until_material_imported(self):
        meta = self.kms.create_key(Origin="EXTERNAL")["KeyMetadata"]
        self.assertEqual((meta["KeyState"], meta["Enabled"], meta["Origin"]),
                         ("PendingImport", False, "EXTERNAL"))
        self.assertEqual(self.error(self.kms.enable_key, KeyId=meta["KeyId"]),
                         ("KMSInvalidStateException", f"{meta['Arn']} is pending import."))
        params = self.kms.get_parameters_for_import(
            KeyId=meta["KeyId"], WrappingAlgorithm="RSAES_OAEP_SHA_256", WrappingKeySpec="RSA_2048")
        self.assertEqual(params["KeyId"], meta["Arn"])
        self.assertIsInstance(params["ImportToken"], bytes)
        self.assertIsInstance(params["PublicKey"], bytes)
        self.assertGreater(params["ParametersValidTo"], meta["CreationDate"])
        self.assertEqual(self.error(self.kms.import_key_material, KeyId=meta["KeyId"],
                                    ImportToken=b"not-the-token", EncryptedKeyMaterial=b"x" * 256,
                                    ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")[0],
                         "InvalidImportTokenException")
        self.assertEqual(self.error(self.kms.import_key_material, KeyId=meta["KeyId"],
                                    ImportToken=params["ImportToken"],
                                    EncryptedKeyMaterial=b"x" * 256)[0], "ValidationException")
        self.kms.import_key_material(KeyId=meta["KeyId"], ImportToken=params["ImportToken"],
                                     EncryptedKeyMaterial=b"x" * 256,
                                     ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")
        after = self.kms.describe_key(KeyId=meta["KeyId"])["KeyMetadata"]
        self.assertEqual((after["KeyState"], after["Enabled"], after["ExpirationModel"]),
                         ("Enabled", True, "KEY_MATERIAL_DOES_NOT_EXPIRE"))
        aws_key = self.kms.create_key()["KeyMetadata"]
        self.assertEqual(
            self.error(self.kms.get_parameters_for_import, KeyId=aws_key["KeyId"],
                       WrappingAlgorithm="RSAES_OAEP_SHA_256", WrappingKeySpec="RSA_2048"),
            ("UnsupportedOperationException",
             f"{aws_key['Arn']} origin is AWS_KMS which is not valid for this operation."))

    def test_aliases_lifecycle_and_errors(self):
        a = self.kms.create_key()["KeyMetadata"]
        b = self.kms.create_key()["KeyMetadata"]
        self.kms.create_alias(AliasName="alias/flip", TargetKeyId=a["Arn"])
        self.assertEqual(self.error(self.kms.create_alias, AliasName="alias/flip",
                                    TargetKeyId=b["KeyId"]),
                         ("AlreadyExistsException",
                          f"An alias with the name arn:aws:kms:{REGION}:{ACCOUNT}:alias/flip "
                          "already exists"))
        code, message = self.error(self.kms.create_alias, AliasName="flip", TargetKeyId=a["KeyId"])
        self.assertEqual(code, "ValidationException")
        self.assertTrue(message.startswith('Alias must start with the prefix "alias/".'))
        listed = self.kms.list_aliases(KeyId=a["KeyId"])["Aliases"]
        self.assertEqual(len(listed), 1)
        entry = listed[0]
        self.assertEqual(set(entry), {"AliasName", "AliasArn", "TargetKeyId", "CreationDate",
                                      "LastUpdatedDate"})
        self.assertEqual(entry["AliasArn"], f"arn:aws:kms:{REGION}:{ACCOUNT}:alias/flip")
        self.assertEqual(entry["TargetKeyId"], a["KeyId"])
        self.assertIsInstance(entry["CreationDate"], datetime.datetime)
        self.kms.update_alias(AliasName="alias/flip", TargetKeyId=b["KeyId"])
        self.assertEqual(self.kms.describe_key(KeyId="alias/flip")["KeyMetadata"]["KeyId"],
                         b["KeyId"])
        self.assertEqual(self.kms.list_aliases(KeyId=a["KeyId"])["Aliases"], [])
        self.kms.delete_alias(AliasName="alias/flip")
        self.assertEqual(self.error(self.kms.delete_alias, AliasName="alias/flip"),
                         ("NotFoundException",
                          f"Alias arn:aws:kms:{REGION}:{ACCOUNT}:alias/flip is not found."))
        self.kms.schedule_key_deletion(KeyId=a["KeyId"], PendingWindowInDays=7)
        self.assertEqual(self.error(self.kms.create_alias, AliasName="alias/late",
                                    TargetKeyId=a["KeyId"]),
                         ("KMSInvalidStateException", f"{a['Arn']} is pending deletion."))

    def test_list_keys_and_aliases_paginate(self):
        kms = self.emu.client("kms", region="ap-south-1", account=ACCOUNT)
        created = {kms.create_key()["KeyMetadata"]["KeyId"] for _ in range(5)}
        for i, key_id in enumerate(sorted(created)):
            kms.create_alias(AliasName=f"alias/page-{i}", TargetKeyId=key_id)
        first = kms.list_keys(Limit=2)
        self.assertEqual(len(first["Keys"]), 2)
        self.assertIs(first["Truncated"], True)
        self.assertIn("NextMarker", first)
        pages = list(kms.get_paginator("list_keys").paginate(PaginationConfig={"PageSize": 2}))
        self.assertEqual(len(pages), 3)
        self.assertEqual({k["KeyId"] for p in pages for k in p["Keys"]}, created)
        self.assertIs(pages[-1]["Truncated"], False)
        for p in pages:
            for k in p["Keys"]:
                self.assertEqual(set(k), {"KeyId", "KeyArn"})
        aliases = [a["AliasName"] for p in kms.get_paginator("list_aliases").paginate(
            PaginationConfig={"PageSize": 2}) for a in p["Aliases"]]
        self.assertEqual(aliases, [f"alias/page-{i}" for i in range(5)])
        self.assertEqual(self.error(kms.list_keys, Marker="garbage")[0], "InvalidMarkerException")

    def test_tags(self):
        key_id = self.kms.create_key(Tags=[{"TagKey": "team", "TagValue": "storage"}])[
            "KeyMetadata"]["KeyId"]
        self.kms.tag_resource(KeyId=key_id, Tags=[{"TagKey": "env", "TagValue": "test"},
                                                  {"TagKey": "team", "TagValue": "ebs"}])
        self.assertEqual(self.kms.list_resource_tags(KeyId=key_id)["Tags"],
                         [{"TagKey": "env", "TagValue": "test"},
                          {"TagKey": "team", "TagValue": "ebs"}])
        self.kms.untag_resource(KeyId=key_id, TagKeys=["env"])
        self.assertEqual(self.kms.list_resource_tags(KeyId=key_id)["Tags"],
                         [{"TagKey": "team", "TagValue": "ebs"}])
        self.assertEqual(self.error(self.kms.tag_resource, KeyId=key_id,
                                    Tags=[{"TagKey": "aws:x", "TagValue": "1"}]),
                         ("TagException", "Tags beginning with aws: are reserved"))

    def test_aws_managed_ebs_key(self):
        kms = self.emu.client("kms", region="sa-east-1", account=ACCOUNT)
        meta = kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]
        self.assertEqual((meta["KeyManager"], meta["KeyState"], meta["Description"]),
                         ("AWS", "Enabled",
                          "Default key that protects my EBS volumes when no other key is defined"))
        self.assertEqual(kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]["KeyId"],
                         meta["KeyId"])
        aliases = {a["AliasName"]: a for a in kms.list_aliases()["Aliases"]}
        self.assertEqual(aliases["alias/aws/ebs"]["TargetKeyId"], meta["KeyId"])
        self.assertEqual(self.error(kms.disable_key, KeyId=meta["KeyId"])[0], "AccessDeniedException")
        self.assertEqual(self.error(kms.schedule_key_deletion, KeyId=meta["KeyId"])[0],
                         "AccessDeniedException")

    def test_missing_required_member(self):
        self.assertEqual(self.raw_error("DescribeKey", {}),
                         ("ValidationException",
                          "1 validation error detected: Value null at 'keyId' failed to satisfy "
                          "constraint: Member must not be null"))

    def raw_error(self, target, body):
        try:
            self.raw(target, body)
        except urllib.error.HTTPError as e:
            self.assertEqual(e.code, 400)
            doc = json.loads(e.read())
            return doc["__type"], doc["message"]
        self.fail("no error")

    def test_aws_cli(self):
        meta = self.emu.aws_cli("kms", "create-key", "--description", "cli key",
                                region=REGION, account=ACCOUNT)["KeyMetadata"]
        self.assertEqual(meta["Description"], "cli key")
        self.emu.aws_cli("kms", "create-alias", "--alias-name", "alias/cli",
                         "--target-key-id", meta["KeyId"], region=REGION, account=ACCOUNT)
        self.emu.aws_cli("kms", "disable-key", "--key-id", meta["Arn"], region=REGION,
                         account=ACCOUNT)
        described = self.emu.aws_cli("kms", "describe-key", "--key-id", "alias/cli",
                                     region=REGION, account=ACCOUNT)["KeyMetadata"]
        self.assertEqual((described["KeyId"], described["KeyState"]), (meta["KeyId"], "Disabled"))
        out = self.emu.aws_cli("kms", "schedule-key-deletion", "--key-id", meta["KeyId"],
                               "--pending-window-in-days", "9", region=REGION, account=ACCOUNT)
        self.assertEqual((out["KeyState"], out["PendingWindowInDays"]), ("PendingDeletion", 9))
        failed = self.emu.aws_cli("kms", "enable-key", "--key-id", meta["KeyId"], region=REGION,
                                  account=ACCOUNT, check=False)
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("KMSInvalidStateException", failed.stderr)
        self.assertIn(f"{meta['Arn']} is pending deletion.", failed.stderr)


if __name__ == "__main__":
    unittest.main()
