// Matching request filters (Filter.N) against resources, shared by the EC2 filter code (volumes,
// snapshots, instances, tags, snapshot tier status): any-of value matching, literal values (the
// ones an index can serve) and the `tag:<key>` / `tag-key` filters.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/filter.hpp"

namespace ebs::ec2 {

// True when one of `patterns` matches `value` (filter_value_matches).
bool any_matches(const std::vector<std::string>& patterns, const std::string& value);

// True when `value` has no pattern character (`*`, `?`, `\`): it matches itself only.
bool is_literal(const std::string& value);

// True for a `tag:<key>` filter name with a key.
bool is_tag_filter_name(const std::string& name);

// A `tag:<key>` filter (some tag with that key has a matching value) or a `tag-key` filter (some
// tag's key matches) against a resource's (key, value) tags; nullopt for any other filter.
std::optional<bool> tag_filter_matches(
    const Filter& f, const std::vector<std::pair<std::string, std::string>>& tags);

}  // namespace ebs::ec2
