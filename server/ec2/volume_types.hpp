// EBS volume types and their size limits in GiB (CreateVolume and ModifyVolume validate with them).
#pragma once

#include <cstdint>
#include <string>

namespace ebs::ec2 {

struct VolumeTypeLimits {
  const char* name;
  int64_t min_size, max_size;
};

inline const VolumeTypeLimits* find_volume_type(const std::string& name) {
  static constexpr VolumeTypeLimits kTypes[] = {
      {"standard", 1, 1024}, {"gp2", 1, 16384},   {"gp3", 1, 16384},  {"io1", 4, 16384},
      {"io2", 4, 65536},     {"st1", 125, 16384}, {"sc1", 125, 16384}};
  for (const auto& t : kTypes) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

inline std::string invalid_volume_type_message(const std::string& type) {
  return "Value (" + type +
         ") for parameter volumeType is invalid. Valid volume types are standard, io1, io2, gp2, "
         "sc1, st1 and gp3.";
}

}  // namespace ebs::ec2
