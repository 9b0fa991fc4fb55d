// RestApi: a method + path-template dispatch table for REST-style APIs (Lambda's
// `/2015-03-31/functions/{FunctionName}/invocations`, the `/_emulator/` admin API). Path parameters
// are percent-decoded; the error renderer is per API (Lambda's `x-amzn-ErrorType` +
// `{"Type","Message"}`, the admin API's plain JSON).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/request_context.hpp"
#include "protocol/http_types.hpp"
#include "protocol/query_params.hpp"

namespace ebs::protocol {

struct RestRequest {
  const HttpRequest& http;
  std::map<std::string, std::string> path;  // {name} -> value
  QueryParams query;
};

class RestApi {
 public:
  using Action = std::function<HttpResponse(const RestRequest&, const RequestContext&)>;
  using ErrorRenderer = std::function<HttpResponse(
      const std::string& code, const std::string& message, int status, const RequestContext&)>;

  explicit RestApi(ErrorRenderer renderer);
  // `path_template` like "/2015-03-31/functions/{FunctionName}"; segments match whole segments.
  void add(const std::string& method, const std::string& path_template, Action handler);
  bool matches_prefix(std::string_view path) const;
  // Never throws. A path that matches no route gets 404 (or 405 for a known path, other method).
  HttpResponse handle(const HttpRequest& request, const RequestContext& ctx) const;
  HttpResponse error(const std::string& code, const std::string& message, int status,
                     const RequestContext& ctx) const {
    return renderer_(code, message, status, ctx);
  }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Action handler;
  };
  ErrorRenderer renderer_;
  std::vector<Route> routes_;
};

// Admin-style JSON error: {"error": code, "message": message}.
HttpResponse plain_json_error(const std::string& code, const std::string& message, int status,
                              const RequestContext& ctx);

}  // namespace ebs::protocol
