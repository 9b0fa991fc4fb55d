#include "kms/key_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kms/key_specs.hpp"
#include "kms/kms_errors.hpp"

namespace ebs::kms {
namespace {

constexpr const char* kDeleteWork = "kms.key.delete";
constexpr const char* kExpireWork = "kms.key.material_expire";
constexpr int64_t kDayMs = 86'400'000;
constexpr const char* kEbsManagedDescription =
    "Default key that protects my EBS volumes when no other key is defined";

bool is_hex(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// A KMS key id: a UUID (8-4-4-4-12 hex) or a multi-Region key id (mrk- and 32 hex digits).
bool is_key_id(const std::string& s) {
  if (s.rfind("mrk-", 0) == 0) return s.size() == 36 && is_hex(s.substr(4));
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(std::string(1, s[i]))) return false;
  }
  return true;
}

bool is_predefined_alias(const std::string& alias_name) { return alias_name == "alias/aws/ebs"; }

struct ParsedRef {
  std::string account;
  std::string region;
  std::optional<std::string> key_id;
  std::optional<std::string> alias_name;
};

// Splits a key reference into where it points: `arn:aws:kms:<region>:<account>:key/<id>`,
// `arn:aws:kms:<region>:<account>:alias/<name>`, `alias/<name>` or a bare key id.
ParsedRef parse_ref(const std::string& ref, const std::string& account, const std::string& region) {
  ParsedRef p{account, region, std::nullopt, std::nullopt};
  if (ref.rfind("arn:", 0) == 0) {
    // arn:partition:kms:region:account:resource
    std::vector<std::string> parts;
    size_t start = 0;
    for (int i = 0; i < 5; ++i) {
      size_t colon = ref.find(':', start);
      if (colon == std::string::npos) throw invalid_arn(ref);
      parts.push_back(ref.substr(start, colon - start));
      start = colon + 1;
    }
    std::string resource = ref.substr(start);
    if (parts[2] != "kms" || parts[3].empty() || parts[4].size() != 12) throw invalid_arn(ref);
    p.region = parts[3];
    p.account = parts[4];
    if (resource.rfind("key/", 0) == 0) {
      p.key_id = resource.substr(4);
    } else if (resource.rfind("alias/", 0) == 0) {
      p.alias_name = resource;
    } else {
      throw invalid_arn(ref);
    }
    return p;
  }
  if (ref.rfind("alias/", 0) == 0) {
    p.alias_name = ref;
  } else {
    p.key_id = ref;
  }
  return p;
}

std::string state_cause(const store::KeyRow& key) {
  if (key.state == "Disabled") return key.arn + " is disabled.";
  if (key.state == "PendingDeletion") return key.arn + " is pending deletion.";
  if (key.state == "PendingImport") return key.arn + " is pending import.";
  if (key.state == "Unavailable") return key.arn + " is unavailable.";
  return key.arn + " is " + key.state + ".";
}

// Throws the error KMS gives when an operation doesn't accept the key's current state.
void require_state(const store::KeyRow& key, std::initializer_list<const char*> allowed) {
  for (const char* s : allowed) {
    if (key.state == s) return;
  }
  if (key.state == "Disabled") throw disabled(key.arn);
  throw invalid_state(state_cause(key));
}

void require_customer_managed(const store::KeyRow& key, const std::string& account,
                              const std::string& action) {
  if (key.key_manager == "AWS") throw access_denied(account, action, key.arn);
}

void validate_limit(std::optional<int64_t> limit) {
  if (!limit) return;
  if (*limit < 1) {
    throw constraint(std::to_string(*limit), "limit",
                     "Member must have value greater than or equal to 1");
  }
  if (*limit > 1000) {
    throw constraint(std::to_string(*limit), "limit",
                     "Member must have value less than or equal to 1000");
  }
}

void validate_alias_name(const std::string& name) {
  if (name.rfind("alias/", 0) != 0) {
    throw validation(
        "Alias must start with the prefix \"alias/\". Please see "
        "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
  }
  if (name.size() > 256) {
    throw constraint(name, "aliasName", "Member must have length less than or equal to 256");
  }
  bool chars_ok =
      name.size() > 6 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-';
      });
  if (!chars_ok) throw validation(name + " contains invalid characters for an alias");
}

