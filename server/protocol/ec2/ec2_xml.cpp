#include "protocol/ec2/ec2_xml.hpp"

#include "core/time_format.hpp"
#include "ec2/instance_service.hpp"

namespace ebs::protocol::ec2 {

void write_tag_set(XmlWriter& xml, const TagList& tags) {
  if (tags.empty()) return;
  xml.open("tagSet");
  for (const auto& [k, v] : tags) xml.open("item").element("key", k).element("value", v).close();
  xml.close();
}

void write_attachment(XmlWriter& xml, const store::AttachmentRow& a) {
  xml.element("volumeId", a.volume_id)
      .element("instanceId", a.instance_id)
      .element("device", a.device)
      .element("status", a.state)
      .element("attachTime", iso8601_ms(a.attach_time))
      .element("deleteOnTermination", a.delete_on_termination);
}

void write_volume_fields(XmlWriter& xml, const store::VolumeRow& v, const TagList& tags,
                         bool with_attachments) {
  xml.element("volumeId", v.volume_id)
      .element("size", v.size)
      .element("snapshotId", v.snapshot_id)
      .element("availabilityZone", v.availability_zone)
      .element("status", v.state)
      .element("createTime", iso8601_ms(v.create_time));
  if (with_attachments) {
    xml.open("attachmentSet");
    for (const auto& a : v.attachments) {
      xml.open("item");
      write_attachment(xml, a);
      xml.close();
    }
    xml.close();
  }
  xml.element("volumeType", v.volume_type);
  if (v.iops) xml.element("iops", *v.iops);
  xml.element("encrypted", v.encrypted);
  if (v.kms_key_id) xml.element("kmsKeyId", *v.kms_key_id);
  write_tag_set(xml, tags);
  xml.element("multiAttachEnabled", v.multi_attach);
  if (v.throughput) xml.element("throughput", *v.throughput);
  // "This parameter is not returned by CreateVolume" (the model).
  if (with_attachments) xml.element("fastRestored", v.fast_restored);
  if (v.initialization_rate) xml.element("volumeInitializationRate", *v.initialization_rate);
}

void write_modification_fields(XmlWriter& xml, const store::VolumeModificationRow& m) {
  xml.element("volumeId", m.volume_id).element("modificationState", m.state);
  if (!m.status_message.empty()) xml.element("statusMessage", m.status_message);
  xml.element("targetSize", m.target_size);
  if (m.target_iops) xml.element("targetIops", *m.target_iops);
  xml.element("targetVolumeType", m.target_volume_type);
  if (m.target_throughput) xml.element("targetThroughput", *m.target_throughput);
  xml.element("targetMultiAttachEnabled", m.target_multi_attach);
  xml.element("originalSize", m.original_size);
  if (m.original_iops) xml.element("originalIops", *m.original_iops);
  xml.element("originalVolumeType", m.original_volume_type);
  if (m.original_throughput) xml.element("originalThroughput", *m.original_throughput);
  xml.element("originalMultiAttachEnabled", m.original_multi_attach);
  xml.element("progress", m.progress);
  xml.element("startTime", iso8601_ms(m.start_time));
  if (m.end_time) xml.element("endTime", iso8601_ms(*m.end_time));
}

void write_instance_state(XmlWriter& xml, std::string_view name, const std::string& state) {
  xml.open(name)
      .element("code", ebs::ec2::instance_state_code(state))
      .element("name", state)
      .close();
}

void write_instance_fields(XmlWriter& xml, const ebs::ec2::InstanceView& v) {
  const auto& i = v.instance;
  xml.element("instanceId", i.instance_id).element("imageId", i.image_id);
  write_instance_state(xml, "instanceState", i.state);
  xml.element("privateDnsName", "")
      .element("dnsName", "")
      .element("reason", i.transition_reason)
      .element("amiLaunchIndex", i.launch_index)
      .open("productCodes")
      .close()
      .element("instanceType", i.instance_type)
      .element("launchTime", iso8601_ms(i.launch_time))
      .open("placement")
      .element("availabilityZone", i.availability_zone)
      .element("groupName", "")
      .element("tenancy", "default")
      .close()
      .open("monitoring")
      .element("state", "disabled")
      .close()
      .open("groupSet")
      .close();
  if (!i.state_reason.empty()) {
    auto bar = i.state_reason.find('|');
    xml.open("stateReason")
        .element("code", i.state_reason.substr(0, bar))
        .element("message", bar == std::string::npos ? "" : i.state_reason.substr(bar + 1))
        .close();
  }
  xml.element("architecture", "x86_64")
      .element("rootDeviceType", "ebs")
      .element("rootDeviceName", i.root_device_name)
      .open("blockDeviceMapping");
  for (const auto& d : v.block_devices) {
    xml.open("item")
        .element("deviceName", d.device)
        .open("ebs")
        .element("volumeId", d.volume_id)
        .element("status", d.state)
        .element("attachTime", iso8601_ms(d.attach_time))
        .element("deleteOnTermination", d.delete_on_termination)
        .close()
        .close();
  }
  xml.close().element("virtualizationType", "hvm");
  if (i.client_token) xml.element("clientToken", *i.client_token);
  write_tag_set(xml, v.tags);
  xml.element("hypervisor", "xen").element("ebsOptimized", false);
}

void write_reservation_fields(XmlWriter& xml, const ebs::ec2::Reservation& r) {
  xml.element("reservationId", r.reservation_id)
      .element("ownerId", r.owner_id)
      .open("groupSet")
      .close()
      .open("instancesSet");
  for (const auto& v : r.instances) {
    xml.open("item");
    write_instance_fields(xml, v);
    xml.close();
  }
  xml.close();
}

void write_state_changes(XmlWriter& xml, const std::vector<ebs::ec2::InstanceStateChange>& c) {
  xml.open("instancesSet");
  for (const auto& change : c) {
    xml.open("item").element("instanceId", change.instance_id);
    write_instance_state(xml, "currentState", change.current);
    write_instance_state(xml, "previousState", change.previous);
    xml.close();
  }
  xml.close();
}

}  // namespace ebs::protocol::ec2
