// Codecs of the IAM managed-policy actions: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy.
#include "core/time_format.hpp"
#include "protocol/iam/iam_api.hpp"

namespace ebs::protocol::iam {
namespace {

using ebs::iam::IamService;

void write_policy(XmlWriter& xml, const store::PolicyRow& p) {
  xml.element("PolicyName", p.name);
  xml.element("PolicyId", p.policy_id);
  xml.element("Arn", p.arn);
  xml.element("Path", p.path);
  xml.element("DefaultVersionId", "v1");
  xml.element("AttachmentCount", p.attachment_count);
  xml.element("PermissionsBoundaryUsageCount", 0);
  xml.element("IsAttachable", true);
  if (!p.description.empty()) xml.element("Description", p.description);
  xml.element("CreateDate", iso8601_s(p.create_date));
  xml.element("UpdateDate", iso8601_s(p.create_date));
}

}  // namespace

void register_policy_actions(QueryApi& api, IamService& service) {
  api.add("CreatePolicy",
          [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            ebs::iam::CreatePolicyRequest r;
            r.name = p.require("PolicyName");
            r.path = p.get("Path").value_or("/");
            r.document = p.require("PolicyDocument");
            r.description = p.get("Description").value_or("");
            auto row = service.create_policy(ctx, r);
            xml.open("Policy");
            write_policy(xml, row);
            xml.close();
          });
  api.add("GetPolicy", [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
    auto row = service.get_policy(ctx, p.require("PolicyArn"));
    xml.open("Policy");
    write_policy(xml, row);
    xml.close();
  });
  api.add("ListPolicies",
          [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            auto scope = p.get("Scope").value_or("All");
            std::vector<store::PolicyRow> rows;
            if (scope != "AWS") rows = service.list_policies(ctx);
            if (p.get_bool("OnlyAttached").value_or(false)) {
              std::erase_if(rows, [](const auto& r) { return r.attachment_count == 0; });
            }
            xml.open("Policies");
            for (const auto& row : rows) {
              xml.open("member");
              write_policy(xml, row);
              xml.close();
            }
            xml.close();
            xml.element("IsTruncated", false);
          });
  api.add("DeletePolicy", [&service](const QueryParams& p, const RequestContext& ctx, XmlWriter&) {
    service.delete_policy(ctx, p.require("PolicyArn"));
  });
}

}  // namespace ebs::protocol::iam
