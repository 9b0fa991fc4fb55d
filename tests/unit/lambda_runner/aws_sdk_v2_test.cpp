// The classic aws-sdk v2 under the runner: the preload points clients at the emulator endpoint, and
// the guide's replication function (shared/seeds/replication-lambda.js, unmodified) copies a
// snapshot through a local HTTP listener that stands in for the emulator, signing for us-east-1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "lambda/runner/runner.hpp"
#include "lambda/runner/runtimes.hpp"
#include "test_support.hpp"

namespace ebs::lambda {
namespace {

using json = nlohmann::json;
using Status = InvokeResult::Status;
using testing::make_function;
using testing::read_file;
using testing::RecordingHttpServer;
using testing::TempDir;
using testing::test_config;

const std::filesystem::path kSdkModules =
    std::filesystem::path(EBS_TEST_NPM_FIXTURE_DIR) / "node_modules";
const std::filesystem::path kSeed = EBS_TEST_SEED_LAMBDA;

class AwsSdkV2Test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!runtime_available("nodejs20.x")) GTEST_SKIP() << "node is not installed";
    if (!std::filesystem::exists(kSdkModules / "aws-sdk" / "package.json")) {
      // The build installs it with npm (target lambda_runner_npm_fixture); CI must have it.
      if (std::getenv("CI") != nullptr) FAIL() << "aws-sdk v2 fixture missing in " << kSdkModules;
      GTEST_SKIP() << "aws-sdk v2 fixture missing (npm could not install it)";
    }
  }

  RunnerConfig config(const std::string& endpoint) {
    auto c = test_config();
    c.endpoint_url = endpoint;
    c.node_path = {kSdkModules};
    return c;
  }

  TempDir dir_;
};

TEST_F(AwsSdkV2Test, ClientsGetTheEmulatorEndpointAndKeepTheirRegion) {
  Runner runner(config("http://127.0.0.1:4566"));
  auto spec =
      make_function(dir_.path(), "endpoint", "nodejs20.x", "index.handler", {{"index.js", R"(
const AWS = require('aws-sdk');
const EC2 = require('aws-sdk/clients/ec2');
const atLoad = new AWS.EC2();
exports.handler = async () => {
  AWS.config.update({region: 'us-east-1'});
  const ec2 = new AWS.EC2();
  const own = new AWS.EC2({endpoint: 'http://127.0.0.1:1'});
  return {
    endpoint: ec2.config.endpoint, href: ec2.endpoint.href, region: ec2.config.region,
    atLoad: [atLoad.config.endpoint, atLoad.config.region],
    clientsModule: new EC2({region: 'eu-west-1'}).config.endpoint,
    kms: new AWS.KMS().config.endpoint,
    own: own.config.endpoint,
    globalUntouched: AWS.config.endpoint === undefined,
  };
};)"}});
  auto result = runner.invoke(spec, "{}", "r1");
  ASSERT_EQ(result.status, Status::kOk) << result.payload << result.log;
  auto doc = json::parse(result.payload);
  EXPECT_EQ(doc["endpoint"], "http://127.0.0.1:4566");
  EXPECT_EQ(doc["href"], "http://127.0.0.1:4566/");
  EXPECT_EQ(doc["region"], "us-east-1");
  EXPECT_EQ(doc["atLoad"], json::parse(R"(["http://127.0.0.1:4566", "us-east-2"])"));
  EXPECT_EQ(doc["clientsModule"], "http://127.0.0.1:4566");
  EXPECT_EQ(doc["kms"], "http://127.0.0.1:4566");
  EXPECT_EQ(doc["own"], "http://127.0.0.1:1");
  EXPECT_EQ(doc["globalUntouched"], true);
}

TEST_F(AwsSdkV2Test, TheGuidesReplicationFunctionRunsUnmodified) {
  if (!std::filesystem::exists(kSeed)) GTEST_SKIP() << "shared seed missing: " << kSeed;
  RecordingHttpServer ec2(
      "text/xml;charset=UTF-8",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<CopySnapshotResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
      "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
      "<snapshotId>snap-0fedcba9876543210</snapshotId>"
      "</CopySnapshotResponse>");
  Runner runner(config(ec2.url()));
  auto spec = make_function(dir_.path(), "replicate", "nodejs20.x", "index.handler",
                            {{"index.js", read_file(kSeed)}});
  const std::string event = R"({
    "version": "0", "id": "01234567-0123-0123-0123-012345678901",
    "detail-type": "EBS Snapshot Notification", "source": "aws.ec2", "region": "us-east-2",
    "resources": ["arn:aws:ec2::us-east-2:snapshot/snap-01234567"],
    "detail": {"event": "createSnapshot", "result": "succeeded",
               "snapshot_id": "arn:aws:ec2::us-east-2:snapshot/snap-01234567",
               "source": "arn:aws:ec2::us-east-2:volume/vol-01234567"}})";
  auto result = runner.invoke(spec, event, "req-copy");
  ASSERT_EQ(result.status, Status::kOk) << result.payload << "\n" << result.log;
  EXPECT_EQ(result.payload,
            R"("Successfully started copy of snapshot snap-01234567 to region us-east-1.")");
  EXPECT_NE(result.log.find("\tundefined\tINFO\tLoading function\n"), std::string::npos)
      << result.log;
  EXPECT_NE(result.log.find("\treq-copy\tINFO\tsnapshotId: snap-01234567\n"), std::string::npos);

  auto requests = ec2.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& request = requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/");
  const std::string authorization = request.headers.at("authorization");
  EXPECT_NE(authorization.find("AWS4-HMAC-SHA256 Credential=123456789012/"), std::string::npos)
      << authorization;
  EXPECT_NE(authorization.find("/us-east-1/ec2/aws4_request"), std::string::npos) << authorization;
  for (const char* part :
       {"Action=CopySnapshot", "SourceRegion=us-east-2", "SourceSnapshotId=snap-01234567",
        "DestinationRegion=us-east-1", "PresignedUrl=http%3A%2F%2F127.0.0.1%3A",
        "us-east-2%252Fec2%252Faws4_request"}) {
    EXPECT_NE(request.body.find(part), std::string::npos) << part << " in " << request.body;
  }
}

}  // namespace
}  // namespace ebs::lambda
