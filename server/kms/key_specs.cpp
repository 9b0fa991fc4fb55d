#include "kms/key_specs.hpp"

#include <algorithm>

namespace ebs::kms {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

const std::vector<std::string>& key_specs() {
  static const std::vector<std::string> specs = {"RSA_2048",
                                                 "RSA_3072",
                                                 "RSA_4096",
                                                 "ECC_NIST_P256",
                                                 "ECC_NIST_P384",
                                                 "ECC_NIST_P521",
                                                 "ECC_SECG_P256K1",
                                                 "SYMMETRIC_DEFAULT",
                                                 "HMAC_224",
                                                 "HMAC_256",
                                                 "HMAC_384",
                                                 "HMAC_512",
                                                 "SM2",
                                                 "ML_DSA_44",
                                                 "ML_DSA_65",
                                                 "ML_DSA_87",
                                                 "ECC_NIST_EDWARDS25519"};
  return specs;
}

const std::vector<std::string>& key_usages() {
  static const std::vector<std::string> usages = {"SIGN_VERIFY", "ENCRYPT_DECRYPT",
                                                  "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"};
  return usages;
}

bool is_key_spec(const std::string& spec) {
  const auto& all = key_specs();
  return std::find(all.begin(), all.end(), spec) != all.end();
}

bool is_key_usage(const std::string& usage) {
  const auto& all = key_usages();
  return std::find(all.begin(), all.end(), usage) != all.end();
}

bool usage_allowed(const std::string& spec, const std::string& usage) {
  if (spec == "SYMMETRIC_DEFAULT") return usage == "ENCRYPT_DECRYPT";
  if (starts_with(spec, "HMAC_")) return usage == "GENERATE_VERIFY_MAC";
  if (starts_with(spec, "RSA_")) return usage == "ENCRYPT_DECRYPT" || usage == "SIGN_VERIFY";
  if (spec == "SM2") return usage != "GENERATE_VERIFY_MAC";
  if (spec == "ECC_SECG_P256K1" || starts_with(spec, "ML_DSA_") ||
      spec == "ECC_NIST_EDWARDS25519") {
    return usage == "SIGN_VERIFY";
  }
  if (starts_with(spec, "ECC_NIST_")) return usage == "SIGN_VERIFY" || usage == "KEY_AGREEMENT";
  return false;
}

std::string default_usage(const std::string& spec) {
  if (starts_with(spec, "HMAC_")) return "GENERATE_VERIFY_MAC";
  return "ENCRYPT_DECRYPT";
}

KeyAlgorithms algorithms(const std::string& spec, const std::string& usage) {
  KeyAlgorithms a;
  if (usage == "ENCRYPT_DECRYPT") {
    if (spec == "SYMMETRIC_DEFAULT") {
      a.encryption = {"SYMMETRIC_DEFAULT"};
    } else if (spec == "SM2") {
      a.encryption = {"SM2PKE"};
    } else {
      a.encryption = {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"};
    }
  } else if (usage == "SIGN_VERIFY") {
    if (starts_with(spec, "RSA_")) {
      a.signing = {"RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384",
                   "RSASSA_PKCS1_V1_5_SHA_512", "RSASSA_PSS_SHA_256",
                   "RSASSA_PSS_SHA_384",        "RSASSA_PSS_SHA_512"};
    } else if (spec == "ECC_NIST_P256" || spec == "ECC_SECG_P256K1") {
      a.signing = {"ECDSA_SHA_256"};
    } else if (spec == "ECC_NIST_P384") {
      a.signing = {"ECDSA_SHA_384"};
    } else if (spec == "ECC_NIST_P521") {
      a.signing = {"ECDSA_SHA_512"};
    } else if (spec == "SM2") {
      a.signing = {"SM2DSA"};
    } else if (starts_with(spec, "ML_DSA_")) {
      a.signing = {"ML_DSA_SHAKE_256"};
    } else if (spec == "ECC_NIST_EDWARDS25519") {
      a.signing = {"ED25519_SHA_512", "ED25519_PH_SHA_512"};
    }
  } else if (usage == "GENERATE_VERIFY_MAC") {
    a.mac = {"HMAC_SHA_" + spec.substr(5)};
  } else if (usage == "KEY_AGREEMENT") {
    a.key_agreement = {"ECDH"};
  }
  return a;
}

}  // namespace ebs::kms
