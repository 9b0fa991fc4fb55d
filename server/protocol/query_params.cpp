#include "protocol/query_params.hpp"

#include <boost/url/parse_query.hpp>
#include <charconv>
#include <set>

#include "core/aws_error.hpp"

namespace ebs::protocol {
namespace {

std::string decode(boost::urls::pct_string_view text) {
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  std::string out;
  text.decode(opts, boost::urls::string_token::assign_to(out));
  return out;
}

}  // namespace

QueryParams QueryParams::parse(std::string_view form) {
  QueryParams params;
  if (form.empty()) return params;
  auto parsed = boost::urls::parse_query(form);
  if (!parsed) {
    throw AwsError("MalformedQueryString",
                   "The query string is malformed: " + parsed.error().message());
  }
  for (auto param : *parsed) {
    std::string key = decode(param.key);
    if (key.empty()) continue;
    params.values_[std::move(key)] = param.has_value ? decode(param.value) : std::string();
  }
  return params;
}

void QueryParams::merge(const QueryParams& other) {
  for (const auto& [k, v] : other.values_) values_.emplace(k, v);
}

bool QueryParams::has(std::string_view name) const { return values_.find(name) != values_.end(); }

std::optional<std::string> QueryParams::get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string QueryParams::require(std::string_view name) const {
  auto value = get(name);
  if (!value || value->empty()) throw AwsError::missing_parameter(std::string(name));
  return *value;
}

std::optional<bool> QueryParams::get_bool(std::string_view name) const {
  auto value = get(name);
  if (!value) return std::nullopt;
  if (*value == "true" || *value == "True") return true;
  if (*value == "false" || *value == "False") return false;
  throw AwsError::invalid_parameter_value("Invalid value '" + *value + "' for " +
                                          std::string(name) + ". Expected a boolean.");
}

std::optional<int64_t> QueryParams::get_int(std::string_view name) const {
  auto value = get(name);
  if (!value) return std::nullopt;
  int64_t out = 0;
  auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), out);
  if (ec != std::errc() || ptr != value->data() + value->size()) {
    throw AwsError::invalid_parameter_value("Invalid value '" + *value + "' for " +
                                            std::string(name) + ". Expected an integer.");
  }
  return out;
}

std::vector<int> QueryParams::indexes(std::string_view prefix) const {
  std::set<int> found;
  std::string start(prefix);
  start += '.';
  for (auto it = values_.lower_bound(start); it != values_.end(); ++it) {
    std::string_view key(it->first);
    if (key.substr(0, start.size()) != start) break;
    key.remove_prefix(start.size());
    int n = 0;
    auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), n);
    if (ec == std::errc() && ptr != key.data() && (ptr == key.data() + key.size() || *ptr == '.')) {
      found.insert(n);
    }
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> QueryParams::list(std::string_view prefix) const {
  std::vector<std::string> out;
  for (int i : indexes(prefix)) {
    if (auto v = get(std::string(prefix) + "." + std::to_string(i))) out.push_back(*v);
  }
  return out;
}

std::vector<Filter> QueryParams::filters() const {
  std::vector<Filter> out;
  for (int i : indexes("Filter")) {
    std::string base = "Filter." + std::to_string(i);
    auto name = get(base + ".Name");
    if (!name) {
      throw AwsError("InvalidFilter", "The filter 'null' is invalid");
    }
    out.push_back({*name, list(base + ".Value")});
  }
  return out;
}

std::vector<Tag> QueryParams::tags(std::string_view prefix) const {
  std::vector<Tag> out;
  for (int i : indexes(prefix)) {
    std::string base = std::string(prefix) + "." + std::to_string(i);
    auto key = get(base + ".Key");
    if (!key) throw AwsError::missing_parameter(base + ".Key");
    out.push_back({*key, get(base + ".Value").value_or("")});
  }
  return out;
}

std::vector<TagSpecification> QueryParams::tag_specifications() const {
  std::vector<TagSpecification> out;
  for (int i : indexes("TagSpecification")) {
    std::string base = "TagSpecification." + std::to_string(i);
    out.push_back({get(base + ".ResourceType").value_or(""), tags(base + ".Tag")});
  }
  return out;
}

}  // namespace ebs::protocol
