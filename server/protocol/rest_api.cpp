#include "protocol/rest_api.hpp"

#include <spdlog/spdlog.h>

#include <boost/url/pct_string_view.hpp>
#include <nlohmann/json.hpp>

#include "core/aws_error.hpp"

namespace ebs::protocol {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

std::optional<std::string> pct_decode(const std::string& text) {
  auto view = boost::urls::make_pct_string_view(text);
  if (!view) return std::nullopt;
  std::string out;
  view->decode({}, boost::urls::string_token::assign_to(out));
  return out;
}

}  // namespace

RestApi::RestApi(ErrorRenderer renderer) : renderer_(std::move(renderer)) {}

void RestApi::add(const std::string& method, const std::string& path_template, Action handler) {
  routes_.push_back({method, split_path(path_template), std::move(handler)});
}

bool RestApi::matches_prefix(std::string_view path) const {
  auto segments = split_path(path);
  for (const auto& route : routes_) {
    if (!segments.empty() && !route.segments.empty() && route.segments[0] == segments[0]) {
      return true;
    }
  }
  return false;
}

HttpResponse RestApi::handle(const HttpRequest& request, const RequestContext& ctx) const {
  auto segments = split_path(request.path());
  bool path_known = false;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      const auto& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        auto decoded = pct_decode(segments[i]);
        if (!decoded)
          ok = false;
        else
          params[want.substr(1, want.size() - 2)] = *decoded;
      } else {
        ok = want == segments[i];
      }
    }
    if (!ok) continue;
    path_known = true;
    if (route.method != request.method) continue;
    try {
      RestRequest rest{request, std::move(params), QueryParams::parse(request.query())};
      return route.handler(rest, ctx);
    } catch (const AwsError& e) {
      return renderer_(e.code(), e.message(), e.http_status(), ctx);
    } catch (const nlohmann::json::exception& e) {
      return renderer_("InvalidRequestContentException", e.what(), 400, ctx);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: internal error: {}", request.method, request.target, e.what());
      return renderer_("ServiceException", "An internal error has occurred", 500, ctx);
    }
  }
  if (path_known) return renderer_("MethodNotAllowed", "Method not allowed", 405, ctx);
  return renderer_("UnknownOperationException", "Unknown operation", 404, ctx);
}

HttpResponse plain_json_error(const std::string& code, const std::string& message, int status,
                              const RequestContext& ctx) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
  response.body = nlohmann::json{{"error", code}, {"message", message}}.dump();
  return response;
}

}  // namespace ebs::protocol
