#include "protocol/sigv4_scope.hpp"

#include <gtest/gtest.h>

namespace ebs::protocol {
namespace {

TEST(Sigv4Scope, ReadsAuthorizationHeader) {
  HttpRequest r;
  r.headers.emplace_back("authorization",
                         "AWS4-HMAC-SHA256 Credential=111122223333/20250101/eu-west-1/ec2/"
                         "aws4_request, SignedHeaders=host, Signature=abc");
  auto scope = parse_credential_scope(r);
  EXPECT_EQ(scope.access_key, "111122223333");
  EXPECT_EQ(scope.region, "eu-west-1");
  EXPECT_EQ(scope.service, "ec2");
  EXPECT_EQ(account_for_access_key(scope.access_key, "000000000000"), "111122223333");
}

TEST(Sigv4Scope, ReadsPresignedQuery) {
  HttpRequest r;
  r.target = "/?Action=X&X-Amz-Credential=AKIDEXAMPLE%2F20250101%2Fus-east-2%2Fec2%2Faws4_request";
  auto scope = parse_credential_scope(r);
  EXPECT_EQ(scope.access_key, "AKIDEXAMPLE");
  EXPECT_EQ(scope.region, "us-east-2");
}

TEST(Sigv4Scope, NonNumericKeysMapToDefaultAccount) {
  EXPECT_EQ(account_for_access_key("test", "000000000000"), "000000000000");
  EXPECT_EQ(account_for_access_key("11112222333", "000000000000"), "000000000000");
  EXPECT_EQ(account_for_access_key("11112222333x", "000000000000"), "000000000000");
}

TEST(Sigv4Scope, MissingOrGarbledHeaderGivesEmptyScope) {
  HttpRequest r;
  EXPECT_EQ(parse_credential_scope(r).region, "");
  r.headers.emplace_back("Authorization", "Credential=");
  EXPECT_EQ(parse_credential_scope(r).region, "");
}

}  // namespace
}  // namespace ebs::protocol
