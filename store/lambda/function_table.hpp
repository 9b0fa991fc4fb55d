// FunctionTable: persistence of Lambda functions: configuration, code (the deployment package as
// the base64 text the API received, so the code survives restarts and is unzipped again on demand),
// tags and the resource-based policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct FunctionRow {
  std::string account;
  std::string region;
  std::string name;
  std::string runtime;
  std::string handler;
  std::string role;
  std::string description;
  int64_t timeout_seconds = 3;
  int64_t memory_mb = 128;
  std::string environment_json = "{}";  // {"KEY":"value"}
  std::string package_type = "Zip";     // Zip | Image
  std::string zip_base64;
  std::string image_uri;
  std::string invoke_url;   // Image functions: where the Runtime Interface Emulator listens
  std::string code_sha256;  // base64 of the SHA-256 of the package
  int64_t code_size = 0;
  int64_t last_modified = 0;
  std::string revision_id;
  std::string state;               // Pending | Active | Inactive | Failed
  std::string last_update_status;  // InProgress | Successful | Failed
  std::string tags_json = "{}";
  std::string policy_json;  // empty: no resource policy
};

class FunctionTable {
 public:
  static void insert(Transaction& tx, const FunctionRow& f);
  static void update(Transaction& tx, const FunctionRow& f);  // all columns but the key
  static void remove(Transaction& tx, const std::string& account, const std::string& region,
                     const std::string& name);
  static std::optional<FunctionRow> get(Transaction& tx, const std::string& account,
                                        const std::string& region, const std::string& name);
  // Functions of an account+region with name > after, ordered by name, at most `limit` (0 = all).
  static std::vector<FunctionRow> list(Transaction& tx, const std::string& account,
                                       const std::string& region, const std::string& after,
                                       int64_t limit);
};

}  // namespace ebs::store
