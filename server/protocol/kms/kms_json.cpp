#include "protocol/kms/kms_json.hpp"

#include <cstring>

#include "kms/key_specs.hpp"
#include "kms/kms_errors.hpp"

namespace ebs::protocol::kms {
namespace {

std::string member_name(const char* name) {
  std::string m(name);
  if (!m.empty()) m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
  return m;
}

constexpr const char* kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string req_string(const nlohmann::json& in, const char* name) {
  auto v = opt_string(in, name);
  if (!v) {
    throw AwsError("ValidationException", "1 validation error detected: Value null at '" +
                                              member_name(name) +
                                              "' failed to satisfy constraint: Member must not "
                                              "be null");
  }
  return *v;
}

std::optional<int64_t> opt_time_ms(const nlohmann::json& in, const char* name) {
  auto seconds = opt_member<double>(in, name);
  if (!seconds) return std::nullopt;
  return static_cast<int64_t>(*seconds * 1000.0);
}

std::string req_blob(const nlohmann::json& in, const char* name) {
  auto text = req_string(in, name);
  auto bytes = base64_decode(text);
  if (!bytes) {
    throw AwsError("SerializationException",
                   "Value for " + std::string(name) + " is not valid base64 data.");
  }
  return *bytes;
}

std::vector<Tag> tags(const nlohmann::json& in, const char* name) {
  std::vector<Tag> out;
  auto it = in.find(name);
  if (it == in.end() || it->is_null()) return out;
  for (const auto& t : *it) {
    out.push_back({req_string(t, "TagKey"), req_string(t, "TagValue")});
  }
  return out;
}

std::string base64_encode(const std::string& bytes) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (char c : text) {
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding) return std::nullopt;
    const char* p = std::strchr(kAlphabet, c);
    if (c == '\0' || !p) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(p - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  if (padding > 2) return std::nullopt;
  return out;
}

nlohmann::json epoch_seconds(int64_t ms) {
  if (ms % 1000 == 0) return ms / 1000;
  return static_cast<double>(ms) / 1000.0;
}

nlohmann::json key_metadata(const store::KeyRow& key) {
  nlohmann::json m;
  m["AWSAccountId"] = key.account;
  m["KeyId"] = key.key_id;
  m["Arn"] = key.arn;
  m["CreationDate"] = epoch_seconds(key.creation_ms);
  m["Enabled"] = key.state == "Enabled";
  m["Description"] = key.description;
  m["KeyUsage"] = key.key_usage;
  m["KeyState"] = key.state;
  if (key.deletion_ms) m["DeletionDate"] = epoch_seconds(*key.deletion_ms);
  if (key.valid_to_ms) m["ValidTo"] = epoch_seconds(*key.valid_to_ms);
  m["Origin"] = key.origin;
  if (key.expiration_model) m["ExpirationModel"] = *key.expiration_model;
  m["KeyManager"] = key.key_manager;
  m["CustomerMasterKeySpec"] = key.key_spec;
  m["KeySpec"] = key.key_spec;
  auto algorithms = ebs::kms::algorithms(key.key_spec, key.key_usage);
  if (!algorithms.encryption.empty()) m["EncryptionAlgorithms"] = algorithms.encryption;
  if (!algorithms.signing.empty()) m["SigningAlgorithms"] = algorithms.signing;
  if (!algorithms.mac.empty()) m["MacAlgorithms"] = algorithms.mac;
  if (!algorithms.key_agreement.empty()) m["KeyAgreementAlgorithms"] = algorithms.key_agreement;
  m["MultiRegion"] = key.multi_region;
  if (key.multi_region) {
    m["MultiRegionConfiguration"] = {{"MultiRegionKeyType", "PRIMARY"},
                                     {"PrimaryKey", {{"Arn", key.arn}, {"Region", key.region}}},
                                     {"ReplicaKeys", nlohmann::json::array()}};
  }
  return m;
}

nlohmann::json alias_entry(const store::AliasRow& alias, const std::string& alias_arn) {
  return {{"AliasName", alias.alias_name},
          {"AliasArn", alias_arn},
          {"TargetKeyId", alias.target_key_id},
          {"CreationDate", epoch_seconds(alias.creation_ms)},
          {"LastUpdatedDate", epoch_seconds(alias.last_updated_ms)}};
}

}  // namespace ebs::protocol::kms
