// Codecs of the modification actions: ModifyVolume, DescribeVolumesModifications.
#include "ec2/volume_service.hpp"
#include "protocol/ec2/ec2_api.hpp"
#include "protocol/ec2/ec2_xml.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::VolumeService;

void modify_volume(VolumeService& volumes, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::ModifyVolumeRequest r;
  r.volume_id = p.require("VolumeId");
  r.size = p.get_int("Size");
  r.volume_type = p.get("VolumeType");
  r.iops = p.get_int("Iops");
  r.throughput = p.get_int("Throughput");
  r.multi_attach = p.get_bool("MultiAttachEnabled");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto m = volumes.modify(ctx, r);
  xml.open("volumeModification");
  write_modification_fields(xml, m);
  xml.close();
}

void describe_modifications(VolumeService& volumes, const QueryParams& p, const RequestContext& ctx,
                            XmlWriter& xml) {
  ebs::ec2::DescribeVolumesModificationsRequest r;
  r.volume_ids = p.list("VolumeId");
  r.filters = p.filters();
  r.max_results = p.get_int("MaxResults");
  r.next_token = p.get("NextToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto page = volumes.describe_modifications(ctx, r);
  xml.open("volumeModificationSet");
  for (const auto& m : page.modifications) {
    xml.open("item");
    write_modification_fields(xml, m);
    xml.close();
  }
  xml.close();
  if (page.next_token) xml.element("nextToken", *page.next_token);
}

}  // namespace

void register_modification_actions(QueryApi& api, VolumeService& volumes) {
  api.add("ModifyVolume", [&volumes](const QueryParams& p, const RequestContext& ctx,
                                     XmlWriter& xml) { modify_volume(volumes, p, ctx, xml); });
  api.add("DescribeVolumesModifications",
          [&volumes](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            describe_modifications(volumes, p, ctx, xml);
          });
}

}  // namespace ebs::protocol::ec2
