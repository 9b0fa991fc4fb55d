#include "ec2/regions.hpp"

#include <algorithm>
#include <map>

namespace ebs::ec2 {

const std::vector<std::string>& region_names() {
  static const std::vector<std::string> kRegions = {
      "af-south-1", "ap-east-1",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",   "eu-central-1",
      "eu-north-1", "eu-south-1",     "eu-west-1",      "eu-west-2",      "eu-west-3",
      "me-south-1", "sa-east-1",      "us-east-1",      "us-east-2",      "us-west-1",
      "us-west-2"};
  return kRegions;
}

bool is_region(const std::string& region) {
  const auto& all = region_names();
  return std::find(all.begin(), all.end(), region) != all.end();
}

std::vector<std::string> zone_names(const std::string& region) {
  return {region + "a", region + "b", region + "c"};
}

bool is_zone_of(const std::string& zone, const std::string& region) {
  return zone.size() == region.size() + 1 && zone.compare(0, region.size(), region) == 0 &&
         zone.back() >= 'a' && zone.back() <= 'c';
}

std::string zone_id(const std::string& zone) {
  // us-east-1a -> use1-az1: first letters of the region's words, its number, then the zone index.
  std::string region = zone.substr(0, zone.size() - 1);
  std::string id;
  size_t start = 0;
  while (start < region.size()) {
    size_t dash = region.find('-', start);
    std::string word =
        region.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
    if (!word.empty() && std::isdigit(static_cast<unsigned char>(word[0]))) {
      id += word;
    } else if (!word.empty()) {
      id += word == "east" || word == "west" || word == "north" || word == "south" ||
                    word == "central"
                ? word.substr(0, 1)
                : word.substr(0, 2);
    }
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  return id + "-az" + std::to_string(zone.back() - 'a' + 1);
}

}  // namespace ebs::ec2
