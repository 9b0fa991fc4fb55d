// KeyService: the KMS key domain: keys and their state machine (Enabled <-> Disabled, PendingImport
// -> Enabled on import, -> PendingDeletion -> deleted with its aliases when the window ends on the
// emulator's clock, or -> Disabled/PendingImport on cancel), aliases, tags, and the AWS managed
// keys
// (`alias/aws/ebs`) created on first use. It also answers other services (EC2) about a key
// reference inside their own transaction: which key it names and whether the key is usable, with
// the cause text EBS puts in its failure events. Typed requests in, store rows out; no JSON, no SQL
// here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "store/kms/alias_table.hpp"
#include "store/kms/key_table.hpp"

namespace ebs::kms {

struct CreateKeyRequest {
  std::optional<std::string> policy;
  std::optional<std::string> description;
  std::optional<std::string> key_usage;
  std::optional<std::string> key_spec;
  std::optional<std::string> customer_master_key_spec;  // deprecated alias of key_spec
  std::optional<std::string> origin;
  std::optional<std::string> custom_key_store_id;
  bool multi_region = false;
  std::vector<Tag> tags;
};

struct KeyPage {
  std::vector<store::KeyRow> keys;
  std::optional<std::string> next_marker;
};

struct AliasPage {
  std::vector<store::AliasRow> aliases;
  std::optional<std::string> next_marker;
};

struct TagPage {
  std::vector<std::pair<std::string, std::string>> tags;
  std::optional<std::string> next_marker;
};

struct ImportParameters {
  std::string key_arn;
  std::string import_token;  // raw bytes (the protocol base64-encodes blobs)
  std::string public_key;    // raw bytes
  int64_t valid_to_ms = 0;
};

struct ImportKeyMaterialRequest {
  std::string key_id;
  std::string import_token;            // raw bytes
  std::string encrypted_key_material;  // raw bytes
  std::optional<int64_t> valid_to_ms;
  std::optional<std::string> expiration_model;
};

struct ImportResult {
  std::string key_arn;
  std::string key_material_id;
};

class KeyService {
 public:
  explicit KeyService(ServiceDeps& deps);
  // Registers the scheduler handlers (key deletion, imported material expiry). Call once before
  // start.
  void register_work();

  store::KeyRow create_key(const RequestContext& ctx, const CreateKeyRequest& request);
  // Any key reference; a predefined AWS alias (alias/aws/ebs) creates its AWS managed key on first
  // use.
  store::KeyRow describe_key(const RequestContext& ctx, const std::string& key_ref);
  KeyPage list_keys(const RequestContext& ctx, std::optional<int64_t> limit,
                    const std::optional<std::string>& marker);
  void enable_key(const RequestContext& ctx, const std::string& key_ref);
  void disable_key(const RequestContext& ctx, const std::string& key_ref);
  store::KeyRow schedule_key_deletion(const RequestContext& ctx, const std::string& key_ref,
                                      std::optional<int64_t> pending_window_days);
  store::KeyRow cancel_key_deletion(const RequestContext& ctx, const std::string& key_ref);
  ImportParameters get_parameters_for_import(const RequestContext& ctx, const std::string& key_ref,
                                             const std::string& wrapping_algorithm,
                                             const std::string& wrapping_key_spec);
  ImportResult import_key_material(const RequestContext& ctx,
                                   const ImportKeyMaterialRequest& request);

  void create_alias(const RequestContext& ctx, const std::string& alias_name,
                    const std::string& target_key_ref);
  void update_alias(const RequestContext& ctx, const std::string& alias_name,
                    const std::string& target_key_ref);
  void delete_alias(const RequestContext& ctx, const std::string& alias_name);
  AliasPage list_aliases(const RequestContext& ctx, const std::optional<std::string>& key_ref,
                         std::optional<int64_t> limit, const std::optional<std::string>& marker);

  void tag_resource(const RequestContext& ctx, const std::string& key_ref,
                    const std::vector<Tag>& tags);
  void untag_resource(const RequestContext& ctx, const std::string& key_ref,
                      const std::vector<std::string>& tag_keys);
  TagPage list_resource_tags(const RequestContext& ctx, const std::string& key_ref,
                             std::optional<int64_t> limit,
                             const std::optional<std::string>& marker);

  // ---- for other services, inside their transaction ------------------------------------------
  // The key a reference (key id, key ARN, alias name, alias ARN) names in account+region; throws
  // KMS's NotFoundException when there is none. Predefined AWS aliases are created on first use.
  store::KeyRow resolve(store::Transaction& tx, const std::string& account,
                        const std::string& region, const std::string& key_ref);
  // The AWS managed key of a service ("ebs" -> alias/aws/ebs), created on first use.
  store::KeyRow managed_key(store::Transaction& tx, const std::string& account,
                            const std::string& region, const std::string& service, int64_t now_ms);
  // Why a key can't be used for encryption, in KMS's own words ("<arn> is disabled.", "<arn> is
  // pending deletion.", "<arn> is pending import."), or nullopt when it is Enabled.
  static std::optional<std::string> unusable_cause(const store::KeyRow& key);
  // Why a reference can't be used: unusable_cause() of the key it names, or KMS's NotFoundException
  // message when it names none.
  std::optional<std::string> usability(store::Transaction& tx, const std::string& account,
                                       const std::string& region, const std::string& key_ref);

  static std::string key_arn(const std::string& region, const std::string& account,
                             const std::string& key_id);
  static std::string alias_arn(const std::string& region, const std::string& account,
                               const std::string& alias_name);

 private:
  store::KeyRow new_key(const std::string& account, const std::string& region, int64_t now_ms);
  void delete_due(store::Transaction& tx, const store::WorkItem& item);
  void expire_material(store::Transaction& tx, const store::WorkItem& item);

  ServiceDeps& deps_;
};

}  // namespace ebs::kms
