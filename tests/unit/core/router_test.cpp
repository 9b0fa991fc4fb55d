#include "protocol/router.hpp"

#include <gtest/gtest.h>

#include "core/aws_error.hpp"

namespace ebs::protocol {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  RouterTest()
      : ec2_("ec2", "http://ec2.amazonaws.com/doc/2016-11-15/", QueryApi::Style::kEc2),
        admin_(plain_json_error) {
    ec2_.add("Echo", [](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
      xml.element("value", p.get("Value").value_or("")).element("account", ctx.account);
      xml.element("region", ctx.region);
    });
    ec2_.add("Fail", [](const QueryParams&, const RequestContext&, XmlWriter&) {
      throw AwsError("InvalidVolume.NotFound", "The volume 'vol-1' does not exist.");
    });
    ec2_.add("Crash", [](const QueryParams&, const RequestContext&, XmlWriter&) {
      throw std::runtime_error("unexpected");
    });
    json_.add("AWSEvents.Echo", [](const nlohmann::json& in, const RequestContext&) { return in; });
    Router::Apis apis;
    apis.query["ec2"] = &ec2_;
    apis.json = &json_;
    apis.admin = &admin_;
    router_ = std::make_unique<Router>(apis, clock_, ids_, "000000000000");
  }
  HttpResponse post_form(const std::string& body, const std::string& auth = "") {
    HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    if (!auth.empty()) r.headers.emplace_back("Authorization", auth);
    r.body = body;
    return router_->handle(r);
  }
  Clock clock_;
  IdGenerator ids_{42};
  QueryApi ec2_;
  JsonApi json_;
  RestApi admin_;
  std::unique_ptr<Router> router_;
};

TEST_F(RouterTest, QueryActionGetsEnvelopeAccountAndRegion) {
  auto res = post_form("Action=Echo&Value=%3Cx%3E",
                       "AWS4-HMAC-SHA256 Credential=123456789012/20250101/ap-south-1/ec2/"
                       "aws4_request, SignedHeaders=host, Signature=x");
  EXPECT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("<EchoResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                          "<requestId>"),
            std::string::npos);
  EXPECT_NE(res.body.find("<value>&lt;x&gt;</value><account>123456789012</account>"
                          "<region>ap-south-1</region>"),
            std::string::npos);
}

TEST_F(RouterTest, ErrorsUseTheEc2ErrorDocument) {
  auto res = post_form("Action=Fail");
  EXPECT_EQ(res.status, 400);
  EXPECT_NE(res.body.find("<Response><Errors><Error><Code>InvalidVolume.NotFound</Code>"),
            std::string::npos);
  EXPECT_NE(res.body.find("<RequestID>"), std::string::npos);
  auto unknown = post_form("Action=Nope");
  EXPECT_NE(unknown.body.find("<Code>InvalidAction</Code>"), std::string::npos);
  auto crash = post_form("Action=Crash");
  EXPECT_EQ(crash.status, 500);
  EXPECT_NE(crash.body.find("<Code>InternalError</Code>"), std::string::npos);
  auto malformed = post_form("Action=Echo&x=%G1");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_NE(malformed.body.find("MalformedQueryString"), std::string::npos);
}

TEST_F(RouterTest, JsonTargetAndBadJson) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.emplace_back("X-Amz-Target", "AWSEvents.Echo");
  r.body = R"({"a":1})";
  auto ok = router_->handle(r);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, R"({"a":1})");
  r.body = "{not json";
  auto bad = router_->handle(r);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("SerializationException"), std::string::npos);
  r.headers[0].second = "AWSEvents.Unknown";
  r.body = "{}";
  EXPECT_NE(router_->handle(r).body.find("UnknownOperationException"), std::string::npos);
}

TEST_F(RouterTest, UnknownAdminPathIs404Json) {
  HttpRequest r;
  r.method = "GET";
  r.target = "/_emulator/nothing";
  auto res = router_->handle(r);
  EXPECT_EQ(res.status, 404);
}

}  // namespace
}  // namespace ebs::protocol
