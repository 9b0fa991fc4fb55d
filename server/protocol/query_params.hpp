// QueryParams: the decoded parameters of a Query-protocol request (EC2, IAM): form body and URL
// query, with typed accessors for AWS's flattened list conventions (`VolumeId.1`, `Filter.1.Name` +
// `Filter.1.Value.1`, `TagSpecification.1.Tag.1.Key`). Accessors throw AwsError with EC2's codes
// for missing or malformed values, so action decoders stay short.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/filter.hpp"

namespace ebs::protocol {

using ebs::Filter;
using ebs::Tag;
using ebs::TagSpecification;

class QueryParams {
 public:
  // Decodes `application/x-www-form-urlencoded` text ('+' is a space). Throws AwsError
  // MalformedQueryString on bad percent-encoding.
  static QueryParams parse(std::string_view form);
  void merge(const QueryParams& other);  // adds parameters not already present

  bool has(std::string_view name) const;
  std::optional<std::string> get(std::string_view name) const;
  std::string require(std::string_view name) const;             // MissingParameter
  std::optional<bool> get_bool(std::string_view name) const;    // InvalidParameterValue
  std::optional<int64_t> get_int(std::string_view name) const;  // InvalidParameterValue
  // Values of `prefix.1`, `prefix.2`, ... in index order (gaps allowed).
  std::vector<std::string> list(std::string_view prefix) const;
  // Indexes N present for `prefix.N.*` or `prefix.N`, sorted.
  std::vector<int> indexes(std::string_view prefix) const;
  std::vector<Filter> filters() const;                       // Filter.N.Name / Value.M
  std::vector<Tag> tags(std::string_view prefix) const;      // prefix.N.Key / .Value
  std::vector<TagSpecification> tag_specifications() const;  // TagSpecification.N
  const std::map<std::string, std::string, std::less<>>& all() const { return values_; }
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace ebs::protocol
