#include "lambda/function_service.hpp"

#include "lambda_fixture.hpp"

namespace ebs::lambda {
namespace {

using FunctionServiceTest = LambdaFixture;

const char* kRole = "arn:aws:iam::111111111111:role/r";

CreateFunctionRequest node_function(const std::string& name) {
  CreateFunctionRequest r;
  r.name = name;
  r.config.runtime = "nodejs20.x";
  r.config.handler = "index.handler";
  r.config.role = kRole;
  r.zip_file = stored_zip("index.js", "exports.handler = async () => 1;");
  return r;
}

TEST_F(FunctionServiceTest, ResolvesNamesPartialArnsAndArns) {
  struct Case {
    std::string input, account, region, name;
    std::optional<std::string> qualifier;
  };
  const Case cases[] = {
      {"f", "111111111111", "us-east-1", "f", {}},
      {"f:$LATEST", "111111111111", "us-east-1", "f", "$LATEST"},
      {"222222222222:function:g", "222222222222", "us-east-1", "g", {}},
      {"arn:aws:lambda:eu-west-1:333333333333:function:h", "333333333333", "eu-west-1", "h", {}},
      {"arn:aws:lambda:eu-west-1:333333333333:function:h:prod", "333333333333", "eu-west-1", "h",
       "prod"},
  };
  for (const auto& c : cases) {
    auto ref = FunctionService::resolve(ctx(), c.input, std::nullopt);
    EXPECT_EQ(ref.account, c.account) << c.input;
    EXPECT_EQ(ref.region, c.region) << c.input;
    EXPECT_EQ(ref.name, c.name) << c.input;
    EXPECT_EQ(ref.qualifier, c.qualifier) << c.input;
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "has space", "a/b", std::string(65, 'x')}) {
    EXPECT_EQ(error_of([&] { FunctionService::resolve(ctx(), bad, std::nullopt); }),
              "ValidationException")
        << bad;
  }
}

TEST_F(FunctionServiceTest, PendingUntilTheSchedulerStepThenActive) {
  auto created = functions_.create(ctx(), node_function("f"));
  EXPECT_EQ(created.state, "Pending");
  EXPECT_EQ(created.code_sha256, code_sha256(*node_function("f").zip_file));
  scheduler().run_due();
  auto active = functions_.get(ctx(), "f", std::nullopt);
  EXPECT_EQ(active.state, "Active");
  EXPECT_NE(active.revision_id, created.revision_id);

  FunctionConfigUpdate u;
  u.timeout = 10;
  auto updating = functions_.update_configuration(ctx(), "f", u);
  EXPECT_EQ(updating.last_update_status, "InProgress");
  EXPECT_EQ(error_of([&] { functions_.update_configuration(ctx(), "f", u); }),
            "ResourceConflictException");
  scheduler().run_due();
  EXPECT_EQ(functions_.get(ctx(), "f", std::nullopt).last_update_status, "Successful");
  EXPECT_EQ(functions_.get(ctx(), "f", std::nullopt).timeout_seconds, 10);
}

TEST_F(FunctionServiceTest, CreateRefusesWhatAwsRefuses) {
  struct Case {
    std::function<void(CreateFunctionRequest&)> change;
    std::string code;
  };
  const Case cases[] = {
      {[](auto& r) { r.zip_file = "PK not really"; }, "InvalidParameterValueException"},
      {[](auto& r) { r.config.runtime = "java21"; }, "InvalidParameterValueException"},
      {[](auto& r) { r.config.runtime = "nodejs14.x"; }, "InvalidParameterValueException"},
      {[](auto& r) { r.config.runtime = "cobol"; }, "ValidationException"},
      {[](auto& r) { r.config.handler.reset(); }, "InvalidParameterValueException"},
      {[](auto& r) { r.config.role = "role"; }, "ValidationException"},
      {[](auto& r) { r.config.role.reset(); }, "ValidationException"},
      {[](auto& r) { r.config.timeout = 901; }, "InvalidParameterValueException"},
      {[](auto& r) { r.config.memory_size = 64; }, "ValidationException"},
      {[](auto& r) {
         r.config.environment = {{{"AWS_REGION", "x"}}};
       },
       "InvalidParameterValueException"},
      {[](auto& r) { r.zip_file.reset(); }, "InvalidParameterValueException"},
      {[](auto& r) { r.package_type = "Image"; }, "InvalidParameterValueException"},
  };
  int i = 0;
  for (const auto& c : cases) {
    auto r = node_function("bad" + std::to_string(i++));
    c.change(r);
    EXPECT_EQ(error_of([&] { functions_.create(ctx(), r); }), c.code) << i;
  }
  EXPECT_TRUE(functions_.list(ctx(), {}, {}).functions.empty());
  functions_.create(ctx(), node_function("dup"));
  std::string message;
  EXPECT_EQ(error_of([&] { functions_.create(ctx(), node_function("dup")); }, &message),
            "ResourceConflictException");
  EXPECT_EQ(message, "Function already exist: dup");
}

TEST_F(FunctionServiceTest, ListPagesWithAnOpaqueMarker) {
  for (const char* name : {"c", "a", "b"}) functions_.create(ctx(), node_function(name));
  functions_.create(ctx("111111111111", "eu-west-1"), node_function("other-region"));
  auto first = functions_.list(ctx(), {}, 2);
  ASSERT_EQ(first.functions.size(), 2u);
  EXPECT_EQ(first.functions[0].name, "a");
  ASSERT_TRUE(first.next_marker.has_value());
  auto second = functions_.list(ctx(), first.next_marker, 2);
  ASSERT_EQ(second.functions.size(), 1u);
  EXPECT_EQ(second.functions[0].name, "c");
  EXPECT_FALSE(second.next_marker.has_value());
}

TEST_F(FunctionServiceTest, PermissionsMakeAPolicy) {
  functions_.create(ctx(), node_function("f"));
  EXPECT_EQ(error_of([&] { functions_.get_policy(ctx(), "f", std::nullopt); }),
            "ResourceNotFoundException");
  AddPermissionRequest p{"s1", "lambda:InvokeFunction", "events.amazonaws.com", "arn:x", {}, {}, {},
                         {}};
  functions_.add_permission(ctx(), "f", std::nullopt, p);
  EXPECT_EQ(error_of([&] { functions_.add_permission(ctx(), "f", std::nullopt, p); }),
            "ResourceConflictException");
  auto policy = nlohmann::json::parse(functions_.get_policy(ctx(), "f", std::nullopt).first);
  EXPECT_EQ(policy["Statement"][0]["Condition"]["ArnLike"]["AWS:SourceArn"], "arn:x");
  functions_.remove_permission(ctx(), "f", "s1", std::nullopt, std::nullopt);
  EXPECT_EQ(error_of([&] { functions_.remove_permission(ctx(), "f", "s1", {}, {}); }),
            "ResourceNotFoundException");
  // A pending step still completes after the permission changed the revision.
  scheduler().run_due();
  EXPECT_EQ(functions_.get(ctx(), "f", std::nullopt).state, "Active");
}

}  // namespace
}  // namespace ebs::lambda
