// QueryApi: one dispatch table per Query-protocol service (EC2, IAM). An action writes its result
// elements; QueryApi adds the `<ActionResponse xmlns=...>` envelope and the request id in the
// service's style, and renders AwsError as that service's XML error document.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>

#include "core/faults.hpp"
#include "core/request_context.hpp"
#include "protocol/http_types.hpp"
#include "protocol/query_params.hpp"
#include "protocol/response_cache.hpp"
#include "protocol/xml_writer.hpp"

namespace ebs::protocol {

class QueryApi {
 public:
  enum class Style {
    kEc2,  // <XResponse xmlns><requestId/>...</XResponse>; errors <Response><Errors>...<RequestID>
    kAws,  // IAM/STS: <XResponse><XResult>...</XResult><ResponseMetadata>; errors <ErrorResponse>
  };
  using Action = std::function<void(const QueryParams&, const RequestContext&, XmlWriter&)>;

  QueryApi(std::string service, std::string xmlns, Style style);
  void add(const std::string& action, Action handler);
  // A read-only action whose result depends only on the stored state and the request: while the
  // state is unchanged its encoded result is served from the response cache (see set_cache).
  void add_read(const std::string& action, Action handler);
  bool has(const std::string& action) const { return actions_.count(action) != 0; }
  // Runs the action named by `Action`; never throws.
  HttpResponse handle(const QueryParams& params, const RequestContext& ctx) const;
  HttpResponse error(const std::string& code, const std::string& message, int status,
                     const RequestContext& ctx) const;
  const std::string& service() const { return service_; }
  // Injected API faults (tests) are consulted before each action runs.
  void set_faults(FaultRegistry* faults) { faults_ = faults; }
  void set_cache(ResponseCache* cache) { cache_ = cache; }

 private:
  struct Entry {
    Action run;
    bool cacheable = false;
  };
  void run_action(const Entry& entry, const QueryParams& params, const RequestContext& ctx,
                  XmlWriter& xml) const;

  std::string service_;
  std::string xmlns_;
  Style style_;
  std::unordered_map<std::string, Entry> actions_;
  FaultRegistry* faults_ = nullptr;
  ResponseCache* cache_ = nullptr;
};

}  // namespace ebs::protocol
