#include "ec2/instance_filters.hpp"

#include <set>

#include "core/aws_error.hpp"
#include "core/time_format.hpp"
#include "ec2/filter_match.hpp"

namespace ebs::ec2 {
namespace {

const std::set<std::string>& known_names() {
  static const std::set<std::string> kNames = {"availability-zone",
                                               "block-device-mapping.attach-time",
                                               "block-device-mapping.delete-on-termination",
                                               "block-device-mapping.device-name",
                                               "block-device-mapping.status",
                                               "block-device-mapping.volume-id",
                                               "image-id",
                                               "instance-id",
                                               "instance-state-code",
                                               "instance-state-name",
                                               "instance-type",
                                               "launch-time",
                                               "owner-id",
                                               "reservation-id",
                                               "root-device-name",
                                               "root-device-type",
                                               "tag-key"};
  return kNames;
}

int state_code(const std::string& state) {
  if (state == "pending") return 0;
  if (state == "running") return 16;
  if (state == "shutting-down") return 32;
  if (state == "terminated") return 48;
  if (state == "stopping") return 64;
  return 80;
}

}  // namespace

InstanceFilter::InstanceFilter(std::vector<Filter> filters) : filters_(std::move(filters)) {
  for (const auto& f : filters_) {
    if (is_tag_filter_name(f.name)) continue;
    if (!known_names().count(f.name)) {
      throw AwsError::invalid_parameter_value("The filter '" + f.name + "' is invalid");
    }
  }
}

bool InstanceFilter::matches(const store::InstanceRow& i,
                             const std::vector<store::AttachmentRow>& devices,
                             const std::vector<std::pair<std::string, std::string>>& tags) const {
  for (const auto& f : filters_) {
    const auto& n = f.name;
    bool ok = false;
    if (auto tag = tag_filter_matches(f, tags)) {
      ok = *tag;
    } else if (n.rfind("block-device-mapping.", 0) == 0) {
      for (const auto& d : devices) {
        std::string value = n == "block-device-mapping.attach-time" ? iso8601_ms(d.attach_time)
                            : n == "block-device-mapping.delete-on-termination"
                                ? (d.delete_on_termination ? "true" : "false")
                            : n == "block-device-mapping.device-name" ? d.device
                            : n == "block-device-mapping.status"      ? d.state
                                                                      : d.volume_id;
        ok = ok || any_matches(f.values, value);
      }
    } else {
      std::string value = n == "availability-zone"     ? i.availability_zone
                          : n == "image-id"            ? i.image_id
                          : n == "instance-id"         ? i.instance_id
                          : n == "instance-state-code" ? std::to_string(state_code(i.state))
                          : n == "instance-state-name" ? i.state
                          : n == "instance-type"       ? i.instance_type
                          : n == "launch-time"         ? iso8601_ms(i.launch_time)
                          : n == "owner-id"            ? i.account
                          : n == "reservation-id"      ? i.reservation_id
                          : n == "root-device-name"    ? i.root_device_name
                                                       : std::string("ebs");
      ok = any_matches(f.values, value);
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace ebs::ec2
