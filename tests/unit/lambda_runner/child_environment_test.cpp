// Tests for child_environment: what a function's process sees, and who may override what.
#include "lambda/runner/child_environment.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "lambda/runner/reserved_environment.hpp"

namespace ebs::lambda {
namespace {

FunctionSpec spec_with(std::map<std::string, std::string> environment) {
  FunctionSpec spec;
  spec.name = "copy-snapshot";
  spec.runtime = "nodejs20.x";
  spec.handler = "index.handler";
  spec.code_dir = "/code/copy-snapshot";
  spec.environment = std::move(environment);
  spec.memory_mb = 256;
  spec.account = "123456789012";
  spec.region = "us-east-2";
  return spec;
}

RunnerConfig config() {
  RunnerConfig c;
  c.bootstrap_dir = "/opt/boot strap";
  c.endpoint_url = "http://127.0.0.1:4566";
  c.node_path = {"/opt/sdk/node_modules"};
  return c;
}

const Interpreter kNode{RuntimeFamily::kNode, "/usr/bin/node", "20.0.0"};
const Interpreter kPython{RuntimeFamily::kPython, "/opt/py/bin/python3", "3.11"};
const HostEnvironment kHost{"/usr/bin:/bin", "/home/dev"};

TEST(ChildEnvironment, HasLambdaVariablesAndTheEmulatorEndpoint) {
  auto env = child_environment(spec_with({{"TABLE", "t1"}}), config(), kNode, "stream", kHost);
  const std::map<std::string, std::string> expected = {
      {"TABLE", "t1"},
      {"AWS_REGION", "us-east-2"},
      {"AWS_DEFAULT_REGION", "us-east-2"},
      {"AWS_ACCESS_KEY_ID", "123456789012"},
      {"AWS_SECRET_ACCESS_KEY", "test"},
      {"AWS_ENDPOINT_URL", "http://127.0.0.1:4566"},
      {"AWS_LAMBDA_FUNCTION_NAME", "copy-snapshot"},
      {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
      {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"},
      {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/copy-snapshot"},
      {"AWS_LAMBDA_LOG_STREAM_NAME", "stream"},
      {"AWS_EXECUTION_ENV", "AWS_Lambda_nodejs20.x"},
      {"LAMBDA_TASK_ROOT", "/code/copy-snapshot"},
      {"_HANDLER", "index.handler"},
      {"PATH", "/usr/bin:/usr/bin:/bin"},
      {"HOME", "/home/dev"},
      {"NODE_PATH", "/opt/sdk/node_modules:/code/copy-snapshot"},
      {"NODE_OPTIONS", "--require \"/opt/boot strap/aws_sdk_v2_preload.js\""},
  };
  for (const auto& [key, value] : expected) {
    ASSERT_TRUE(env.count(key)) << key;
    EXPECT_EQ(env.at(key), value) << key;
  }
  EXPECT_EQ(env.count("AWS_SESSION_TOKEN"), 0u);
  EXPECT_EQ(env.count("PYTHONPATH"), 0u);
}

TEST(ChildEnvironment, UserCannotOverrideCriticalOrReservedVariables) {
  auto env = child_environment(spec_with({{"AWS_REGION", "eu-west-1"},
                                          {"AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"},
                                          {"AWS_SESSION_TOKEN", "tok"},
                                          {"AWS_ENDPOINT_URL_EC2", "http://elsewhere"},
                                          {"_HANDLER", "evil.handler"},
                                          {"NODE_OPTIONS", "--max-old-space-size=100"},
                                          {"BAD=KEY", "x"}}),
                               config(), kNode, "stream", kHost);
  EXPECT_EQ(env.at("AWS_REGION"), "us-east-2");
  EXPECT_EQ(env.at("AWS_ACCESS_KEY_ID"), "123456789012");
  EXPECT_EQ(env.count("AWS_SESSION_TOKEN"), 0u);
  EXPECT_EQ(env.count("AWS_ENDPOINT_URL_EC2"), 0u);
  EXPECT_EQ(env.at("_HANDLER"), "index.handler");
  EXPECT_EQ(env.at("NODE_OPTIONS"),
            "--require \"/opt/boot strap/aws_sdk_v2_preload.js\" --max-old-space-size=100");
  EXPECT_EQ(env.count("BAD=KEY"), 0u);
}

TEST(ChildEnvironment, UserWhoSetsTheEndpointKeepsTheirEndpointAndCredentials) {
  auto env = child_environment(spec_with({{"AWS_ENDPOINT_URL", "http://mine:1234"},
                                          {"AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"},
                                          {"AWS_SECRET_ACCESS_KEY", "secret"},
                                          {"AWS_SESSION_TOKEN", "tok"},
                                          {"AWS_REGION", "eu-west-1"}}),
                               config(), kNode, "stream", kHost);
  EXPECT_EQ(env.at("AWS_ENDPOINT_URL"), "http://mine:1234");
  EXPECT_EQ(env.at("AWS_ACCESS_KEY_ID"), "AKIAEXAMPLE");
  EXPECT_EQ(env.at("AWS_SECRET_ACCESS_KEY"), "secret");
  EXPECT_EQ(env.at("AWS_SESSION_TOKEN"), "tok");
  EXPECT_EQ(env.at("AWS_REGION"), "us-east-2");  // Lambda-defined: never the user's
}

TEST(ChildEnvironment, PythonGetsPythonPathWithTheCodeFirst) {
  auto env =
      child_environment(spec_with({{"PYTHONPATH", "/extra"}}), config(), kPython, "s", kHost);
  EXPECT_EQ(env.at("PYTHONPATH"), "/code/copy-snapshot:/extra");
  EXPECT_EQ(env.at("PATH"), "/opt/py/bin:/usr/bin:/bin");
  EXPECT_EQ(env.count("NODE_OPTIONS"), 0u);
}

TEST(ChildEnvironment, LogStreamNameLooksLikeLambdas) {
  std::string name = make_log_stream_name("$LATEST");
  EXPECT_TRUE(std::regex_match(name, std::regex(R"(\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32})")))
      << name;
}

TEST(ReservedEnvironment, NamesTheReservedKeys) {
  EXPECT_FALSE(reserved_environment_error({{"TABLE", "x"}, {"NODE_OPTIONS", "y"}}).has_value());
  auto error = reserved_environment_error({{"AWS_REGION", "x"}, {"TABLE", "y"}, {"_HANDLER", "z"}});
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(*error,
            "Lambda was unable to configure your environment variables because the environment "
            "variables you have provided contains reserved keys that are currently not supported "
            "for modification. Reserved keys used in this request: AWS_REGION, _HANDLER");
}

}  // namespace
}  // namespace ebs::lambda