void validate_tags(const std::vector<Tag>& tags) {
  for (size_t i = 0; i < tags.size(); ++i) {
    const auto& t = tags[i];
    std::string at = "tags." + std::to_string(i + 1) + ".member.";
    if (t.key.empty()) {
      throw constraint(t.key, at + "tagKey", "Member must have length greater than or equal to 1");
    }
    if (t.key.size() > 128) {
      throw constraint(t.key, at + "tagKey", "Member must have length less than or equal to 128");
    }
    if (t.value.size() > 256) {
      throw constraint(t.value, at + "tagValue",
                       "Member must have length less than or equal to 256");
    }
    std::string lower = t.key.substr(0, 4);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lower == "aws:") throw tag_error("Tags beginning with aws: are reserved");
  }
}

std::string enum_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i];
  return out + "]";
}

void validate_enum(const std::string& value, const std::string& member,
                   const std::vector<std::string>& values) {
  if (std::find(values.begin(), values.end(), value) == values.end()) {
    throw constraint(value, member, "Member must satisfy enum value set: " + enum_list(values));
  }
}

std::string hex_to_bytes(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace

KeyService::KeyService(ServiceDeps& deps) : deps_(deps) {}

std::string KeyService::key_arn(const std::string& region, const std::string& account,
                                const std::string& key_id) {
  return "arn:aws:kms:" + region + ":" + account + ":key/" + key_id;
}

std::string KeyService::alias_arn(const std::string& region, const std::string& account,
                                  const std::string& alias_name) {
  return "arn:aws:kms:" + region + ":" + account + ":" + alias_name;
}

void KeyService::register_work() {
  deps_.scheduler.on(kDeleteWork, [this](store::Transaction& tx, const store::WorkItem& item) {
    delete_due(tx, item);
  });
  deps_.scheduler.on(kExpireWork, [this](store::Transaction& tx, const store::WorkItem& item) {
    expire_material(tx, item);
  });
}

store::KeyRow KeyService::new_key(const std::string& account, const std::string& region,
                                  int64_t now_ms) {
  store::KeyRow k;
  k.key_id = deps_.ids.uuid();
  k.account = account;
  k.region = region;
  k.arn = key_arn(region, account, k.key_id);
  k.key_usage = "ENCRYPT_DECRYPT";
  k.key_spec = "SYMMETRIC_DEFAULT";
  k.origin = "AWS_KMS";
  k.key_manager = "CUSTOMER";
  k.state = "Enabled";
  k.creation_ms = now_ms;
  return k;
}

store::KeyRow KeyService::create_key(const RequestContext& ctx, const CreateKeyRequest& request) {
  std::string spec =
      request.key_spec.value_or(request.customer_master_key_spec.value_or("SYMMETRIC_DEFAULT"));
  if (request.key_spec && request.customer_master_key_spec) {
    throw validation(
        "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. "
        "CustomerMasterKeySpec is deprecated.");
  }
  validate_enum(spec, request.key_spec ? "keySpec" : "customerMasterKeySpec", key_specs());
  std::string usage = request.key_usage.value_or(default_usage(spec));
  validate_enum(usage, "keyUsage", key_usages());
  if (!usage_allowed(spec, usage)) {
    throw validation("KeyUsage " + usage + " is not compatible with KeySpec " + spec);
  }
  std::string origin = request.origin.value_or("AWS_KMS");
  validate_enum(origin, "origin", {"AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"});
  if (origin == "AWS_CLOUDHSM" || origin == "EXTERNAL_KEY_STORE") {
    if (!request.custom_key_store_id) {
      throw AwsError("CustomKeyStoreNotFoundException",
                     "Origin " + origin + " requires a CustomKeyStoreId");
    }
    throw AwsError("CustomKeyStoreNotFoundException",
                   "Custom key store " + *request.custom_key_store_id + " does not exist");
  }
  if (origin == "EXTERNAL" && spec != "SYMMETRIC_DEFAULT" && spec.rfind("HMAC_", 0) != 0 &&
      spec.rfind("RSA_", 0) != 0 && spec.rfind("ECC_", 0) != 0) {
    throw unsupported("KeySpec " + spec + " is not supported for Origin EXTERNAL");
  }
  if (request.description && request.description->size() > 8192) {
    throw constraint(*request.description, "description",
                     "Member must have length less than or equal to 8192");
  }
  validate_tags(request.tags);

  store::Transaction tx(deps_.db);
  store::KeyRow k = new_key(ctx.account, ctx.region, ctx.now_ms);
  if (request.multi_region) {
    k.key_id = "mrk-" + deps_.ids.hex(32);
    k.arn = key_arn(ctx.region, ctx.account, k.key_id);
  }
  k.description = request.description.value_or("");
  k.key_usage = usage;
  k.key_spec = spec;
  k.origin = origin;
  k.state = origin == "EXTERNAL" ? "PendingImport" : "Enabled";
  k.multi_region = request.multi_region;
  k.policy = request.policy.value_or("");
  store::KeyTable::insert(tx, k);
  for (const auto& t : request.tags) {
    store::KeyTable::put_tag(tx, ctx.account, ctx.region, k.key_id, t.key, t.value);
  }
  tx.commit();
  spdlog::info("kms key {} created ({} {}, {})", k.key_id, k.key_spec, k.origin, k.state);
  return k;
}

store::KeyRow KeyService::managed_key(store::Transaction& tx, const std::string& account,
                                      const std::string& region, const std::string& service,
                                      int64_t now_ms) {
  std::string alias_name = "alias/aws/" + service;
  if (auto alias = store::AliasTable::get(tx, account, region, alias_name)) {
    if (auto key = store::KeyTable::get(tx, account, region, alias->target_key_id)) return *key;
  }
  store::KeyRow k = new_key(account, region, now_ms);
  k.key_manager = "AWS";
  k.description = service == "ebs" ? kEbsManagedDescription
                                   : "Default key that protects my " + service +
                                         " resources when no other key is defined";
  store::KeyTable::insert(tx, k);
  store::AliasTable::remove(tx, account, region, alias_name);
  store::AliasTable::insert(tx, {account, region, alias_name, k.key_id, now_ms, now_ms});
  spdlog::info("kms AWS managed key {} created for {} ({} {})", k.key_id, alias_name, account,
               region);
  return k;
}

store::KeyRow KeyService::resolve(store::Transaction& tx, const std::string& account,
                                  const std::string& region, const std::string& key_ref) {
  if (key_ref.empty()) {
    throw constraint(key_ref, "keyId", "Member must have length greater than or equal to 1");
  }
  ParsedRef p = parse_ref(key_ref, account, region);
  // KMS keys are regional: an ARN of another Region names nothing here.
  if (p.region != region) throw AwsError("NotFoundException", "Invalid arn " + p.region);
  std::string key_id;
  if (p.alias_name) {
    auto alias = store::AliasTable::get(tx, p.account, p.region, *p.alias_name);
    if (!alias && is_predefined_alias(*p.alias_name) && p.account == account) {
      return managed_key(tx, p.account, p.region, p.alias_name->substr(10), deps_.clock.now_ms());
    }
    if (!alias) throw alias_not_found(alias_arn(p.region, p.account, *p.alias_name));
    key_id = alias->target_key_id;
  } else {
    key_id = *p.key_id;
    if (!is_key_id(key_id)) throw invalid_key_id(key_id);
  }
  auto key = store::KeyTable::get(tx, p.account, p.region, key_id);
  if (!key) throw key_not_found(key_arn(p.region, p.account, key_id));
  return *key;
}

std::optional<std::string> KeyService::unusable_cause(const store::KeyRow& key) {
  if (key.state == "Enabled") return std::nullopt;
  return state_cause(key);
}

std::optional<std::string> KeyService::usability(store::Transaction& tx, const std::string& account,
                                                 const std::string& region,
                                                 const std::string& key_ref) {
  try {
    return unusable_cause(resolve(tx, account, region, key_ref));
  } catch (const AwsError& e) {
    return e.message();
  }
}

store::KeyRow KeyService::describe_key(const RequestContext& ctx, const std::string& key_ref) {
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  tx.commit();
  return key;
}

namespace {
// Key-id-or-ARN references only (the operations whose KeyId doesn't accept aliases).
void reject_alias(const std::string& key_ref) {
  if (key_ref.rfind("alias/", 0) == 0 || key_ref.find(":alias/") != std::string::npos) {
    throw invalid_key_id(key_ref);
  }
}
}  // namespace

KeyPage KeyService::list_keys(const RequestContext& ctx, std::optional<int64_t> limit,
                              const std::optional<std::string>& marker) {
  validate_limit(limit);
  if (marker && !is_key_id(*marker)) throw invalid_marker();
  int64_t n = limit.value_or(100);
  store::Transaction tx(deps_.db);
  KeyPage page;
  page.keys = store::KeyTable::list(tx, ctx.account, ctx.region, marker.value_or(""), n + 1);
  tx.commit();
  if (static_cast<int64_t>(page.keys.size()) > n) {
    page.keys.resize(n);
    page.next_marker = page.keys.back().key_id;
  }
  return page;
}

void KeyService::enable_key(const RequestContext& ctx, const std::string& key_ref) {
  reject_alias(key_ref);
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  require_customer_managed(key, ctx.account, "EnableKey");
  if (key.state != "Enabled" && key.state != "Disabled") throw invalid_state(state_cause(key));
  key.state = "Enabled";
  store::KeyTable::update(tx, key);
  tx.commit();
}

void KeyService::disable_key(const RequestContext& ctx, const std::string& key_ref) {
  reject_alias(key_ref);
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  require_customer_managed(key, ctx.account, "DisableKey");
  if (key.state != "Enabled" && key.state != "Disabled") throw invalid_state(state_cause(key));
  key.state = "Disabled";
  store::KeyTable::update(tx, key);
  tx.commit();
}

store::KeyRow KeyService::schedule_key_deletion(const RequestContext& ctx,
                                                const std::string& key_ref,
                                                std::optional<int64_t> pending_window_days) {
  reject_alias(key_ref);
  int64_t days = pending_window_days.value_or(30);
  if (days < 7 || days > 30) {
    throw validation("PendingWindowInDays should be between 7 and 30, but it is " +
                     std::to_string(days));
  }
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  require_customer_managed(key, ctx.account, "ScheduleKeyDeletion");
  if (key.state == "PendingDeletion") throw invalid_state(state_cause(key));
  key.state = "PendingDeletion";
  key.deletion_ms = ctx.now_ms + days * kDayMs;
  key.pending_window_days = days;
  store::KeyTable::update(tx, key);
  nlohmann::json payload{
      {"account", key.account}, {"region", key.region}, {"deletion_ms", *key.deletion_ms}};
  deps_.scheduler.schedule(tx, kDeleteWork, key.key_id, *key.deletion_ms, payload.dump());
  tx.commit();
  spdlog::info("kms key {} pending deletion ({} days)", key.key_id, days);
  return key;
}

store::KeyRow KeyService::cancel_key_deletion(const RequestContext& ctx,
                                              const std::string& key_ref) {
  reject_alias(key_ref);
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  require_customer_managed(key, ctx.account, "CancelKeyDeletion");
  if (key.state != "PendingDeletion") {
    throw invalid_state(key.arn + " is not pending deletion.");
  }
  // An imported-material key that never got its material goes back to waiting for it.
  bool has_material = key.origin != "EXTERNAL" || key.expiration_model.has_value();
  key.state = has_material ? "Disabled" : "PendingImport";
  key.deletion_ms.reset();
  key.pending_window_days.reset();
  store::KeyTable::update(tx, key);
  tx.commit();
  return key;
}

void KeyService::delete_due(store::Transaction& tx, const store::WorkItem& item) {
  auto payload = nlohmann::json::parse(item.payload, nullptr, false);
  if (payload.is_discarded()) return;
  std::string account = payload.value("account", "");
  std::string region = payload.value("region", "");
  auto key = store::KeyTable::get(tx, account, region, item.resource);
  // Cancelled (or cancelled and rescheduled for another date): nothing to do for this row.
  if (!key || key->state != "PendingDeletion" ||
      key->deletion_ms != payload.value("deletion_ms", int64_t{0})) {
    return;
  }
  store::KeyTable::remove(tx, account, region, key->key_id);
  spdlog::info("kms key {} deleted at the end of its waiting period", key->key_id);
}

void KeyService::expire_material(store::Transaction& tx, const store::WorkItem& item) {
  auto payload = nlohmann::json::parse(item.payload, nullptr, false);
  if (payload.is_discarded()) return;
  auto key = store::KeyTable::get(tx, payload.value("account", ""), payload.value("region", ""),
                                  item.resource);
  if (!key || key->valid_to_ms != payload.value("valid_to_ms", int64_t{0})) return;
  // KMS deletes expired key material; the key waits for it again (a pending deletion continues).
  key->expiration_model.reset();
  key->valid_to_ms.reset();
  if (key->state != "PendingDeletion") key->state = "PendingImport";
  store::KeyTable::update(tx, *key);
  spdlog::info("kms key {} imported material expired", key->key_id);
}

ImportParameters KeyService::get_parameters_for_import(const RequestContext& ctx,
                                                       const std::string& key_ref,
                                                       const std::string& wrapping_algorithm,
                                                       const std::string& wrapping_key_spec) {
  reject_alias(key_ref);
  validate_enum(wrapping_algorithm, "wrappingAlgorithm",
                {"RSAES_PKCS1_V1_5", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256",
                 "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256", "SM2PKE"});
  validate_enum(wrapping_key_spec, "wrappingKeySpec", {"RSA_2048", "RSA_3072", "RSA_4096", "SM2"});
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  if (key.origin != "EXTERNAL") {
    throw unsupported(key.arn + " origin is " + key.origin +
                      " which is not valid for this operation.");
  }
  require_state(key, {"Enabled", "Disabled", "PendingImport"});
  ImportParameters out;
  out.key_arn = key.arn;
  out.import_token = hex_to_bytes(deps_.ids.hex(256));
  // An opaque stand-in of the wrapping public key (the emulator keeps no key material).
  size_t bits = wrapping_key_spec == "RSA_4096"   ? 4096
                : wrapping_key_spec == "RSA_3072" ? 3072
                                                  : 2048;
  out.public_key = hex_to_bytes(deps_.ids.hex(bits / 4 + 76));
  out.valid_to_ms = ctx.now_ms + kDayMs;
  key.import_token = out.import_token;
  key.import_token_valid_to_ms = out.valid_to_ms;
  store::KeyTable::update(tx, key);
  tx.commit();
  return out;
}

ImportResult KeyService::import_key_material(const RequestContext& ctx,
                                             const ImportKeyMaterialRequest& request) {
  reject_alias(request.key_id);
  std::string model = request.expiration_model.value_or("KEY_MATERIAL_EXPIRES");
  validate_enum(model, "expirationModel", {"KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"});
  if (model == "KEY_MATERIAL_EXPIRES" && !request.valid_to_ms) {
    throw validation("A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES");
  }
  if (model == "KEY_MATERIAL_DOES_NOT_EXPIRE" && request.valid_to_ms) {
    throw validation(
        "A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
  }
  if (request.valid_to_ms &&
      (*request.valid_to_ms <= ctx.now_ms || *request.valid_to_ms > ctx.now_ms + 365 * kDayMs)) {
    throw validation("The validTo date must be in the future and at most 365 days from now");
  }
  if (request.encrypted_key_material.empty()) {
    throw constraint("", "encryptedKeyMaterial",
                     "Member must have length greater than or equal to 1");
  }
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, request.key_id);
  if (key.origin != "EXTERNAL") {
    throw unsupported(key.arn + " origin is " + key.origin +
                      " which is not valid for this operation.");
  }
  require_state(key, {"Enabled", "Disabled", "PendingImport"});
  if (!key.import_token || *key.import_token != request.import_token) {
    throw AwsError("InvalidImportTokenException",
                   "The import token is not valid for the specified KMS key.");
  }
  if (key.import_token_valid_to_ms && *key.import_token_valid_to_ms < ctx.now_ms) {
    throw AwsError("ExpiredImportTokenException", "The import token has expired.");
  }
  if (key.state == "PendingImport") key.state = "Enabled";
  key.expiration_model = model;
  key.valid_to_ms = request.valid_to_ms;
  key.import_token.reset();
  key.import_token_valid_to_ms.reset();
  store::KeyTable::update(tx, key);
  if (key.valid_to_ms) {
    nlohmann::json payload{
        {"account", key.account}, {"region", key.region}, {"valid_to_ms", *key.valid_to_ms}};
    deps_.scheduler.schedule(tx, kExpireWork, key.key_id, *key.valid_to_ms, payload.dump());
  }
  tx.commit();
  return {key.arn, deps_.ids.hex(64)};
}

void KeyService::create_alias(const RequestContext& ctx, const std::string& alias_name,
                              const std::string& target_key_ref) {
  validate_alias_name(alias_name);
  if (alias_name.rfind("alias/aws/", 0) == 0) {
    throw AwsError("NotAuthorizedException",
                   "The alias prefix alias/aws/ is reserved for AWS managed keys");
  }
  reject_alias(target_key_ref);
  store::Transaction tx(deps_.db);
  if (store::AliasTable::get(tx, ctx.account, ctx.region, alias_name)) {
    throw alias_exists(alias_arn(ctx.region, ctx.account, alias_name));
  }
  auto key = resolve(tx, ctx.account, ctx.region, target_key_ref);
  if (key.account != ctx.account || key.region != ctx.region) {
    throw key_not_found(key.arn);
  }
  require_customer_managed(key, ctx.account, "CreateAlias");
  if (key.state == "PendingDeletion") throw invalid_state(state_cause(key));
  store::AliasTable::insert(
      tx, {ctx.account, ctx.region, alias_name, key.key_id, ctx.now_ms, ctx.now_ms});
  tx.commit();
}

void KeyService::update_alias(const RequestContext& ctx, const std::string& alias_name,
                              const std::string& target_key_ref) {
  validate_alias_name(alias_name);
  if (alias_name.rfind("alias/aws/", 0) == 0) {
    throw AwsError("NotAuthorizedException",
                   "The alias prefix alias/aws/ is reserved for AWS managed keys");
  }
  reject_alias(target_key_ref);
  store::Transaction tx(deps_.db);
  if (!store::AliasTable::get(tx, ctx.account, ctx.region, alias_name)) {
    throw alias_not_found(alias_arn(ctx.region, ctx.account, alias_name));
  }
  auto key = resolve(tx, ctx.account, ctx.region, target_key_ref);
  if (key.account != ctx.account || key.region != ctx.region) throw key_not_found(key.arn);
  require_customer_managed(key, ctx.account, "UpdateAlias");
  if (key.state == "PendingDeletion") throw invalid_state(state_cause(key));
  store::AliasTable::set_target(tx, ctx.account, ctx.region, alias_name, key.key_id, ctx.now_ms);
  tx.commit();
}

void KeyService::delete_alias(const RequestContext& ctx, const std::string& alias_name) {
  validate_alias_name(alias_name);
  if (alias_name.rfind("alias/aws/", 0) == 0) {
    throw AwsError("NotAuthorizedException",
                   "The alias prefix alias/aws/ is reserved for AWS managed keys");
  }
  store::Transaction tx(deps_.db);
  if (!store::AliasTable::get(tx, ctx.account, ctx.region, alias_name)) {
    throw alias_not_found(alias_arn(ctx.region, ctx.account, alias_name));
  }
  store::AliasTable::remove(tx, ctx.account, ctx.region, alias_name);
  tx.commit();
}

AliasPage KeyService::list_aliases(const RequestContext& ctx,
                                   const std::optional<std::string>& key_ref,
                                   std::optional<int64_t> limit,
                                   const std::optional<std::string>& marker) {
  validate_limit(limit);
  if (marker && marker->rfind("alias/", 0) != 0) throw invalid_marker();
  int64_t n = limit.value_or(100);
  store::Transaction tx(deps_.db);
  std::optional<std::string> key_id;
  if (key_ref) {
    reject_alias(*key_ref);
    key_id = resolve(tx, ctx.account, ctx.region, *key_ref).key_id;
  }
  AliasPage page;
  page.aliases =
      store::AliasTable::list(tx, ctx.account, ctx.region, key_id, marker.value_or(""), n + 1);
  tx.commit();
  if (static_cast<int64_t>(page.aliases.size()) > n) {
    page.aliases.resize(n);
    page.next_marker = page.aliases.back().alias_name;
  }
  return page;
}

void KeyService::tag_resource(const RequestContext& ctx, const std::string& key_ref,
                              const std::vector<Tag>& tags) {
  reject_alias(key_ref);
  validate_tags(tags);
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  require_customer_managed(key, ctx.account, "TagResource");
  if (key.state == "PendingDeletion") throw invalid_state(state_cause(key));
  for (const auto& t : tags) {
    store::KeyTable::put_tag(tx, key.account, key.region, key.key_id, t.key, t.value);
  }
  tx.commit();
}

void KeyService::untag_resource(const RequestContext& ctx, const std::string& key_ref,
                                const std::vector<std::string>& tag_keys) {
  reject_alias(key_ref);
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  require_customer_managed(key, ctx.account, "UntagResource");
  if (key.state == "PendingDeletion") throw invalid_state(state_cause(key));
  for (const auto& k : tag_keys) {
    store::KeyTable::remove_tag(tx, key.account, key.region, key.key_id, k);
  }
  tx.commit();
}

TagPage KeyService::list_resource_tags(const RequestContext& ctx, const std::string& key_ref,
                                       std::optional<int64_t> limit,
                                       const std::optional<std::string>& marker) {
  reject_alias(key_ref);
  if (limit && (*limit < 1 || *limit > 50)) {
    throw constraint(std::to_string(*limit), "limit",
                     *limit < 1 ? "Member must have value greater than or equal to 1"
                                : "Member must have value less than or equal to 50");
  }
  int64_t n = limit.value_or(50);
  store::Transaction tx(deps_.db);
  auto key = resolve(tx, ctx.account, ctx.region, key_ref);
  auto all = store::KeyTable::tags(tx, key.account, key.region, key.key_id);
  tx.commit();
  TagPage page;
  for (auto& t : all) {
    if (marker && t.first <= *marker) continue;
    if (static_cast<int64_t>(page.tags.size()) == n) {
      page.next_marker = page.tags.back().first;
      break;
    }
    page.tags.push_back(std::move(t));
  }
  return page;
}

}  // namespace ebs::kms
