// Reading who and where a request is for from its SigV4 credential scope
// (`Credential=AKID/DATE/REGION/SERVICE/aws4_request`, in the Authorization header or the
// X-Amz-Credential query parameter). Signatures are not verified.
#pragma once

#include <string>
#include <string_view>

#include "protocol/http_types.hpp"

namespace ebs::protocol {

struct CredentialScope {
  std::string access_key;
  std::string region;   // empty when absent
  std::string service;  // "ec2", "events", "kms", "lambda", "iam", "logs" ... or empty
};

CredentialScope parse_credential_scope(const HttpRequest& request);
// A 12-digit access key is the account id; any other key maps to `default_account`.
std::string account_for_access_key(std::string_view access_key, const std::string& default_account);

}  // namespace ebs::protocol
