// Lambda's wire shapes shared by the codecs: the error renderer, FunctionConfiguration, JSON
// replies.
#include <ctime>

#include "core/aws_error.hpp"
#include "lambda/function_service.hpp"
#include "protocol/lambda/lambda_api.hpp"

namespace ebs::protocol::lambda {
namespace {

// 2024-01-31T12:34:56.789+0000, Lambda's LastModified.
std::string last_modified(int64_t epoch_ms) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(epoch_ms % 1000));
  return buffer;
}

}  // namespace

HttpResponse lambda_error(const std::string& code, const std::string& message, int status,
                          const RequestContext& ctx) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
  response.headers.emplace_back("x-amzn-ErrorType", code);
  response.body = nlohmann::ordered_json{
      {"Type", status >= 500 ? "Service" : "User"},
      {"Message",
       message}}.dump();
  return response;
}

RestApi make_lambda_api() { return RestApi(lambda_error); }

HttpResponse json_reply(int status, const nlohmann::ordered_json& body, const RequestContext& ctx) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
  response.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return response;
}

nlohmann::json parse_body(const RestRequest& request) {
  if (request.http.body.empty()) return nlohmann::json::object();
  auto body = nlohmann::json::parse(request.http.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw AwsError("InvalidRequestContentException", "Could not parse request body into json", 400);
  }
  return body;
}

nlohmann::ordered_json function_configuration(const store::FunctionRow& f) {
  nlohmann::ordered_json c;
  c["FunctionName"] = f.name;
  c["FunctionArn"] = ebs::lambda::FunctionService::function_arn(f.region, f.account, f.name);
  if (f.package_type == "Zip") c["Runtime"] = f.runtime;
  c["Role"] = f.role;
  if (f.package_type == "Zip") c["Handler"] = f.handler;
  c["CodeSize"] = f.code_size;
  c["Description"] = f.description;
  c["Timeout"] = f.timeout_seconds;
  c["MemorySize"] = f.memory_mb;
  c["LastModified"] = last_modified(f.last_modified);
  c["CodeSha256"] = f.code_sha256;
  c["Version"] = "$LATEST";
  auto env = nlohmann::ordered_json::parse(f.environment_json, nullptr, false);
  if (env.is_object() && !env.empty()) c["Environment"] = {{"Variables", env}};
  c["TracingConfig"] = {{"Mode", "PassThrough"}};
  c["RevisionId"] = f.revision_id;
  c["State"] = f.state;
  if (f.state == "Pending") {
    c["StateReason"] = "The function is being created.";
    c["StateReasonCode"] = "Creating";
  } else {
    c["LastUpdateStatus"] = f.last_update_status;
    if (f.last_update_status == "InProgress") {
      c["LastUpdateStatusReason"] = "The function is being created.";
      c["LastUpdateStatusReasonCode"] = "Creating";
    }
  }
  c["PackageType"] = f.package_type;
  c["Architectures"] = {"x86_64"};
  c["EphemeralStorage"] = {{"Size", 512}};
  c["SnapStart"] = {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}};
  c["LoggingConfig"] = {{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + f.name}};
  return c;
}

}  // namespace ebs::protocol::lambda
