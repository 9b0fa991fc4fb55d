// IamTables: persistence of IAM roles, customer managed policies and the attachments between them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct RoleRow {
  std::string account;
  std::string name;
  std::string role_id;
  std::string path = "/";
  std::string assume_role_policy;  // JSON text as given
  std::string description;
  int64_t max_session_duration = 3600;
  int64_t create_date = 0;
};

struct PolicyRow {
  std::string account;
  std::string arn;
  std::string name;
  std::string policy_id;
  std::string path = "/";
  std::string document;
  std::string description;
  int64_t create_date = 0;
  int64_t attachment_count = 0;  // computed
};

struct AttachedPolicyRow {
  std::string policy_arn;
  std::string policy_name;
};

class IamTables {
 public:
  static void insert_role(Transaction& tx, const RoleRow& r);
  static std::optional<RoleRow> role(Transaction& tx, const std::string& account,
                                     const std::string& name);
  static std::vector<RoleRow> roles(Transaction& tx, const std::string& account);
  static void remove_role(Transaction& tx, const std::string& account, const std::string& name);

  static void insert_policy(Transaction& tx, const PolicyRow& p);
  static std::optional<PolicyRow> policy(Transaction& tx, const std::string& account,
                                         const std::string& arn);
  static std::optional<PolicyRow> policy_by_name(Transaction& tx, const std::string& account,
                                                 const std::string& name);
  static std::vector<PolicyRow> policies(Transaction& tx, const std::string& account);
  static void remove_policy(Transaction& tx, const std::string& account, const std::string& arn);

  static void attach(Transaction& tx, const std::string& account, const std::string& role_name,
                     const AttachedPolicyRow& p);
  static bool detach(Transaction& tx, const std::string& account, const std::string& role_name,
                     const std::string& policy_arn);  // false if it was not attached
  static std::vector<AttachedPolicyRow> attached(Transaction& tx, const std::string& account,
                                                 const std::string& role_name);
  static int64_t attachment_count(Transaction& tx, const std::string& account,
                                  const std::string& policy_arn);
};

}  // namespace ebs::store
