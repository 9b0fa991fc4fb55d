#include "ec2/tag_service.hpp"

#include <algorithm>
#include <set>

#include "ec2/ec2_errors.hpp"
#include "ec2/filter_match.hpp"

namespace ebs::ec2 {
namespace {

constexpr size_t kMaxTagsPerResource = 50;

bool tag_matches(const std::vector<Filter>& filters, const store::TagRow& t) {
  for (const auto& f : filters) {
    const std::string& value = f.name == "key"             ? t.key
                               : f.name == "value"         ? t.value
                               : f.name == "resource-id"   ? t.resource_id
                               : f.name == "resource-type" ? t.resource_type
                                                           : t.value;  // tag:K
    if (f.name.rfind("tag:", 0) == 0 && t.key != f.name.substr(4)) return false;
    if (!any_matches(f.values, value)) return false;
  }
  return true;
}

// Page tokens are "<resource-id>|<key>": the last tag of the previous page.
std::string token(const store::TagRow& t) { return t.resource_id + "|" + t.key; }

}  // namespace

TagService::TagService(ServiceDeps& deps) : deps_(deps) {}

void TagService::add_kind(const std::string& prefix, TagKind kind) {
  kinds_[prefix] = std::move(kind);
}

const TagKind& TagService::kind_of(const std::string& id) const {
  auto dash = id.find('-');
  if (dash == std::string::npos) throw invalid_id(id);
  auto it = kinds_.find(id.substr(0, dash));
  if (it == kinds_.end()) throw invalid_id(id);
  return it->second;
}

void TagService::create(const RequestContext& ctx, const std::vector<std::string>& resources,
                        const std::vector<Tag>& tags, bool dry_run) {
  if (resources.empty()) throw AwsError::missing_parameter("resourceIdSet");
  if (tags.empty()) throw AwsError::missing_parameter("tagSet");
  for (const auto& tag : tags) {
    if (tag.key.empty() || tag.key.size() > 127) {
      throw AwsError::invalid_parameter_value("Tag key must be between 1 and 127 characters");
    }
    if (tag.key.rfind("aws:", 0) == 0) {
      throw AwsError::invalid_parameter_value(
          "Tag keys starting with 'aws:' are reserved for internal use");
    }
    if (tag.value.size() > 256) {
      throw AwsError::invalid_parameter_value("Tag value must be at most 256 characters");
    }
  }
  store::Transaction tx(deps_.db);
  for (const auto& id : resources) {
    const TagKind& kind = kind_of(id);
    if (!kind.exists(tx, ctx, id)) throw kind.not_found(id);
    std::set<std::string> keys;
    for (const auto& [k, v] : store::TagTable::for_resource(tx, id)) keys.insert(k);
    for (const auto& tag : tags) keys.insert(tag.key);
    if (keys.size() > kMaxTagsPerResource) {
      throw AwsError("TagLimitExceeded",
                     "The maximum number of Tags for a resource has been reached.");
    }
  }
  if (dry_run) throw AwsError::dry_run();
  for (const auto& id : resources) {
    const TagKind& kind = kind_of(id);
    for (const auto& tag : tags) {
      store::TagTable::put(tx, ctx.account, ctx.region,
                           {id, kind.resource_type, tag.key, tag.value});
    }
  }
  tx.commit();
}

void TagService::remove(const RequestContext& ctx, const std::vector<std::string>& resources,
                        const std::vector<DeleteTag>& tags, bool dry_run) {
  if (resources.empty()) throw AwsError::missing_parameter("resourceIdSet");
  store::Transaction tx(deps_.db);
  for (const auto& id : resources) {
    const TagKind& kind = kind_of(id);
    if (!kind.exists(tx, ctx, id)) throw kind.not_found(id);
  }
  if (dry_run) throw AwsError::dry_run();
  for (const auto& id : resources) {
    if (tags.empty()) {  // no Tag.N: every tag of the resource goes
      store::TagTable::remove_all(tx, id);
      continue;
    }
    for (const auto& tag : tags) store::TagTable::remove(tx, id, tag.key, tag.value);
  }
  tx.commit();
}

TagPage TagService::describe(const RequestContext& ctx, const DescribeTagsRequest& request) {
  for (const auto& f : request.filters) {
    bool known = f.name == "key" || f.name == "value" || f.name == "resource-id" ||
                 f.name == "resource-type" || is_tag_filter_name(f.name);
    if (!known) throw invalid_filter(f.name);
  }
  check_max_results(request.max_results, 5, 1000);
  std::string after_resource, after_key;
  if (request.next_token) {
    auto bar = request.next_token->find('|');
    if (bar == std::string::npos) throw invalid_next_token(*request.next_token);
    after_resource = request.next_token->substr(0, bar);
    after_key = request.next_token->substr(bar + 1);
  }
  if (request.dry_run) throw AwsError::dry_run();
  int64_t limit = request.max_results.value_or(0);

  store::Transaction tx(deps_.db);
  // Candidates from an index when a resource-id or key filter has literal values.
  std::optional<std::vector<store::TagRow>> candidates;
  for (const auto& f : request.filters) {
    if (f.values.empty() || !std::all_of(f.values.begin(), f.values.end(), is_literal)) continue;
    std::vector<store::TagRow> rows;
    if (f.name == "resource-id") {
      for (const auto& id : f.values) {
        auto found = store::TagTable::rows_of(tx, ctx.account, ctx.region, id);
        rows.insert(rows.end(), found.begin(), found.end());
      }
    } else if (f.name == "key") {
      for (const auto& key : f.values) {
        auto found = store::TagTable::rows_with_key(tx, ctx.account, ctx.region, key);
        rows.insert(rows.end(), found.begin(), found.end());
      }
    } else {
      continue;
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return std::tie(a.resource_id, a.key) < std::tie(b.resource_id, b.key);
    });
    candidates = std::move(rows);
    break;
  }
  TagPage page;
  auto consider = [&](store::TagRow t) {  // true when the page is full
    if (!tag_matches(request.filters, t)) return false;
    if (limit > 0 && static_cast<int64_t>(page.tags.size()) == limit) {
      page.next_token = token(page.tags.back());
      return true;
    }
    page.tags.push_back(std::move(t));
    return false;
  };
  if (candidates) {
    for (auto& t : *candidates) {
      if (std::tie(t.resource_id, t.key) <= std::tie(after_resource, after_key)) continue;
      if (consider(std::move(t))) break;
    }
  } else {
    constexpr int64_t kChunk = 256;
    bool done = false;
    while (!done) {
      auto rows =
          store::TagTable::page(tx, ctx.account, ctx.region, after_resource, after_key, kChunk);
      if (rows.empty()) break;
      after_resource = rows.back().resource_id;
      after_key = rows.back().key;
      done = static_cast<int64_t>(rows.size()) < kChunk;
      for (auto& t : rows) {
        if (consider(std::move(t))) {
          done = true;
          break;
        }
      }
    }
  }
  tx.commit();
  return page;
}

}  // namespace ebs::ec2
