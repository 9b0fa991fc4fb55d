#include "protocol/ec2/snapshot_block_public_access_actions.hpp"

#include "ec2/snapshot_block_public_access_service.hpp"

namespace ebs::protocol::ec2 {

void register_snapshot_block_public_access_actions(
    QueryApi& api, ebs::ec2::SnapshotBlockPublicAccessService& bpa) {
  api.add("EnableSnapshotBlockPublicAccess", [&bpa](const QueryParams& p, const RequestContext& ctx,
                                                    XmlWriter& xml) {
    xml.element("state", bpa.enable(ctx, p.get("State"), p.get_bool("DryRun").value_or(false)));
  });
  api.add("DisableSnapshotBlockPublicAccess",
          [&bpa](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            xml.element("state", bpa.disable(ctx, p.get_bool("DryRun").value_or(false)));
          });
  api.add("GetSnapshotBlockPublicAccessState",
          [&bpa](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            auto s = bpa.get(ctx, p.get_bool("DryRun").value_or(false));
            xml.element("state", s.state).element("managedBy", s.managed_by);
          });
}

}  // namespace ebs::protocol::ec2
