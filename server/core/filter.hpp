// Plain request values shared by the Query codecs and the services: a named filter with its values
// (`Filter.N.Name` / `Filter.N.Value.M`), a tag, and a tag specification.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ebs {

struct Filter {
  std::string name;
  std::vector<std::string> values;
};

struct Tag {
  std::string key;
  std::string value;
};

struct TagSpecification {
  std::string resource_type;
  std::vector<Tag> tags;
};

// Narrows `candidates` (ids that can match every filter seen so far; nullopt = not narrowed yet) to
// the ids of one more filter: sorts and dedupes `ids`, then intersects.
void narrow_candidates(std::optional<std::vector<std::string>>& candidates,
                       std::vector<std::string> ids);

// EC2 filter value matching: `*` matches any run, `?` one character, `\` escapes.
bool filter_value_matches(const std::string& pattern, const std::string& value);

}  // namespace ebs
