// Codecs of the volume actions: CreateVolume, DescribeVolumes, DeleteVolume.
#include "ec2/volume_service.hpp"
#include "protocol/ec2/ec2_api.hpp"
#include "protocol/ec2/ec2_xml.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::VolumeService;

void create_volume(VolumeService& volumes, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::CreateVolumeRequest r;
  r.availability_zone = p.get("AvailabilityZone");
  r.availability_zone_id = p.get("AvailabilityZoneId");
  r.size = p.get_int("Size");
  r.snapshot_id = p.get("SnapshotId");
  if (r.snapshot_id && r.snapshot_id->empty()) r.snapshot_id.reset();
  r.volume_type = p.get("VolumeType").value_or("gp2");
  r.iops = p.get_int("Iops");
  r.throughput = p.get_int("Throughput");
  r.encrypted = p.get_bool("Encrypted").value_or(false);
  r.kms_key_id = p.get("KmsKeyId");
  r.multi_attach = p.get_bool("MultiAttachEnabled").value_or(false);
  r.tag_specifications = p.tag_specifications();
  r.client_token = p.get("ClientToken");
  r.volume_initialization_rate = p.get_int("VolumeInitializationRate");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto v = volumes.create(ctx, r);
  // AWS echoes KmsKeyId as given (key id, alias...); DescribeVolumes reports the key ARN.
  if (r.kms_key_id) v.kms_key_id = r.kms_key_id;
  TagList tags;
  for (const auto& spec : r.tag_specifications) {
    for (const auto& t : spec.tags) tags.emplace_back(t.key, t.value);
  }
  write_volume_fields(xml, v, tags, false);
}

void describe_volumes(VolumeService& volumes, const QueryParams& p, const RequestContext& ctx,
                      XmlWriter& xml) {
  ebs::ec2::DescribeVolumesRequest r;
  r.volume_ids = p.list("VolumeId");
  r.filters = p.filters();
  r.max_results = p.get_int("MaxResults");
  r.next_token = p.get("NextToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto page = volumes.describe(ctx, r);
  xml.open("volumeSet");
  for (size_t i = 0; i < page.volumes.size(); ++i) {
    xml.open("item");
    write_volume_fields(xml, page.volumes[i], page.tags[i], true);
    xml.close();
  }
  xml.close();
  if (page.next_token) xml.element("nextToken", *page.next_token);
}

void delete_volume(VolumeService& volumes, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::DeleteVolumeRequest r;
  r.volume_id = p.require("VolumeId");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  volumes.remove(ctx, r);
  xml.element("return", true);
}

}  // namespace

void register_volume_actions(QueryApi& api, VolumeService& volumes) {
  api.add("CreateVolume", [&volumes](const QueryParams& p, const RequestContext& ctx,
                                     XmlWriter& xml) { create_volume(volumes, p, ctx, xml); });
  api.add_read("DescribeVolumes",
               [&volumes](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
                 describe_volumes(volumes, p, ctx, xml);
               });
  api.add("DeleteVolume", [&volumes](const QueryParams& p, const RequestContext& ctx,
                                     XmlWriter& xml) { delete_volume(volumes, p, ctx, xml); });
}

}  // namespace ebs::protocol::ec2
