// The EC2 XML encoders: element names and order, escaping of user text, timestamps.
#include <gtest/gtest.h>

#include "ec2/instance_service.hpp"
#include "protocol/ec2/ec2_xml.hpp"

namespace ebs::protocol::ec2 {
namespace {

TEST(Ec2XmlTest, VolumeFieldsEscapeTagsAndKeepAwsOrder) {
  store::VolumeRow v;
  v.volume_id = "vol-0abc";
  v.size = 8;
  v.availability_zone = "us-east-1a";
  v.state = "in-use";
  v.create_time = 1'700'000'000'123;
  v.volume_type = "gp2";
  v.iops = 100;
  v.attachments.push_back({"vol-0abc", "i-1", "/dev/sdf", "attached", 1'700'000'000'000, true});
  XmlWriter xml;
  write_volume_fields(xml, v, {{"a<b", "x&y\"z"}}, true);
  std::string out = xml.take();
  EXPECT_NE(out.find("<createTime>2023-11-14T22:13:20.123Z</createTime>"), std::string::npos);
  EXPECT_NE(out.find("<key>a&lt;b</key><value>x&amp;y&quot;z</value>"), std::string::npos) << out;
  EXPECT_NE(out.find("<attachmentSet><item><volumeId>vol-0abc</volumeId><instanceId>i-1"
                     "</instanceId><device>/dev/sdf</device><status>attached</status>"),
            std::string::npos)
      << out;
  EXPECT_LT(out.find("<volumeId>"), out.find("<size>"));
  EXPECT_LT(out.find("<status>in-use"), out.find("<createTime>"));
}

TEST(Ec2XmlTest, StateChangesCarryCodes) {
  XmlWriter xml;
  write_state_changes(xml, {{"i-1", "stopping", "running"}});
  EXPECT_EQ(xml.take(),
            "<instancesSet><item><instanceId>i-1</instanceId><currentState><code>64</code><name>"
            "stopping</name></currentState><previousState><code>16</code><name>running</name>"
            "</previousState></item></instancesSet>");
}

TEST(Ec2XmlTest, ModificationFields) {
  store::VolumeModificationRow m;
  m.volume_id = "vol-1";
  m.state = "optimizing";
  m.target_size = 20;
  m.target_volume_type = "gp3";
  m.original_size = 10;
  m.original_volume_type = "gp2";
  m.progress = 50;
  m.start_time = 0;
  XmlWriter xml;
  write_modification_fields(xml, m);
  std::string out = xml.take();
  EXPECT_NE(out.find("<modificationState>optimizing</modificationState>"), std::string::npos);
  EXPECT_NE(out.find("<targetSize>20</targetSize>"), std::string::npos);
  EXPECT_NE(out.find("<startTime>1970-01-01T00:00:00.000Z</startTime>"), std::string::npos);
  EXPECT_EQ(out.find("<endTime>"), std::string::npos);
}

}  // namespace
}  // namespace ebs::protocol::ec2
