#include "kms/key_service.hpp"

#include "kms_fixture.hpp"

namespace ebs::kms {
namespace {

using KeyServiceTest = KmsFixture;

TEST_F(KeyServiceTest, CreateKeyStartsEnabledOrPendingImportByOrigin) {
  auto k = create();
  EXPECT_EQ(k.state, "Enabled");
  EXPECT_EQ(k.key_manager, "CUSTOMER");
  EXPECT_EQ(k.arn, "arn:aws:kms:us-east-1:111111111111:key/" + k.key_id);
  EXPECT_EQ(k.key_id.size(), 36u);
  EXPECT_EQ(create("EXTERNAL").state, "PendingImport");
}

TEST_F(KeyServiceTest, EveryKindOfReferenceNamesTheKey) {
  auto k = create();
  keys_.create_alias(ctx(), "alias/app", k.key_id);
  for (const std::string& ref : {k.key_id, k.arn, std::string("alias/app"),
                                 std::string("arn:aws:kms:us-east-1:111111111111:alias/app")}) {
    EXPECT_EQ(keys_.describe_key(ctx(), ref).key_id, k.key_id) << ref;
  }
}

TEST_F(KeyServiceTest, MissingReferencesAnswerKmsNotFoundMessages) {
  struct Case {
    std::string ref, message;
  };
  const Case cases[] = {
      {"11111111-2222-3333-4444-555555555555",
       "Key 'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555' does "
       "not exist"},
      {"not-a-key", "Invalid keyId 'not-a-key'"},
      {"alias/none", "Alias arn:aws:kms:us-east-1:111111111111:alias/none is not found."},
  };
  for (const auto& c : cases) {
    std::string message;
    EXPECT_EQ(error_of([&] { keys_.describe_key(ctx(), c.ref); }, &message), "NotFoundException");
    EXPECT_EQ(message, c.message);
  }
}

TEST_F(KeyServiceTest, KeysAreScopedByAccountAndRegion) {
  auto k = create();
  EXPECT_EQ(error_of([&] { keys_.describe_key(ctx("222222222222"), k.key_id); }),
            "NotFoundException");
  EXPECT_EQ(error_of([&] { keys_.describe_key(ctx("111111111111", "eu-west-1"), k.key_id); }),
            "NotFoundException");
}

TEST_F(KeyServiceTest, StateMachine) {
  auto k = create();
  keys_.disable_key(ctx(), k.key_id);
  EXPECT_EQ(state_of(k.key_id), "Disabled");
  keys_.disable_key(ctx(), k.key_id);  // allowed on a disabled key
  keys_.enable_key(ctx(), k.arn);
  EXPECT_EQ(state_of(k.key_id), "Enabled");
  auto scheduled = keys_.schedule_key_deletion(ctx(), k.key_id, 7);
  EXPECT_EQ(scheduled.state, "PendingDeletion");
  EXPECT_EQ(scheduled.deletion_ms, kStart + 7 * kDayMs);
  std::string message;
  EXPECT_EQ(error_of([&] { keys_.enable_key(ctx(), k.key_id); }, &message),
            "KMSInvalidStateException");
  EXPECT_EQ(message, k.arn + " is pending deletion.");
  EXPECT_EQ(error_of([&] { keys_.schedule_key_deletion(ctx(), k.key_id, 7); }),
            "KMSInvalidStateException");
  EXPECT_EQ(keys_.cancel_key_deletion(ctx(), k.key_id).state, "Disabled");
  EXPECT_EQ(error_of([&] { keys_.cancel_key_deletion(ctx(), k.key_id); }, &message),
            "KMSInvalidStateException");
  EXPECT_EQ(message, k.arn + " is not pending deletion.");
}

TEST_F(KeyServiceTest, PendingWindowMustBeSevenToThirtyDays) {
  auto k = create();
  for (int64_t days : {0, 6, 31, 365}) {
    std::string message;
    EXPECT_EQ(error_of([&] { keys_.schedule_key_deletion(ctx(), k.key_id, days); }, &message),
              "ValidationException");
    EXPECT_EQ(message,
              "PendingWindowInDays should be between 7 and 30, but it is " + std::to_string(days));
  }
  EXPECT_EQ(*keys_.schedule_key_deletion(ctx(), k.key_id, std::nullopt).pending_window_days, 30);
}

TEST_F(KeyServiceTest, KeyAndItsAliasesAreDeletedWhenTheWindowEnds) {
  auto k = create();
  keys_.create_alias(ctx(), "alias/doomed", k.key_id);
  keys_.schedule_key_deletion(ctx(), k.key_id, 7);
  clock_.advance(7 * kDayMs - 1);
  scheduler().run_due();
  EXPECT_EQ(state_of(k.key_id), "PendingDeletion");
  clock_.advance(1);
  EXPECT_EQ(scheduler().run_due(), 1u);
  EXPECT_EQ(error_of([&] { keys_.describe_key(ctx(), k.key_id); }), "NotFoundException");
  EXPECT_EQ(error_of([&] { keys_.describe_key(ctx(), "alias/doomed"); }), "NotFoundException");
  EXPECT_TRUE(keys_.list_aliases(ctx(), std::nullopt, std::nullopt, std::nullopt).aliases.empty());
}

TEST_F(KeyServiceTest, CancelledDeletionSurvivesItsOldDate) {
  auto k = create();
  keys_.schedule_key_deletion(ctx(), k.key_id, 7);
  keys_.cancel_key_deletion(ctx(), k.key_id);
  keys_.schedule_key_deletion(ctx(), k.key_id, 30);
  clock_.advance(8 * kDayMs);
  scheduler().run_due();
  EXPECT_EQ(state_of(k.key_id), "PendingDeletion");
  clock_.advance(22 * kDayMs);
  scheduler().run_due();
  EXPECT_EQ(error_of([&] { keys_.describe_key(ctx(), k.key_id); }), "NotFoundException");
}

TEST_F(KeyServiceTest, ImportMakesAnExternalKeyEnabled) {
  auto k = create("EXTERNAL");
  std::string message;
  EXPECT_EQ(error_of([&] { keys_.enable_key(ctx(), k.key_id); }, &message),
            "KMSInvalidStateException");
  EXPECT_EQ(message, k.arn + " is pending import.");
  auto params = keys_.get_parameters_for_import(ctx(), k.key_id, "RSAES_OAEP_SHA_256", "RSA_2048");
  ImportKeyMaterialRequest r;
  r.key_id = k.key_id;
  r.import_token = "wrong";
  r.encrypted_key_material = "material";
  r.expiration_model = "KEY_MATERIAL_DOES_NOT_EXPIRE";
  EXPECT_EQ(error_of([&] { keys_.import_key_material(ctx(), r); }), "InvalidImportTokenException");
  r.import_token = params.import_token;
  keys_.import_key_material(ctx(), r);
  EXPECT_EQ(state_of(k.key_id), "Enabled");
  EXPECT_EQ(error_of([&] {
              keys_.get_parameters_for_import(ctx(), create().key_id, "RSAES_OAEP_SHA_256",
                                              "RSA_2048");
            }),
            "UnsupportedOperationException");
}

TEST_F(KeyServiceTest, ExpiringMaterialReturnsTheKeyToPendingImport) {
  auto k = create("EXTERNAL");
  auto params = keys_.get_parameters_for_import(ctx(), k.key_id, "RSAES_OAEP_SHA_1", "RSA_2048");
  ImportKeyMaterialRequest r{k.key_id, params.import_token, "m", kStart + kDayMs, std::nullopt};
  keys_.import_key_material(ctx(), r);
  EXPECT_EQ(state_of(k.key_id), "Enabled");
  clock_.advance(kDayMs);
  scheduler().run_due();
  EXPECT_EQ(state_of(k.key_id), "PendingImport");
}

TEST_F(KeyServiceTest, UnusableCauseIsKmsWording) {
  auto k = create();
  EXPECT_EQ(KeyService::unusable_cause(k), std::nullopt);
  keys_.disable_key(ctx(), k.key_id);
  store::Transaction tx(db_);
  EXPECT_EQ(keys_.usability(tx, "111111111111", "us-east-1", k.arn), k.arn + " is disabled.");
  EXPECT_EQ(keys_.usability(tx, "111111111111", "us-east-1", "alias/missing"),
            "Alias arn:aws:kms:us-east-1:111111111111:alias/missing is not found.");
}

TEST_F(KeyServiceTest, AliasRules) {
  auto k = create();
  keys_.create_alias(ctx(), "alias/a", k.key_id);
  std::string message;
  EXPECT_EQ(error_of([&] { keys_.create_alias(ctx(), "alias/a", k.key_id); }, &message),
            "AlreadyExistsException");
  EXPECT_EQ(message,
            "An alias with the name arn:aws:kms:us-east-1:111111111111:alias/a already exists");
  EXPECT_EQ(error_of([&] { keys_.create_alias(ctx(), "noprefix", k.key_id); }, &message),
            "ValidationException");
  EXPECT_EQ(message.rfind("Alias must start with the prefix \"alias/\".", 0), 0u);
  EXPECT_EQ(error_of([&] { keys_.create_alias(ctx(), "alias/aws/mine", k.key_id); }),
            "NotAuthorizedException");
  auto other = create();
  keys_.update_alias(ctx(), "alias/a", other.arn);
  EXPECT_EQ(keys_.describe_key(ctx(), "alias/a").key_id, other.key_id);
  keys_.schedule_key_deletion(ctx(), k.key_id, 7);
  EXPECT_EQ(error_of([&] { keys_.update_alias(ctx(), "alias/a", k.key_id); }),
            "KMSInvalidStateException");
  keys_.delete_alias(ctx(), "alias/a");
  EXPECT_EQ(error_of([&] { keys_.delete_alias(ctx(), "alias/a"); }), "NotFoundException");
}

TEST_F(KeyServiceTest, ManagedEbsKeyIsCreatedOnceAndProtected) {
  auto managed = keys_.describe_key(ctx(), "alias/aws/ebs");
  EXPECT_EQ(managed.key_manager, "AWS");
  EXPECT_EQ(keys_.describe_key(ctx(), "alias/aws/ebs").key_id, managed.key_id);
  EXPECT_EQ(error_of([&] { keys_.disable_key(ctx(), managed.key_id); }), "AccessDeniedException");
  EXPECT_EQ(error_of([&] { keys_.schedule_key_deletion(ctx(), managed.key_id, 7); }),
            "AccessDeniedException");
}

TEST_F(KeyServiceTest, ListKeysPagesWithMarkers) {
  std::set<std::string> created;
  for (int i = 0; i < 5; ++i) created.insert(create().key_id);
  std::set<std::string> seen;
  std::optional<std::string> marker;
  int pages = 0;
  do {
    auto page = keys_.list_keys(ctx(), 2, marker);
    for (const auto& k : page.keys) seen.insert(k.key_id);
    marker = page.next_marker;
    ++pages;
  } while (marker);
  EXPECT_EQ(seen, created);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(error_of([&] { keys_.list_keys(ctx(), 1001, std::nullopt); }), "ValidationException");
  EXPECT_EQ(error_of([&] { keys_.list_keys(ctx(), 2, std::string("garbage")); }),
            "InvalidMarkerException");
}

TEST_F(KeyServiceTest, TagsAreKeptSortedAndValidated) {
  auto k = create();
  keys_.tag_resource(ctx(), k.key_id, {{"b", "2"}, {"a", "1"}});
  keys_.tag_resource(ctx(), k.arn, {{"a", "one"}});
  auto page = keys_.list_resource_tags(ctx(), k.key_id, std::nullopt, std::nullopt);
  EXPECT_EQ(page.tags,
            (std::vector<std::pair<std::string, std::string>>{{"a", "one"}, {"b", "2"}}));
  EXPECT_EQ(error_of([&] {
              keys_.tag_resource(ctx(), k.key_id, {{"aws:x", "1"}});
            }),
            "TagException");
  keys_.untag_resource(ctx(), k.key_id, {"a"});
  EXPECT_EQ(keys_.list_resource_tags(ctx(), k.key_id, std::nullopt, std::nullopt).tags.size(), 1u);
}

}  // namespace
}  // namespace ebs::kms
