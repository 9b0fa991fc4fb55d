// KeyTable: persistence of KMS keys (metadata and state, never key material) and their tags, scoped
// by account and region.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct KeyRow {
  std::string key_id;
  std::string account;
  std::string region;
  std::string arn;
  std::string description;
  std::string key_usage;    // ENCRYPT_DECRYPT | SIGN_VERIFY | GENERATE_VERIFY_MAC | KEY_AGREEMENT
  std::string key_spec;     // SYMMETRIC_DEFAULT | RSA_2048 | ...
  std::string origin;       // AWS_KMS | EXTERNAL
  std::string key_manager;  // CUSTOMER | AWS
  std::string state;        // Enabled | Disabled | PendingDeletion | PendingImport
  int64_t creation_ms = 0;
  std::optional<int64_t> deletion_ms;          // only while PendingDeletion
  std::optional<int64_t> pending_window_days;  // only while PendingDeletion
  bool multi_region = false;
  std::string policy;
  std::optional<std::string> expiration_model;  // imported material only
  std::optional<int64_t> valid_to_ms;           // imported material that expires
  std::optional<std::string> import_token;      // the last GetParametersForImport token
  std::optional<int64_t> import_token_valid_to_ms;
};

class KeyTable {
 public:
  static void insert(Transaction& tx, const KeyRow& k);
  static void update(Transaction& tx, const KeyRow& k);  // every column but the key
  // Removes the key, its tags and its aliases.
  static void remove(Transaction& tx, const std::string& account, const std::string& region,
                     const std::string& key_id);
  static std::optional<KeyRow> get(Transaction& tx, const std::string& account,
                                   const std::string& region, const std::string& key_id);
  // Keys of account+region with key_id > after, ordered by key_id, at most `limit` (0 = all).
  static std::vector<KeyRow> list(Transaction& tx, const std::string& account,
                                  const std::string& region, const std::string& after,
                                  int64_t limit);

  static void put_tag(Transaction& tx, const std::string& account, const std::string& region,
                      const std::string& key_id, const std::string& tag_key,
                      const std::string& tag_value);
  static void remove_tag(Transaction& tx, const std::string& account, const std::string& region,
                         const std::string& key_id, const std::string& tag_key);
  // Tags ordered by tag key.
  static std::vector<std::pair<std::string, std::string>> tags(Transaction& tx,
                                                               const std::string& account,
                                                               const std::string& region,
                                                               const std::string& key_id);
};

}  // namespace ebs::store
