// The EC2 Query API: its XML namespace and the registration of every EC2 action codec (one file per
// group of actions: decode QueryParams into the service's typed request, encode the result as XML).
#pragma once

#include "protocol/query_api.hpp"

namespace ebs::ec2 {
class VolumeService;
class InstanceService;
class TagService;
}  // namespace ebs::ec2

namespace ebs::protocol::ec2 {

inline constexpr const char* kXmlns = "http://ec2.amazonaws.com/doc/2016-11-15/";

struct Ec2Services {
  ebs::ec2::VolumeService& volumes;
};

QueryApi make_ec2_api();
void register_region_actions(QueryApi& api);
void register_volume_actions(QueryApi& api, ebs::ec2::VolumeService& volumes);
void register_attachment_actions(QueryApi& api, ebs::ec2::VolumeService& volumes);
void register_modification_actions(QueryApi& api, ebs::ec2::VolumeService& volumes);
void register_instance_actions(QueryApi& api, ebs::ec2::InstanceService& instances);
void register_tag_actions(QueryApi& api, ebs::ec2::TagService& tags);

}  // namespace ebs::protocol::ec2
