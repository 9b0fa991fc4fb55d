// Codecs of the IAM role actions: CreateRole, GetRole, ListRoles, DeleteRole, AttachRolePolicy,
// DetachRolePolicy, ListAttachedRolePolicies; and make_iam_api().
#include "core/time_format.hpp"
#include "protocol/iam/iam_api.hpp"

namespace ebs::protocol::iam {
namespace {

using ebs::iam::IamService;

void write_role(XmlWriter& xml, const store::RoleRow& r) {
  xml.element("Path", r.path);
  xml.element("RoleName", r.name);
  xml.element("RoleId", r.role_id);
  xml.element("Arn", IamService::role_arn(r));
  xml.element("CreateDate", iso8601_s(r.create_date));
  xml.element("AssumeRolePolicyDocument", url_encode(r.assume_role_policy));
  if (!r.description.empty()) xml.element("Description", r.description);
  xml.element("MaxSessionDuration", r.max_session_duration);
}

void paginate_marker(const QueryParams& p, size_t total, size_t& begin, size_t& end) {
  begin = 0;
  if (auto marker = p.get("Marker")) begin = std::min<size_t>(std::stoul(*marker), total);
  auto max_items = static_cast<size_t>(p.get_int("MaxItems").value_or(100));
  end = std::min(total, begin + max_items);
}

}  // namespace

QueryApi make_iam_api() {
  return QueryApi("iam", "https://iam.amazonaws.com/doc/2010-05-08/", QueryApi::Style::kAws);
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 2);
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void register_role_actions(QueryApi& api, IamService& service) {
  api.add("CreateRole",
          [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            ebs::iam::CreateRoleRequest r;
            r.name = p.require("RoleName");
            r.path = p.get("Path").value_or("/");
            r.assume_role_policy = p.require("AssumeRolePolicyDocument");
            r.description = p.get("Description").value_or("");
            r.max_session_duration = p.get_int("MaxSessionDuration").value_or(3600);
            auto row = service.create_role(ctx, r);
            xml.open("Role");
            write_role(xml, row);
            xml.close();
          });
  api.add("GetRole", [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
    auto row = service.get_role(ctx, p.require("RoleName"));
    xml.open("Role");
    write_role(xml, row);
    xml.open("RoleLastUsed").close();
    xml.close();
  });
  api.add("ListRoles", [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
    auto rows = service.list_roles(ctx);
    auto prefix = p.get("PathPrefix").value_or("/");
    std::erase_if(rows, [&](const auto& r) { return r.path.rfind(prefix, 0) != 0; });
    size_t begin = 0, end = 0;
    paginate_marker(p, rows.size(), begin, end);
    xml.open("Roles");
    for (size_t i = begin; i < end; ++i) {
      xml.open("member");
      write_role(xml, rows[i]);
      xml.close();
    }
    xml.close();
    xml.element("IsTruncated", end < rows.size());
    if (end < rows.size()) xml.element("Marker", std::to_string(end));
  });
  api.add("DeleteRole", [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter&) {
    service.delete_role(ctx, p.require("RoleName"));
  });
  api.add("AttachRolePolicy",
          [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter&) {
            service.attach_role_policy(ctx, p.require("RoleName"), p.require("PolicyArn"));
          });
  api.add("DetachRolePolicy",
          [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter&) {
            service.detach_role_policy(ctx, p.require("RoleName"), p.require("PolicyArn"));
          });
  api.add("ListAttachedRolePolicies",
          [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            auto rows = service.attached_role_policies(ctx, p.require("RoleName"));
            size_t begin = 0, end = 0;
            paginate_marker(p, rows.size(), begin, end);
            xml.open("AttachedPolicies");
            for (size_t i = begin; i < end; ++i) {
              xml.open("member");
              xml.element("PolicyName", rows[i].policy_name);
              xml.element("PolicyArn", rows[i].policy_arn);
              xml.close();
            }
            xml.close();
            xml.element("IsTruncated", end < rows.size());
            if (end < rows.size()) xml.element("Marker", std::to_string(end));
          });
}

}  // namespace ebs::protocol::iam
