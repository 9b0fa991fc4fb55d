#include "ec2/ebs_encryption_service.hpp"

#include "kms_fixture.hpp"

namespace ebs::kms {
namespace {

using EbsEncryptionTest = KmsFixture;

TEST_F(EbsEncryptionTest, DefaultKeyIsTheManagedKeyUntilModified) {
  EXPECT_EQ(encryption_.get_default_key(ctx(), false), "alias/aws/ebs");
  auto k = create();
  keys_.create_alias(ctx(), "alias/mine", k.key_id);
  EXPECT_EQ(encryption_.modify_default_key(ctx(), "alias/mine", false), k.arn);
  EXPECT_EQ(encryption_.get_default_key(ctx(), false), k.arn);
  auto managed = encryption_.reset_default_key(ctx(), false);
  EXPECT_EQ(managed, keys_.describe_key(ctx(), "alias/aws/ebs").arn);
  EXPECT_EQ(encryption_.get_default_key(ctx(), false), "alias/aws/ebs");
}

TEST_F(EbsEncryptionTest, VolumeEncryptionChoices) {
  auto k = create();
  keys_.create_alias(ctx(), "alias/vol", k.key_id);
  auto snap_key = create();
  store::Transaction tx(db_);
  struct Case {
    bool encrypted;
    std::optional<std::string> kms_key_id;
    bool source_encrypted;
    std::optional<std::string> source_key;
    bool want_encrypted;
    std::string want_key;  // "managed" = the alias/aws/ebs key
  };
  const Case cases[] = {
      {false, std::nullopt, false, std::nullopt, false, ""},
      {true, std::nullopt, false, std::nullopt, true, "managed"},
      {true, std::string("alias/vol"), false, std::nullopt, true, k.arn},
      {true, k.key_id, false, std::nullopt, true, k.arn},
      {false, std::nullopt, true, snap_key.arn, true, snap_key.arn},
      {true, k.arn, true, snap_key.arn, true, k.arn},
  };
  for (const auto& c : cases) {
    auto choice = encryption_.volume_encryption(tx, ctx(), c.encrypted, c.kms_key_id,
                                                c.source_encrypted, c.source_key);
    EXPECT_EQ(choice.encrypted, c.want_encrypted);
    std::string want = c.want_key == "managed"
                           ? keys_.resolve(tx, "111111111111", "us-east-1", "alias/aws/ebs").arn
                           : c.want_key;
    EXPECT_EQ(choice.kms_key_id.value_or(""), want);
  }
}

TEST_F(EbsEncryptionTest, EncryptionByDefaultEncryptsEveryNewVolume) {
  EXPECT_FALSE(encryption_.get_by_default(ctx(), false));
  encryption_.enable_by_default(ctx(), false);
  EXPECT_TRUE(encryption_.get_by_default(ctx(), false));
  auto k = create();
  encryption_.modify_default_key(ctx(), k.key_id, false);
  store::Transaction tx(db_);
  auto choice = encryption_.volume_encryption(tx, ctx(), false, std::nullopt, false, std::nullopt);
  EXPECT_TRUE(choice.encrypted);
  EXPECT_EQ(choice.kms_key_id, k.arn);
  // Another region keeps its own settings.
  EXPECT_FALSE(encryption_
                   .volume_encryption(tx, ctx("111111111111", "eu-west-1"), false, std::nullopt,
                                      false, std::nullopt)
                   .encrypted);
}

TEST_F(EbsEncryptionTest, KeyProblemsCarryTheEventCause) {
  auto k = create();
  store::Transaction tx(db_);
  EXPECT_EQ(encryption_.key_problem(tx, "111111111111", "us-east-1", k.arn), std::nullopt);
  tx.commit();
  keys_.disable_key(ctx(), k.key_id);
  store::Transaction tx2(db_);
  auto problem = encryption_.key_problem(tx2, "111111111111", "us-east-1", k.arn);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->key_arn, k.arn);
  EXPECT_EQ(problem->cause, k.arn + " is disabled.");
  auto missing = encryption_.key_problem(tx2, "111111111111", "us-east-1",
                                         "arn:aws:kms:us-east-1:111111111111:key/"
                                         "00000000-0000-0000-0000-000000000000");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->cause,
            "Key 'arn:aws:kms:us-east-1:111111111111:key/00000000-0000-0000-0000-000000000000' "
            "does not exist");
}

}  // namespace
}  // namespace ebs::kms
