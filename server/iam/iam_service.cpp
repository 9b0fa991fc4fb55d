#include "iam/iam_service.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "iam/iam_errors.hpp"

namespace ebs::iam {
namespace {

bool valid_name(const std::string& name, size_t max) {
  if (name.empty() || name.size() > max) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("+=,.@_-").find(c) != std::string_view::npos;
  });
}

void check_name(const std::string& name, const char* field, size_t max) {
  if (!valid_name(name, max)) {
    throw validation("1 validation error detected: Value '" + name + "' at '" + field +
                     "' failed to satisfy constraint: Member must satisfy regular expression "
                     "pattern: [\\w+=,.@-]+");
  }
}

void check_path(const std::string& path) {
  if (path.empty() || path.front() != '/' || path.back() != '/') {
    throw validation(
        "The specified value for path is invalid. It must begin and end with / and "
        "contain only alphanumeric characters and/or / characters.");
  }
}

void check_document(const std::string& document) {
  auto parsed = nlohmann::json::parse(document, nullptr, false);
  if (parsed.is_discarded()) throw malformed_policy("This policy contains invalid Json");
  if (!parsed.is_object() || !parsed.contains("Statement")) {
    throw malformed_policy("Syntax errors in policy.");
  }
}

std::string iam_id(IdGenerator& ids, const std::string& prefix) {
  std::string out = prefix;
  for (char c : ids.hex(17)) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool is_aws_managed(const std::string& arn) {
  return arn.rfind("arn:aws:iam::aws:policy/", 0) == 0;
}

}  // namespace

IamService::IamService(ServiceDeps& deps) : deps_(deps) {}

std::string IamService::role_arn(const store::RoleRow& role) {
  return "arn:aws:iam::" + role.account + ":role" + role.path + role.name;
}

store::RoleRow IamService::create_role(const RequestContext& ctx, const CreateRoleRequest& r) {
  check_name(r.name, "roleName", 64);
  check_path(r.path);
  check_document(r.assume_role_policy);
  store::RoleRow row;
  row.account = ctx.account;
  row.name = r.name;
  row.role_id = iam_id(deps_.ids, "AROA");
  row.path = r.path;
  row.assume_role_policy = r.assume_role_policy;
  row.description = r.description;
  row.max_session_duration = r.max_session_duration;
  row.create_date = ctx.now_ms;
  store::Transaction tx(deps_.db);
  if (store::IamTables::role(tx, ctx.account, r.name)) throw role_exists(r.name);
  store::IamTables::insert_role(tx, row);
  tx.commit();
  return row;
}

store::RoleRow IamService::get_role(const RequestContext& ctx, const std::string& name) {
  store::Transaction tx(deps_.db);
  auto row = store::IamTables::role(tx, ctx.account, name);
  tx.commit();
  if (!row) throw no_such_role(name);
  return *row;
}

std::vector<store::RoleRow> IamService::list_roles(const RequestContext& ctx) {
  store::Transaction tx(deps_.db);
  auto rows = store::IamTables::roles(tx, ctx.account);
  tx.commit();
  return rows;
}

void IamService::delete_role(const RequestContext& ctx, const std::string& name) {
  store::Transaction tx(deps_.db);
  if (!store::IamTables::role(tx, ctx.account, name)) throw no_such_role(name);
  if (!store::IamTables::attached(tx, ctx.account, name).empty()) throw role_has_policies();
  store::IamTables::remove_role(tx, ctx.account, name);
  tx.commit();
}

store::PolicyRow IamService::create_policy(const RequestContext& ctx,
                                           const CreatePolicyRequest& r) {
  check_name(r.name, "policyName", 128);
  check_path(r.path);
  check_document(r.document);
  store::PolicyRow row;
  row.account = ctx.account;
  row.arn = "arn:aws:iam::" + ctx.account + ":policy" + r.path + r.name;
  row.name = r.name;
  row.policy_id = iam_id(deps_.ids, "ANPA");
  row.path = r.path;
  row.document = r.document;
  row.description = r.description;
  row.create_date = ctx.now_ms;
  store::Transaction tx(deps_.db);
  if (store::IamTables::policy_by_name(tx, ctx.account, r.name)) throw policy_exists(r.name);
  store::IamTables::insert_policy(tx, row);
  tx.commit();
  return row;
}

store::PolicyRow IamService::get_policy(const RequestContext& ctx, const std::string& arn) {
  store::Transaction tx(deps_.db);
  auto row = store::IamTables::policy(tx, ctx.account, arn);
  tx.commit();
  if (!row) throw no_such_policy(arn);
  return *row;
}

std::vector<store::PolicyRow> IamService::list_policies(const RequestContext& ctx) {
  store::Transaction tx(deps_.db);
  auto rows = store::IamTables::policies(tx, ctx.account);
  tx.commit();
  return rows;
}

void IamService::delete_policy(const RequestContext& ctx, const std::string& arn) {
  store::Transaction tx(deps_.db);
  if (!store::IamTables::policy(tx, ctx.account, arn)) throw no_such_policy(arn);
  if (store::IamTables::attachment_count(tx, ctx.account, arn) > 0) throw policy_attached();
  store::IamTables::remove_policy(tx, ctx.account, arn);
  tx.commit();
}

void IamService::attach_role_policy(const RequestContext& ctx, const std::string& role,
                                    const std::string& policy_arn) {
  store::Transaction tx(deps_.db);
  auto role_row = store::IamTables::role(tx, ctx.account, role);
  if (!role_row) throw no_such_role(role);
  std::string name;
  if (is_aws_managed(policy_arn)) {
    name = policy_arn.substr(policy_arn.rfind('/') + 1);
  } else {
    auto policy = store::IamTables::policy(tx, ctx.account, policy_arn);
    if (!policy) throw policy_not_attachable(policy_arn);
    name = policy->name;
  }
  store::IamTables::attach(tx, ctx.account, role_row->name, {policy_arn, name});
  tx.commit();
}

void IamService::detach_role_policy(const RequestContext& ctx, const std::string& role,
                                    const std::string& policy_arn) {
  store::Transaction tx(deps_.db);
  auto role_row = store::IamTables::role(tx, ctx.account, role);
  if (!role_row) throw no_such_role(role);
  if (!store::IamTables::detach(tx, ctx.account, role_row->name, policy_arn)) {
    throw policy_not_attached(policy_arn);
  }
  tx.commit();
}

std::vector<store::AttachedPolicyRow> IamService::attached_role_policies(const RequestContext& ctx,
                                                                         const std::string& role) {
  store::Transaction tx(deps_.db);
  auto role_row = store::IamTables::role(tx, ctx.account, role);
  if (!role_row) throw no_such_role(role);
  auto rows = store::IamTables::attached(tx, ctx.account, role_row->name);
  tx.commit();
  return rows;
}

}  // namespace ebs::iam
