// The KMS JSON 1.1 API (`X-Amz-Target: TrentService.<Op>`): registration of every KMS action codec
// on the JsonApi (one file per group of actions: decode the JSON request into the KeyService's
// typed request, encode the result with botocore's member names).
#pragma once

#include "protocol/json_api.hpp"

namespace ebs::kms {
class KeyService;
}

namespace ebs::protocol::kms {

void register_kms_actions(JsonApi& api, ebs::kms::KeyService& keys);
void register_key_actions(JsonApi& api, ebs::kms::KeyService& keys);
void register_alias_actions(JsonApi& api, ebs::kms::KeyService& keys);
void register_tag_actions(JsonApi& api, ebs::kms::KeyService& keys);

}  // namespace ebs::protocol::kms
