// KMS wire helpers: reading typed members of a JSON request (with KMS's ValidationException for a
// missing required member), blobs as base64, timestamps as epoch seconds, and the KeyMetadata /
// AliasListEntry shapes exactly as botocore names them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/filter.hpp"
#include "protocol/json_members.hpp"
#include "store/kms/alias_table.hpp"
#include "store/kms/key_table.hpp"

namespace ebs::protocol::kms {

// opt_string, opt_int and opt_bool: protocol/json_members.hpp.
// Throws ValidationException naming the member (lower camel case) when it is missing.
std::string req_string(const nlohmann::json& in, const char* name);
// A timestamp member (epoch seconds, fractional allowed) in milliseconds.
std::optional<int64_t> opt_time_ms(const nlohmann::json& in, const char* name);
// A blob member (base64 on the wire), decoded.
std::string req_blob(const nlohmann::json& in, const char* name);
// Tags: [{"TagKey": ..., "TagValue": ...}].
std::vector<Tag> tags(const nlohmann::json& in, const char* name);

std::string base64_encode(const std::string& bytes);
std::optional<std::string> base64_decode(const std::string& text);
// Epoch seconds as botocore expects them (a JSON number, milliseconds as the fraction).
nlohmann::json epoch_seconds(int64_t ms);

nlohmann::json key_metadata(const store::KeyRow& key);
nlohmann::json alias_entry(const store::AliasRow& alias, const std::string& alias_arn);

}  // namespace ebs::protocol::kms
