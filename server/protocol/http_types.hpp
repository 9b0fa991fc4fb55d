// HttpRequest / HttpResponse: the plain values the protocol layer works on, so that nothing but
// net/ includes Beast. Header names are compared case-insensitively.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ebs::protocol {

bool iequals(std::string_view a, std::string_view b);

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, e.g. "/?Action=DescribeVolumes"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::optional<std::string_view> header(std::string_view name) const;
  std::string_view path() const;   // target without the query
  std::string_view query() const;  // after '?', or empty
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

}  // namespace ebs::protocol
