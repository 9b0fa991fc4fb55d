// The KMS key specs and usages the emulator accepts, and the algorithm lists AWS reports for each
// (KeyMetadata.EncryptionAlgorithms / SigningAlgorithms / MacAlgorithms / KeyAgreementAlgorithms).
#pragma once

#include <string>
#include <vector>

namespace ebs::kms {

struct KeyAlgorithms {
  std::vector<std::string> encryption;
  std::vector<std::string> signing;
  std::vector<std::string> mac;
  std::vector<std::string> key_agreement;
};

// True when the key spec is one of botocore's KeySpec values.
bool is_key_spec(const std::string& spec);
bool is_key_usage(const std::string& usage);
// True when AWS allows `usage` for `spec` (e.g. HMAC_* only with GENERATE_VERIFY_MAC).
bool usage_allowed(const std::string& spec, const std::string& usage);
// The usage CreateKey picks when the request names none.
std::string default_usage(const std::string& spec);
KeyAlgorithms algorithms(const std::string& spec, const std::string& usage);
// The enum lists, in botocore's order, for validation messages.
const std::vector<std::string>& key_specs();
const std::vector<std::string>& key_usages();

}  // namespace ebs::kms
