// Router: recognises the service of each request the way AWS SDKs send them and hands it to that
// service's dispatch table: `/_emulator/...` -> admin; `X-Amz-Target` -> JSON 1.1; Lambda REST
// paths; otherwise the Query protocol (`Action=` in the form body or URL query), EC2 unless the
// SigV4 scope names another Query service (iam). It builds the RequestContext (account, region,
// request id, time), logs one line per request, and never throws.
#pragma once

#include <map>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "protocol/http_types.hpp"
#include "protocol/json_api.hpp"
#include "protocol/query_api.hpp"
#include "protocol/rest_api.hpp"

namespace ebs::protocol {

class Router {
 public:
  struct Apis {
    std::map<std::string, const QueryApi*> query;  // by SigV4 service name; "ec2" is the default
    const JsonApi* json = nullptr;
    const RestApi* lambda = nullptr;
    const RestApi* admin = nullptr;
  };

  Router(Apis apis, Clock& clock, IdGenerator& ids, std::string default_account);
  HttpResponse handle(const HttpRequest& request) const noexcept;

 private:
  HttpResponse route(const HttpRequest& request, RequestContext& ctx, std::string& label) const;

  Apis apis_;
  Clock& clock_;
  IdGenerator& ids_;
  std::string default_account_;
};

}  // namespace ebs::protocol
