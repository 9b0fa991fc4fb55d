// The regions and availability zones the emulator offers (real names; three zones per region).
#pragma once

#include <string>
#include <vector>

namespace ebs::ec2 {

const std::vector<std::string>& region_names();
bool is_region(const std::string& region);
// us-east-1a, us-east-1b, us-east-1c for us-east-1.
std::vector<std::string> zone_names(const std::string& region);
bool is_zone_of(const std::string& zone, const std::string& region);
// "use1-az1" style zone id for a zone name.
std::string zone_id(const std::string& zone);

}  // namespace ebs::ec2
