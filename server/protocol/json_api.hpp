// JsonApi: the dispatch table of the JSON 1.1 protocol (`X-Amz-Target: AWSEvents.PutRule`,
// `TrentService.CreateKey`, `Logs_20140328.GetLogEvents`). An action takes the parsed request
// object and returns the response object; AwsError becomes `{"__type": code, "message": ...}`.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "core/faults.hpp"
#include "core/request_context.hpp"
#include "protocol/http_types.hpp"

namespace ebs::protocol {

class JsonApi {
 public:
  using Action = std::function<nlohmann::json(const nlohmann::json&, const RequestContext&)>;

  void add(const std::string& target, Action handler);
  bool has(const std::string& target) const { return actions_.count(target) != 0; }
  // Never throws.
  HttpResponse handle(const std::string& target, const std::string& body,
                      const RequestContext& ctx) const;
  static HttpResponse error(const std::string& code, const std::string& message, int status,
                            const RequestContext& ctx);
  // Injected API faults (tests) are consulted before each action runs; the service name comes from
  // the target prefix (AWSEvents -> events, TrentService -> kms, Logs_20140328 -> logs).
  void set_faults(FaultRegistry* faults) { faults_ = faults; }

 private:
  std::unordered_map<std::string, Action> actions_;
  FaultRegistry* faults_ = nullptr;
};

}  // namespace ebs::protocol
