#include "protocol/sigv4_scope.hpp"

#include <boost/url/parse_query.hpp>

namespace ebs::protocol {
namespace {

CredentialScope split_scope(std::string_view credential) {
  CredentialScope scope;
  std::string_view parts[5];
  size_t n = 0;
  while (n < 5) {
    auto slash = credential.find('/');
    parts[n++] = credential.substr(0, slash);
    if (slash == std::string_view::npos) break;
    credential.remove_prefix(slash + 1);
  }
  if (n >= 1) scope.access_key = std::string(parts[0]);
  if (n >= 3) scope.region = std::string(parts[2]);
  if (n >= 4) scope.service = std::string(parts[3]);
  return scope;
}

}  // namespace

CredentialScope parse_credential_scope(const HttpRequest& request) {
  if (auto auth = request.header("Authorization")) {
    std::string_view a = *auth;
    auto pos = a.find("Credential=");
    if (pos != std::string_view::npos) {
      a.remove_prefix(pos + 11);
      auto end = a.find_first_of(", ");
      return split_scope(a.substr(0, end));
    }
    if (a.substr(0, 4) == "AWS ") {  // SigV2: "AWS AKID:signature"
      a.remove_prefix(4);
      CredentialScope scope;
      scope.access_key = std::string(a.substr(0, a.find(':')));
      return scope;
    }
  }
  auto query = request.query();
  if (!query.empty()) {
    auto params = boost::urls::parse_query(query);
    if (params) {
      for (auto param : *params) {
        if (param.key == "X-Amz-Credential" && param.has_value) {
          std::string decoded;
          param.value.decode({}, boost::urls::string_token::assign_to(decoded));
          return split_scope(decoded);
        }
      }
    }
  }
  return {};
}

std::string account_for_access_key(std::string_view access_key,
                                   const std::string& default_account) {
  if (access_key.size() == 12) {
    bool digits = true;
    for (char c : access_key) digits = digits && c >= '0' && c <= '9';
    if (digits) return std::string(access_key);
  }
  return default_account;
}

}  // namespace ebs::protocol
