#include "protocol/router.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/aws_error.hpp"
#include "protocol/sigv4_scope.hpp"

namespace ebs::protocol {
namespace {

bool is_form(const HttpRequest& request) {
  auto type = request.header("Content-Type");
  return type && type->find("x-www-form-urlencoded") != std::string_view::npos;
}

}  // namespace

Router::Router(Apis apis, Clock& clock, IdGenerator& ids, std::string default_account)
    : apis_(std::move(apis)),
      clock_(clock),
      ids_(ids),
      default_account_(std::move(default_account)) {}

HttpResponse Router::route(const HttpRequest& request, RequestContext& ctx,
                           std::string& label) const {
  std::string_view path = request.path();
  if (path.substr(0, 11) == "/_emulator/" && apis_.admin) {
    label = "admin " + request.method + " " + std::string(path);
    return apis_.admin->handle(request, ctx);
  }
  if (auto target = request.header("X-Amz-Target")) {
    label = std::string(*target);
    if (!apis_.json)
      return JsonApi::error("UnknownOperationException", "Unknown operation", 400, ctx);
    return apis_.json->handle(std::string(*target), request.body, ctx);
  }
  if (apis_.lambda && apis_.lambda->matches_prefix(path)) {
    label = "lambda " + request.method + " " + std::string(path);
    return apis_.lambda->handle(request, ctx);
  }
  QueryParams params;
  try {
    params = QueryParams::parse(request.query());
    if (request.method == "POST" && (is_form(request) || !request.body.empty())) {
      params.merge(QueryParams::parse(request.body));
    }
  } catch (const AwsError& e) {
    auto ec2 = apis_.query.find("ec2");
    label = "query";
    if (ec2 != apis_.query.end()) return ec2->second->error(e.code(), e.message(), 400, ctx);
    return JsonApi::error(e.code(), e.message(), 400, ctx);
  }
  auto scope = parse_credential_scope(request);
  auto api = apis_.query.find(scope.service);
  if (api == apis_.query.end()) api = apis_.query.find("ec2");
  if (api == apis_.query.end()) {
    return JsonApi::error("UnknownOperationException", "Unknown operation", 404, ctx);
  }
  if (!params.has("Action")) {
    label = "query (no Action)";
    if (request.method == "GET" && path == "/") {
      return api->second->error("MissingAction", "The request must contain the parameter Action",
                                400, ctx);
    }
    return api->second->error("InvalidAction", "The action  is not valid for this web service.",
                              400, ctx);
  }
  label = api->second->service() + "." + *params.get("Action");
  return api->second->handle(params, ctx);
}

HttpResponse Router::handle(const HttpRequest& request) const noexcept {
  auto started = std::chrono::steady_clock::now();
  RequestContext ctx;
  std::string label = "?";
  HttpResponse response;
  try {
    auto scope = parse_credential_scope(request);
    ctx.account = account_for_access_key(scope.access_key, default_account_);
    ctx.region = scope.region.empty() ? "us-east-1" : scope.region;
    ctx.request_id = ids_.uuid();
    ctx.now_ms = clock_.now_ms();
    response = route(request, ctx, label);
  } catch (const std::exception& e) {
    spdlog::error("unexpected error on {} {}: {}", request.method, request.target, e.what());
    response = JsonApi::error("InternalFailure", "An internal error has occurred", 500, ctx);
  }
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count();
  if (response.status >= 500) {
    spdlog::error("{} account={} region={} -> {} ({:.2f} ms)", label, ctx.account, ctx.region,
                  response.status, micros / 1000.0);
  } else {
    spdlog::debug("{} account={} region={} -> {} ({:.2f} ms)", label, ctx.account, ctx.region,
                  response.status, micros / 1000.0);
  }
  return response;
}

}  // namespace ebs::protocol
