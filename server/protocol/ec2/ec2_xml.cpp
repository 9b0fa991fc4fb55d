#include "protocol/ec2/ec2_xml.hpp"

#include "core/time_format.hpp"

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
  xml.element("fastRestored", false);
}

}  // namespace ebs::protocol::ec2
