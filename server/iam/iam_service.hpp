// IamService: the IAM subset that set-up scripts use before creating a Lambda function: roles,
// customer managed policies and attaching one to the other, stored per account (IAM is global). AWS
// managed policies (arn:aws:iam::aws:policy/...) can be attached without being created. Policies
// are stored and returned, not enforced. No HTTP, no XML, no SQL here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "store/iam/iam_tables.hpp"

namespace ebs::iam {

struct CreateRoleRequest {
  std::string name;
  std::string path = "/";
  std::string assume_role_policy;
  std::string description;
  int64_t max_session_duration = 3600;
};

struct CreatePolicyRequest {
  std::string name;
  std::string path = "/";
  std::string document;
  std::string description;
};

class IamService {
 public:
  explicit IamService(ServiceDeps& deps);

  store::RoleRow create_role(const RequestContext& ctx, const CreateRoleRequest& request);
  store::RoleRow get_role(const RequestContext& ctx, const std::string& name);
  std::vector<store::RoleRow> list_roles(const RequestContext& ctx);
  void delete_role(const RequestContext& ctx, const std::string& name);

  store::PolicyRow create_policy(const RequestContext& ctx, const CreatePolicyRequest& request);
  store::PolicyRow get_policy(const RequestContext& ctx, const std::string& arn);
  std::vector<store::PolicyRow> list_policies(const RequestContext& ctx);
  void delete_policy(const RequestContext& ctx, const std::string& arn);

  void attach_role_policy(const RequestContext& ctx, const std::string& role,
                          const std::string& policy_arn);
  void detach_role_policy(const RequestContext& ctx, const std::string& role,
                          const std::string& policy_arn);
  std::vector<store::AttachedPolicyRow> attached_role_policies(const RequestContext& ctx,
                                                               const std::string& role);

  static std::string role_arn(const store::RoleRow& role);

 private:
  ServiceDeps& deps_;
};

}  // namespace ebs::iam
