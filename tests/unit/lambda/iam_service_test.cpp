#include "iam/iam_service.hpp"

#include "lambda_fixture.hpp"
#include "protocol/iam/iam_api.hpp"

namespace ebs::lambda {
namespace {

using IamServiceTest = LambdaFixture;

const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

TEST_F(IamServiceTest, RolesPoliciesAndAttachmentConflicts) {
  auto role = iam_.create_role(ctx(), {"r", "/service-role/", kTrust, "", 3600});
  EXPECT_EQ(iam::IamService::role_arn(role), "arn:aws:iam::111111111111:role/service-role/r");
  EXPECT_EQ(error_of([&] {
              iam_.create_role(ctx(), {"R", "/", kTrust, "", 3600});
            }),
            "EntityAlreadyExists");  // IAM names are case-insensitive
  auto policy = iam_.create_policy(ctx(), {"p", "/", R"({"Statement":[]})", ""});
  EXPECT_EQ(policy.arn, "arn:aws:iam::111111111111:policy/p");
  iam_.attach_role_policy(ctx(), "r", policy.arn);
  iam_.attach_role_policy(ctx(), "r", policy.arn);  // idempotent, as in AWS
  EXPECT_EQ(iam_.attached_role_policies(ctx(), "r").size(), 1u);
  EXPECT_EQ(iam_.get_policy(ctx(), policy.arn).attachment_count, 1);
  EXPECT_EQ(error_of([&] { iam_.delete_role(ctx(), "r"); }), "DeleteConflict");
  EXPECT_EQ(error_of([&] { iam_.delete_policy(ctx(), policy.arn); }), "DeleteConflict");
  iam_.detach_role_policy(ctx(), "r", policy.arn);
  iam_.delete_role(ctx(), "r");
  iam_.delete_policy(ctx(), policy.arn);
  EXPECT_EQ(error_of([&] { iam_.get_role(ctx(), "r"); }), "NoSuchEntity");
}

TEST_F(IamServiceTest, BadDocumentsNamesAndPaths) {
  EXPECT_EQ(error_of([&] {
              iam_.create_role(ctx(), {"r", "/", "{", "", 3600});
            }),
            "MalformedPolicyDocument");
  EXPECT_EQ(error_of([&] {
              iam_.create_role(ctx(), {"bad name", "/", kTrust, "", 3600});
            }),
            "ValidationError");
  EXPECT_EQ(error_of([&] {
              iam_.create_role(ctx(), {"r", "nopath", kTrust, "", 3600});
            }),
            "ValidationError");
}

TEST(IamUrlEncode, EncodesPolicyDocumentsAsIamDoes) {
  EXPECT_EQ(protocol::iam::url_encode(R"({"a": "b/c"})"), "%7B%22a%22%3A%20%22b%2Fc%22%7D");
  EXPECT_EQ(protocol::iam::url_encode("Az09-_.~"), "Az09-_.~");
}

}  // namespace
}  // namespace ebs::lambda
