// TagService: CreateTags, DeleteTags, DescribeTags over every taggable EC2 resource. Which ids
// exist is asked of the service owning them: each registers its id prefix, resource type and
// existence check (volumes and instances here; snapshots by the snapshot service from app.cpp), so
// tags are never put on resources that do not exist. DescribeTags' key and resource-id filters are
// served from the tag indexes.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "store/ec2/tag_table.hpp"

namespace ebs::ec2 {

struct TagKind {
  std::string resource_type;  // volume | instance | snapshot ...
  // True when the id exists in the caller's account+region.
  std::function<bool(store::Transaction&, const RequestContext&, const std::string& id)> exists;
  // The error for an id that does not exist (e.g. InvalidVolume.NotFound).
  std::function<AwsError(const std::string& id)> not_found;
};

struct DeleteTag {
  std::string key;
  std::optional<std::string> value;  // when given, only a tag with this value is removed
};

struct DescribeTagsRequest {
  std::vector<Filter> filters;
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
};

struct TagPage {
  std::vector<store::TagRow> tags;
  std::optional<std::string> next_token;
};

class TagService {
 public:
  explicit TagService(ServiceDeps& deps);
  // Registers a resource kind by id prefix ("vol", "i", "snap").
  void add_kind(const std::string& prefix, TagKind kind);

  void create(const RequestContext& ctx, const std::vector<std::string>& resources,
              const std::vector<Tag>& tags, bool dry_run);
  void remove(const RequestContext& ctx, const std::vector<std::string>& resources,
              const std::vector<DeleteTag>& tags, bool dry_run);
  TagPage describe(const RequestContext& ctx, const DescribeTagsRequest& request);

 private:
  const TagKind& kind_of(const std::string& id) const;  // throws InvalidID

  ServiceDeps& deps_;
  std::map<std::string, TagKind> kinds_;
};

}  // namespace ebs::ec2
