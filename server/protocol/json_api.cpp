#include "protocol/json_api.hpp"

#include <spdlog/spdlog.h>

#include "core/aws_error.hpp"

namespace ebs::protocol {

void JsonApi::add(const std::string& target, Action handler) {
  actions_[target] = std::move(handler);
}

HttpResponse JsonApi::error(const std::string& code, const std::string& message, int status,
                            const RequestContext& ctx) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/x-amz-json-1.1";
  response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
  response.body = nlohmann::json{{"__type", code}, {"message", message}}.dump();
  return response;
}

HttpResponse JsonApi::handle(const std::string& target, const std::string& body,
                             const RequestContext& ctx) const {
  auto it = actions_.find(target);
  if (it == actions_.end()) {
    return error("UnknownOperationException", "Unknown operation " + target, 400, ctx);
  }
  if (faults_) {
    auto dot = target.find('.');
    std::string prefix = target.substr(0, dot);
    std::string service = prefix == "AWSEvents"           ? "events"
                          : prefix == "TrentService"      ? "kms"
                          : prefix.rfind("Logs_", 0) == 0 ? "logs"
                                                          : prefix;
    std::string action = dot == std::string::npos ? target : target.substr(dot + 1);
    if (auto fault = faults_->api_fault(service, action, ctx.account, ctx.region)) {
      return error(fault->code(), fault->message(), fault->http_status(), ctx);
    }
  }
  nlohmann::json input;
  if (!body.empty()) {
    input = nlohmann::json::parse(body, nullptr, false);
    if (input.is_discarded() || !input.is_object()) {
      return error("SerializationException", "Start of structure or map found where not expected.",
                   400, ctx);
    }
  } else {
    input = nlohmann::json::object();
  }
  try {
    nlohmann::json output = it->second(input, ctx);
    HttpResponse response;
    response.content_type = "application/x-amz-json-1.1";
    response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
    response.body = output.is_null()
                        ? "{}"
                        : output.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
  } catch (const AwsError& e) {
    return error(e.code(), e.message(), e.http_status(), ctx);
  } catch (const nlohmann::json::exception& e) {
    return error("SerializationException", e.what(), 400, ctx);
  } catch (const std::exception& e) {
    spdlog::error("{}: internal error: {}", target, e.what());
    return error("InternalFailure", "An internal error has occurred", 500, ctx);
  }
}

}  // namespace ebs::protocol
