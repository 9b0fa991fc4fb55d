// HttpClient: a small blocking HTTP/1.1 client (plain http://) for calling targets: API
// destinations, container-image Lambda invoke URLs. Each call has a deadline; the caller runs it on
// a worker thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ebs::net {

struct HttpCallResult {
  bool ok = false;    // a response was received (any status)
  int status = 0;     // HTTP status when ok
  std::string body;   // response body when ok
  std::string error;  // transport error when !ok (connection refused, timeout, bad URL)
};

// `url` like http://127.0.0.1:8080/path?x=1. https is refused with an error (offline emulator).
HttpCallResult http_call(const std::string& method, const std::string& url,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         const std::string& body, int timeout_ms);

}  // namespace ebs::net
