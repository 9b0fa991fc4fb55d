// XML encoders shared by the EC2 action codecs: tag sets, volumes, attachments, timestamps.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "protocol/xml_writer.hpp"
#include "store/ec2/volume_modification_table.hpp"
#include "store/ec2/volume_table.hpp"

namespace ebs::ec2 {
struct InstanceView;
struct Reservation;
struct InstanceStateChange;
}  // namespace ebs::ec2

namespace ebs::protocol::ec2 {

using TagList = std::vector<std::pair<std::string, std::string>>;

void write_tag_set(XmlWriter& xml, const TagList& tags);
void write_attachment(XmlWriter& xml, const store::AttachmentRow& a);
// The Volume fields in AWS's element order (CreateVolumeResponse body, or a volumeSet item).
void write_volume_fields(XmlWriter& xml, const store::VolumeRow& v, const TagList& tags,
                         bool with_attachments);
// VolumeModification fields (ModifyVolume's volumeModification, volumeModificationSet items).
void write_modification_fields(XmlWriter& xml, const store::VolumeModificationRow& m);
// <instanceState><code/><name/></instanceState> style element named `name`.
void write_instance_state(XmlWriter& xml, std::string_view name, const std::string& state);
// Instance fields (an instancesSet item).
void write_instance_fields(XmlWriter& xml, const ebs::ec2::InstanceView& v);
// Reservation fields (RunInstancesResponse body, a reservationSet item).
void write_reservation_fields(XmlWriter& xml, const ebs::ec2::Reservation& r);
// instancesSet of InstanceStateChange items (Stop/Start/TerminateInstances).
void write_state_changes(XmlWriter& xml, const std::vector<ebs::ec2::InstanceStateChange>& c);

}  // namespace ebs::protocol::ec2
