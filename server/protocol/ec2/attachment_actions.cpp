// Codecs of the attachment actions: AttachVolume, DetachVolume (VolumeAttachment responses).
#include "core/time_format.hpp"
#include "ec2/volume_service.hpp"
#include "protocol/ec2/ec2_api.hpp"
#include "protocol/ec2/ec2_xml.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::VolumeService;

void attach_volume(VolumeService& volumes, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::AttachVolumeRequest r;
  r.device = p.require("Device");
  r.instance_id = p.require("InstanceId");
  r.volume_id = p.require("VolumeId");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto a = volumes.attach(ctx, r);
  xml.element("attachTime", iso8601_ms(a.attach_time))
      .element("device", a.device)
      .element("instanceId", a.instance_id)
      .element("status", a.state)
      .element("volumeId", a.volume_id);
}

void detach_volume(VolumeService& volumes, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::DetachVolumeRequest r;
  r.volume_id = p.require("VolumeId");
  r.instance_id = p.get("InstanceId");
  if (r.instance_id && r.instance_id->empty()) r.instance_id.reset();
  r.device = p.get("Device");
  if (r.device && r.device->empty()) r.device.reset();
  r.force = p.get_bool("Force").value_or(false);
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto a = volumes.detach(ctx, r);
  xml.element("attachTime", iso8601_ms(a.attach_time))
      .element("device", a.device)
      .element("instanceId", a.instance_id)
      .element("status", a.state)
      .element("volumeId", a.volume_id);
}

}  // namespace

void register_attachment_actions(QueryApi& api, VolumeService& volumes) {
  api.add("AttachVolume", [&volumes](const QueryParams& p, const RequestContext& ctx,
                                     XmlWriter& xml) { attach_volume(volumes, p, ctx, xml); });
  api.add("DetachVolume", [&volumes](const QueryParams& p, const RequestContext& ctx,
                                     XmlWriter& xml) { detach_volume(volumes, p, ctx, xml); });
}

}  // namespace ebs::protocol::ec2
