// RequestContext: who is calling and where: the account and region read from the SigV4 scope, the
// request id echoed in the response, and the emulated time at which the request is handled.
#pragma once

#include <cstdint>
#include <string>

namespace ebs {

struct RequestContext {
  std::string account;     // 12 digits
  std::string region;      // e.g. us-east-1
  std::string request_id;  // UUID, echoed as requestId / x-amzn-RequestId
  int64_t now_ms = 0;      // emulated time of the request
};

}  // namespace ebs
