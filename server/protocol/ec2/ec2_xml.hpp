// XML encoders shared by the EC2 action codecs: tag sets, volumes, attachments, timestamps.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "protocol/xml_writer.hpp"
#include "store/ec2/volume_table.hpp"

namespace ebs::protocol::ec2 {

using TagList = std::vector<std::pair<std::string, std::string>>;

void write_tag_set(XmlWriter& xml, const TagList& tags);
void write_attachment(XmlWriter& xml, const store::AttachmentRow& a);
// The Volume fields in AWS's element order (CreateVolumeResponse body, or a volumeSet item).
void write_volume_fields(XmlWriter& xml, const store::VolumeRow& v, const TagList& tags,
                         bool with_attachments);

}  // namespace ebs::protocol::ec2
