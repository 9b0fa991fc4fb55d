#include "store/iam/iam_tables.hpp"

namespace ebs::store {
namespace {

constexpr const char* kRoleColumns =
    "account, name, role_id, path, assume_role_policy, description, max_session_duration, "
    "create_date";

RoleRow read_role(Statement& s) {
  RoleRow r;
  r.account = s.text(0);
  r.name = s.text(1);
  r.role_id = s.text(2);
  r.path = s.text(3);
  r.assume_role_policy = s.text(4);
  r.description = s.text(5);
  r.max_session_duration = s.int64(6);
  r.create_date = s.int64(7);
  return r;
}

constexpr const char* kPolicyColumns =
    "p.account, p.arn, p.name, p.policy_id, p.path, p.document, p.description, p.create_date, "
    "(SELECT COUNT(*) FROM iam_role_policies a WHERE a.account = p.account AND "
    "a.policy_arn = p.arn)";

PolicyRow read_policy(Statement& s) {
  PolicyRow p;
  p.account = s.text(0);
  p.arn = s.text(1);
  p.name = s.text(2);
  p.policy_id = s.text(3);
  p.path = s.text(4);
  p.document = s.text(5);
  p.description = s.text(6);
  p.create_date = s.int64(7);
  p.attachment_count = s.int64(8);
  return p;
}

}  // namespace

void IamTables::insert_role(Transaction& tx, const RoleRow& r) {
  static const std::string kSql =
      std::string("INSERT INTO iam_roles (") + kRoleColumns + ") VALUES (?,?,?,?,?,?,?,?)";
  tx.prepare(kSql)
      .bind_all(r.account, r.name, r.role_id, r.path, r.assume_role_policy, r.description,
                r.max_session_duration, r.create_date)
      .run();
}

std::optional<RoleRow> IamTables::role(Transaction& tx, const std::string& account,
                                       const std::string& name) {
  static const std::string kSql =
      std::string("SELECT ") + kRoleColumns + " FROM iam_roles WHERE account = ? AND name = ?";
  auto& s = tx.prepare(kSql).bind_all(account, name);
  if (!s.step()) return std::nullopt;
  return read_role(s);
}

std::vector<RoleRow> IamTables::roles(Transaction& tx, const std::string& account) {
  static const std::string kSql =
      std::string("SELECT ") + kRoleColumns + " FROM iam_roles WHERE account = ? ORDER BY name";
  auto& s = tx.prepare(kSql).bind_all(account);
  std::vector<RoleRow> out;
  while (s.step()) out.push_back(read_role(s));
  return out;
}

void IamTables::remove_role(Transaction& tx, const std::string& account, const std::string& name) {
  static const std::string kSql = "DELETE FROM iam_roles WHERE account = ? AND name = ?";
  tx.prepare(kSql).bind_all(account, name).run();
}

void IamTables::insert_policy(Transaction& tx, const PolicyRow& p) {
  static const std::string kSql =
      "INSERT INTO iam_policies (account, arn, name, policy_id, path, document, description, "
      "create_date) VALUES (?,?,?,?,?,?,?,?)";
  tx.prepare(kSql)
      .bind_all(p.account, p.arn, p.name, p.policy_id, p.path, p.document, p.description,
                p.create_date)
      .run();
}

std::optional<PolicyRow> IamTables::policy(Transaction& tx, const std::string& account,
                                           const std::string& arn) {
  static const std::string kSql = std::string("SELECT ") + kPolicyColumns +
                                  " FROM iam_policies p WHERE p.account = ? AND p.arn = ?";
  auto& s = tx.prepare(kSql).bind_all(account, arn);
  if (!s.step()) return std::nullopt;
  return read_policy(s);
}

std::optional<PolicyRow> IamTables::policy_by_name(Transaction& tx, const std::string& account,
                                                   const std::string& name) {
  static const std::string kSql = std::string("SELECT ") + kPolicyColumns +
                                  " FROM iam_policies p WHERE p.account = ? AND p.name = ?";
  auto& s = tx.prepare(kSql).bind_all(account, name);
  if (!s.step()) return std::nullopt;
  return read_policy(s);
}

std::vector<PolicyRow> IamTables::policies(Transaction& tx, const std::string& account) {
  static const std::string kSql = std::string("SELECT ") + kPolicyColumns +
                                  " FROM iam_policies p WHERE p.account = ? ORDER BY p.name";
  auto& s = tx.prepare(kSql).bind_all(account);
  std::vector<PolicyRow> out;
  while (s.step()) out.push_back(read_policy(s));
  return out;
}

void IamTables::remove_policy(Transaction& tx, const std::string& account, const std::string& arn) {
  static const std::string kSql = "DELETE FROM iam_policies WHERE account = ? AND arn = ?";
  tx.prepare(kSql).bind_all(account, arn).run();
}

void IamTables::attach(Transaction& tx, const std::string& account, const std::string& role_name,
                       const AttachedPolicyRow& p) {
  static const std::string kSql =
      "INSERT OR IGNORE INTO iam_role_policies (account, role_name, policy_arn, policy_name) "
      "VALUES (?,?,?,?)";
  tx.prepare(kSql).bind_all(account, role_name, p.policy_arn, p.policy_name).run();
}

bool IamTables::detach(Transaction& tx, const std::string& account, const std::string& role_name,
                       const std::string& policy_arn) {
  static const std::string kSql =
      "DELETE FROM iam_role_policies WHERE account = ? AND role_name = ? AND policy_arn = ?";
  tx.prepare(kSql).bind_all(account, role_name, policy_arn).run();
  static const std::string kChanges = "SELECT changes()";
  auto& s = tx.prepare(kChanges);
  s.step();
  return s.int64(0) > 0;
}

std::vector<AttachedPolicyRow> IamTables::attached(Transaction& tx, const std::string& account,
                                                   const std::string& role_name) {
  static const std::string kSql =
      "SELECT policy_arn, policy_name FROM iam_role_policies WHERE account = ? AND role_name = ? "
      "ORDER BY policy_name, policy_arn";
  auto& s = tx.prepare(kSql).bind_all(account, role_name);
  std::vector<AttachedPolicyRow> out;
  while (s.step()) out.push_back({s.text(0), s.text(1)});
  return out;
}

int64_t IamTables::attachment_count(Transaction& tx, const std::string& account,
                                    const std::string& policy_arn) {
  static const std::string kSql =
      "SELECT COUNT(*) FROM iam_role_policies WHERE account = ? AND policy_arn = ?";
  auto& s = tx.prepare(kSql).bind_all(account, policy_arn);
  s.step();
  return s.int64(0);
}

}  // namespace ebs::store
