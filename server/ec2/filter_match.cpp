#include "ec2/filter_match.hpp"

namespace ebs::ec2 {

bool any_matches(const std::vector<std::string>& patterns, const std::string& value) {
  for (const auto& p : patterns) {
    if (filter_value_matches(p, value)) return true;
  }
  return false;
}

bool is_literal(const std::string& value) {
  return value.find_first_of("*?\\") == std::string::npos;
}

bool is_tag_filter_name(const std::string& name) {
  return name.rfind("tag:", 0) == 0 && name.size() > 4;
}

std::optional<bool> tag_filter_matches(
    const Filter& f, const std::vector<std::pair<std::string, std::string>>& tags) {
  if (f.name.rfind("tag:", 0) == 0) {
    std::string key = f.name.substr(4);
    for (const auto& [k, value] : tags) {
      if (k == key && any_matches(f.values, value)) return true;
    }
    return false;
  }
  if (f.name == "tag-key") {
    for (const auto& tag : tags) {
      if (any_matches(f.values, tag.first)) return true;
    }
    return false;
  }
  return std::nullopt;
}

}  // namespace ebs::ec2
