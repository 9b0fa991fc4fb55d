#include "protocol/ec2/snapshot_actions.hpp"

#include "core/time_format.hpp"
#include "ec2/snapshot_service.hpp"
#include "protocol/ec2/ec2_xml.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::SnapshotService;
using ebs::ec2::SnapshotView;

std::string percent(int64_t p) { return std::to_string(p) + "%"; }

// The Snapshot fields in AWS's element order (CreateSnapshotResponse body, or a snapshotSet item).
void write_snapshot(XmlWriter& xml, const SnapshotView& v, bool full) {
  const auto& s = v.row;
  xml.element("snapshotId", s.snapshot_id)
      .element("volumeId", s.volume_id)
      .element("status", s.state);
  if (full && s.state == "error") xml.element("statusMessage", s.status_message);
  xml.element("startTime", iso8601_ms(s.start_time))
      .element("progress", percent(v.progress))
      .element("ownerId", s.account)
      .element("volumeSize", s.volume_size)
      .element("description", s.description)
      .element("encrypted", s.encrypted);
  if (s.kms_key_id) xml.element("kmsKeyId", *s.kms_key_id);
  write_tag_set(xml, v.tags);
  if (!full) return;
  xml.element("storageTier", s.storage_tier);
  if (v.restore_expiry_time) xml.element("restoreExpiryTime", iso8601_ms(*v.restore_expiry_time));
  if (s.kind == "copy") {
    xml.element("transferType", v.completion_duration_minutes ? "time-based" : "standard");
  }
  if (v.completion_duration_minutes) {
    xml.element("completionDurationMinutes", *v.completion_duration_minutes);
  }
  if (s.state == "completed" && s.end_time) {
    xml.element("completionTime", iso8601_ms(*s.end_time));
  }
}

// A SnapshotInfo (CreateSnapshots): `state`, not `status`.
void write_snapshot_info(XmlWriter& xml, const SnapshotView& v) {
  const auto& s = v.row;
  xml.element("description", s.description);
  write_tag_set(xml, v.tags);
  xml.element("encrypted", s.encrypted)
      .element("volumeId", s.volume_id)
      .element("state", s.state)
      .element("volumeSize", s.volume_size)
      .element("startTime", iso8601_ms(s.start_time))
      .element("progress", percent(v.progress))
      .element("ownerId", s.account)
      .element("snapshotId", s.snapshot_id);
}

void create_snapshot(SnapshotService& snapshots, const QueryParams& p, const RequestContext& ctx,
                     XmlWriter& xml) {
  ebs::ec2::CreateSnapshotRequest r;
  r.volume_id = p.require("VolumeId");
  r.description = p.get("Description").value_or("");
  r.tag_specifications = p.tag_specifications();
  r.dry_run = p.get_bool("DryRun").value_or(false);
  write_snapshot(xml, snapshots.create(ctx, r), false);
}

void create_snapshots(SnapshotService& snapshots, const QueryParams& p, const RequestContext& ctx,
                      XmlWriter& xml) {
  ebs::ec2::CreateSnapshotsRequest r;
  r.instance_id = p.require("InstanceSpecification.InstanceId");
  r.exclude_boot_volume = p.get_bool("InstanceSpecification.ExcludeBootVolume").value_or(false);
  r.exclude_data_volume_ids = p.list("InstanceSpecification.ExcludeDataVolumeId");
  r.description = p.get("Description").value_or("");
  r.tag_specifications = p.tag_specifications();
  r.copy_tags_from_source = p.get("CopyTagsFromSource");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto made = snapshots.create_multi(ctx, r);
  xml.open("snapshotSet");
  for (const auto& v : made) {
    xml.open("item");
    write_snapshot_info(xml, v);
    xml.close();
  }
  xml.close();
}

void copy_snapshot(SnapshotService& snapshots, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::CopySnapshotRequest r;
  r.source_region = p.require("SourceRegion");
  r.source_snapshot_id = p.require("SourceSnapshotId");
  r.description = p.get("Description").value_or("");
  r.encrypted = p.get_bool("Encrypted");
  r.kms_key_id = p.get("KmsKeyId");
  r.presigned_url = p.get("PresignedUrl");
  r.destination_region = p.get("DestinationRegion");
  r.completion_duration_minutes = p.get_int("CompletionDurationMinutes");
  r.tag_specifications = p.tag_specifications();
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto v = snapshots.copy(ctx, r);
  xml.element("snapshotId", v.row.snapshot_id);
  write_tag_set(xml, v.tags);
}

