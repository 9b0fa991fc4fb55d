#include "protocol/ec2/fast_snapshot_restore_actions.hpp"

#include "core/time_format.hpp"
#include "ec2/fast_snapshot_restore_service.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::FastSnapshotRestoreService;

// A successful item / fastSnapshotRestoreSet item, in the model's member order; the *Time
// elements only for the states the pair has passed through.
void write_restore(XmlWriter& xml, const store::FastSnapshotRestoreRow& r) {
  xml.element("snapshotId", r.snapshot_id)
      .element("availabilityZone", r.availability_zone)
      .element("state", r.state)
      .element("stateTransitionReason", r.state_transition_reason)
      .element("ownerId", r.account);
  auto time = [&](const char* name, const std::optional<int64_t>& t) {
    if (t) xml.element(name, iso8601_ms(*t));
  };
  time("enablingTime", r.enabling_time);
  time("optimizingTime", r.optimizing_time);
  time("enabledTime", r.enabled_time);
  time("disablingTime", r.disabling_time);
  time("disabledTime", r.disabled_time);
}

void write_result(XmlWriter& xml, const ebs::ec2::FastSnapshotRestoresResult& result) {
  xml.open("successful");
  for (const auto& r : result.successful) {
    xml.open("item");
    write_restore(xml, r);
    xml.close();
  }
  xml.close().open("unsuccessful");
  for (const auto& item : result.unsuccessful) {
    xml.open("item").element("snapshotId", item.snapshot_id);
    xml.open("fastSnapshotRestoreStateErrorSet");
    for (const auto& e : item.errors) {
      xml.open("item");
      if (!e.availability_zone.empty()) xml.element("availabilityZone", e.availability_zone);
      if (!e.availability_zone_id.empty()) {
        xml.element("availabilityZoneId", e.availability_zone_id);
      }
      xml.open("error").element("code", e.code).element("message", e.message).close();
      xml.close();
    }
    xml.close().close();
  }
  xml.close();
}

ebs::ec2::FastSnapshotRestoresRequest decode(const QueryParams& p) {
  ebs::ec2::FastSnapshotRestoresRequest r;
  r.availability_zones = p.list("AvailabilityZone");
  r.availability_zone_ids = p.list("AvailabilityZoneId");
  r.source_snapshot_ids = p.list("SourceSnapshotId");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  return r;
}

void enable(FastSnapshotRestoreService& fsr, const QueryParams& p, const RequestContext& ctx,
            XmlWriter& xml) {
  write_result(xml, fsr.enable(ctx, decode(p)));
}

void disable(FastSnapshotRestoreService& fsr, const QueryParams& p, const RequestContext& ctx,
             XmlWriter& xml) {
  write_result(xml, fsr.disable(ctx, decode(p)));
}

void describe(FastSnapshotRestoreService& fsr, const QueryParams& p, const RequestContext& ctx,
              XmlWriter& xml) {
  ebs::ec2::DescribeFastSnapshotRestoresRequest r;
  r.filters = p.filters();
  r.max_results = p.get_int("MaxResults");
  r.next_token = p.get("NextToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto page = fsr.describe(ctx, r);
  xml.open("fastSnapshotRestoreSet");
  for (const auto& row : page.restores) {
    xml.open("item");
    write_restore(xml, row);
    xml.close();
  }
  xml.close();
  if (page.next_token) xml.element("nextToken", *page.next_token);
}

using Codec = void (*)(FastSnapshotRestoreService&, const QueryParams&, const RequestContext&,
                       XmlWriter&);

}  // namespace

void register_fast_snapshot_restore_actions(QueryApi& api, FastSnapshotRestoreService& fsr) {
  static const std::pair<const char*, Codec> kActions[] = {
      {"EnableFastSnapshotRestores", enable},
      {"DisableFastSnapshotRestores", disable},
      {"DescribeFastSnapshotRestores", describe},
  };
  for (const auto& [name, codec] : kActions) {
    api.add(name, [&fsr, codec = codec](const QueryParams& p, const RequestContext& ctx,
                                        XmlWriter& xml) { codec(fsr, p, ctx, xml); });
  }
}

}  // namespace ebs::protocol::ec2
