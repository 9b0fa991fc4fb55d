#include "protocol/ec2/snapshot_tier_actions.hpp"

#include "core/time_format.hpp"
#include "ec2/snapshot_tier_service.hpp"
#include "protocol/ec2/ec2_xml.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::SnapshotTierService;

void modify_snapshot_tier(SnapshotTierService& tiers, const QueryParams& p,
                          const RequestContext& ctx, XmlWriter& xml) {
  ebs::ec2::ModifySnapshotTierRequest r;
  r.snapshot_id = p.require("SnapshotId");
  r.storage_tier = p.get("StorageTier");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto out = tiers.modify(ctx, r);
  xml.element("snapshotId", out.snapshot_id)
      .element("tieringStartTime", iso8601_ms(out.tiering_start_time));
}

void restore_snapshot_tier(SnapshotTierService& tiers, const QueryParams& p,
                           const RequestContext& ctx, XmlWriter& xml) {
  ebs::ec2::RestoreSnapshotTierRequest r;
  r.snapshot_id = p.require("SnapshotId");
  r.restore.temporary_restore_days = p.get_int("TemporaryRestoreDays");
  r.restore.permanent_restore = p.get_bool("PermanentRestore");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto out = tiers.restore(ctx, r);
  xml.element("snapshotId", out.snapshot_id)
      .element("restoreStartTime", iso8601_ms(out.restore_start_time));
  if (out.restore_duration) xml.element("restoreDuration", *out.restore_duration);
  xml.element("isPermanentRestore", out.is_permanent_restore);
}

void describe_snapshot_tier_status(SnapshotTierService& tiers, const QueryParams& p,
                                   const RequestContext& ctx, XmlWriter& xml) {
  ebs::ec2::DescribeSnapshotTierStatusRequest r;
  r.filters = p.filters();
  r.max_results = p.get_int("MaxResults");
  r.next_token = p.get("NextToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto page = tiers.describe_status(ctx, r);
  xml.open("snapshotTierStatusSet");
  for (const auto& item : page.items) {
    const auto& s = item.snapshot;
    xml.open("item")
        .element("snapshotId", s.snapshot_id)
        .element("volumeId", s.volume_id)
        .element("status", s.state)
        .element("ownerId", s.account);
    write_tag_set(xml, item.tags);
    xml.element("storageTier", s.storage_tier);
    if (const auto& t = item.tier) {
      xml.element("lastTieringStartTime", iso8601_ms(t->start_time))
          .element("lastTieringProgress", item.progress)
          .element("lastTieringOperationStatus", t->status)
          .element("lastTieringOperationStatusDetail", t->status_detail);
      if (t->archival_complete_time) {
        xml.element("archivalCompleteTime", iso8601_ms(*t->archival_complete_time));
      }
      if (t->restore_expiry_time) {
        xml.element("restoreExpiryTime", iso8601_ms(*t->restore_expiry_time));
      }
    }
    xml.close();
  }
  xml.close();
  if (page.next_token) xml.element("nextToken", *page.next_token);
}

using Codec = void (*)(SnapshotTierService&, const QueryParams&, const RequestContext&, XmlWriter&);

}  // namespace

void register_snapshot_tier_actions(QueryApi& api, SnapshotTierService& tiers) {
  static const std::pair<const char*, Codec> kActions[] = {
      {"ModifySnapshotTier", modify_snapshot_tier},
      {"RestoreSnapshotTier", restore_snapshot_tier},
      {"DescribeSnapshotTierStatus", describe_snapshot_tier_status},
  };
  for (const auto& [name, codec] : kActions) {
    api.add(name, [&tiers, codec = codec](const QueryParams& p, const RequestContext& ctx,
                                          XmlWriter& xml) { codec(tiers, p, ctx, xml); });
  }
}

}  // namespace ebs::protocol::ec2