void describe_snapshots(SnapshotService& snapshots, const QueryParams& p, const RequestContext& ctx,
                        XmlWriter& xml) {
  ebs::ec2::DescribeSnapshotsRequest r;
  r.snapshot_ids = p.list("SnapshotId");
  r.owners = p.list("Owner");
  r.restorable_by = p.list("RestorableBy");
  r.filters = p.filters();
  r.max_results = p.get_int("MaxResults");
  r.next_token = p.get("NextToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto page = snapshots.describe(ctx, r);
  xml.open("snapshotSet");
  for (const auto& v : page.snapshots) {
    xml.open("item");
    write_snapshot(xml, v, true);
    xml.close();
  }
  xml.close();
  if (page.next_token) xml.element("nextToken", *page.next_token);
}

void delete_snapshot(SnapshotService& snapshots, const QueryParams& p, const RequestContext& ctx,
                     XmlWriter& xml) {
  snapshots.remove(ctx, p.require("SnapshotId"), p.get_bool("DryRun").value_or(false));
  xml.element("return", true);
}

std::vector<ebs::ec2::PermissionChange> permission_list(const QueryParams& p,
                                                        const std::string& prefix) {
  std::vector<ebs::ec2::PermissionChange> out;
  for (int n : p.indexes(prefix)) {
    std::string item = prefix + "." + std::to_string(n);
    out.push_back({p.get(item + ".UserId"), p.get(item + ".Group")});
  }
  return out;
}

void modify_snapshot_attribute(SnapshotService& snapshots, const QueryParams& p,
                               const RequestContext& ctx, XmlWriter& xml) {
  ebs::ec2::ModifySnapshotAttributeRequest r;
  r.snapshot_id = p.require("SnapshotId");
  r.attribute = p.get("Attribute");
  r.add = permission_list(p, "CreateVolumePermission.Add");
  r.remove = permission_list(p, "CreateVolumePermission.Remove");
  // The legacy form: OperationType=add|remove with UserId.N / UserGroup.N.
  auto users = p.list("UserId");
  auto groups = p.list("UserGroup");
  auto operation = p.get("OperationType");
  if (!users.empty() || !groups.empty()) {
    if (!operation) throw AwsError::missing_parameter("OperationType");
    if (*operation != "add" && *operation != "remove") {
      throw AwsError::invalid_parameter_value("Value (" + *operation +
                                              ") for parameter operationType is invalid. Expected: "
                                              "'add', 'remove'.");
    }
    auto& target = *operation == "add" ? r.add : r.remove;
    for (const auto& u : users) target.push_back({u, std::nullopt});
    for (const auto& g : groups) target.push_back({std::nullopt, g});
  } else if (operation && *operation != "add" && *operation != "remove") {
    throw AwsError::invalid_parameter_value("Value (" + *operation +
                                            ") for parameter operationType is invalid. Expected: "
                                            "'add', 'remove'.");
  }
  r.dry_run = p.get_bool("DryRun").value_or(false);
  snapshots.modify_attribute(ctx, r);
  xml.element("return", true);
}

void describe_snapshot_attribute(SnapshotService& snapshots, const QueryParams& p,
                                 const RequestContext& ctx, XmlWriter& xml) {
  ebs::ec2::SnapshotAttributeRequest r;
  r.snapshot_id = p.require("SnapshotId");
  r.attribute = p.require("Attribute");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto a = snapshots.describe_attribute(ctx, r);
  xml.element("snapshotId", a.snapshot_id);
  if (a.attribute == "createVolumePermission") {
    xml.open("createVolumePermission");
    for (const auto& perm : a.permissions) {
      xml.open("item");
      if (perm.group) xml.element("group", *perm.group);
      if (perm.user_id) xml.element("userId", *perm.user_id);
      xml.close();
    }
    xml.close();
  } else {
    xml.open("productCodes").close();
  }
}

void reset_snapshot_attribute(SnapshotService& snapshots, const QueryParams& p,
                              const RequestContext& ctx, XmlWriter& xml) {
  ebs::ec2::SnapshotAttributeRequest r;
  r.snapshot_id = p.require("SnapshotId");
  r.attribute = p.require("Attribute");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  snapshots.reset_attribute(ctx, r);
  xml.element("return", true);
}

using Codec = void (*)(SnapshotService&, const QueryParams&, const RequestContext&, XmlWriter&);

}  // namespace

void register_snapshot_actions(QueryApi& api, SnapshotService& snapshots) {
  static const std::pair<const char*, Codec> kActions[] = {
      {"CreateSnapshot", create_snapshot},
      {"CreateSnapshots", create_snapshots},
      {"CopySnapshot", copy_snapshot},
      {"DescribeSnapshots", describe_snapshots},
      {"DeleteSnapshot", delete_snapshot},
      {"ModifySnapshotAttribute", modify_snapshot_attribute},
      {"DescribeSnapshotAttribute", describe_snapshot_attribute},
      {"ResetSnapshotAttribute", reset_snapshot_attribute},
  };
  for (const auto& [name, codec] : kActions) {
    api.add(name, [&snapshots, codec = codec](const QueryParams& p, const RequestContext& ctx,
                                              XmlWriter& xml) { codec(snapshots, p, ctx, xml); });
  }
}

}  // namespace ebs::protocol::ec2
