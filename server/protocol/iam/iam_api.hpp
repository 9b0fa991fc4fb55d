// The IAM Query API (xmlns https://iam.amazonaws.com/doc/2010-05-08/, AWS-style envelopes), chosen
// by the Router when the SigV4 scope names the "iam" service.
#pragma once

#include "iam/iam_service.hpp"
#include "protocol/query_api.hpp"

namespace ebs::protocol::iam {

QueryApi make_iam_api();
void register_role_actions(QueryApi& api, ebs::iam::IamService& service);
void register_policy_actions(QueryApi& api, ebs::iam::IamService& service);

// IAM returns policy documents URL-encoded (RFC 3986), as AWS does.
std::string url_encode(std::string_view text);

}  // namespace ebs::protocol::iam
