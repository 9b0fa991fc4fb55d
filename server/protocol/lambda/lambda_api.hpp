// The Lambda REST API (`/2015-03-31/functions/...`, JSON bodies): the dispatch table with Lambda's
// error format (HTTP status + `x-amzn-ErrorType: <Code>` + `{"Type":"User","Message":...}`), and
// the registration of each group of actions.
#pragma once

#include <nlohmann/json.hpp>

#include "lambda/function_service.hpp"
#include "lambda/invoke_service.hpp"
#include "protocol/rest_api.hpp"

namespace ebs::protocol::lambda {

RestApi make_lambda_api();
HttpResponse lambda_error(const std::string& code, const std::string& message, int status,
                          const RequestContext& ctx);

// `endpoint` is the emulator's URL, for GetFunction's Code.Location.
void register_function_actions(RestApi& api, ebs::lambda::FunctionService& functions,
                               ebs::lambda::InvokeService& invoker, const Config& config);
void register_invoke_actions(RestApi& api, ebs::lambda::InvokeService& invoker);
void register_permission_actions(RestApi& api, ebs::lambda::FunctionService& functions);
void register_tag_actions(RestApi& api, ebs::lambda::FunctionService& functions);

// Shared by the codecs.
nlohmann::ordered_json function_configuration(const store::FunctionRow& f);
HttpResponse json_reply(int status, const nlohmann::ordered_json& body, const RequestContext& ctx);
nlohmann::json parse_body(const RestRequest& request);

}  // namespace ebs::protocol::lambda
