// Codecs of the tag actions: CreateTags, DeleteTags, DescribeTags.
#include "ec2/tag_service.hpp"
#include "protocol/ec2/ec2_api.hpp"
#include "protocol/ec2/ec2_xml.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::TagService;

void create_tags(TagService& tags, const QueryParams& p, const RequestContext& ctx,
                 XmlWriter& xml) {
  tags.create(ctx, p.list("ResourceId"), p.tags("Tag"), p.get_bool("DryRun").value_or(false));
  xml.element("return", true);
}

void delete_tags(TagService& tags, const QueryParams& p, const RequestContext& ctx,
                 XmlWriter& xml) {
  // Tag.N.Value absent = remove the key whatever its value; present (even empty) = only that value.
  std::vector<ebs::ec2::DeleteTag> wanted;
  for (int i : p.indexes("Tag")) {
    std::string base = "Tag." + std::to_string(i);
    auto key = p.get(base + ".Key");
    if (!key) throw AwsError::missing_parameter(base + ".Key");
    wanted.push_back({*key, p.get(base + ".Value")});
  }
  tags.remove(ctx, p.list("ResourceId"), wanted, p.get_bool("DryRun").value_or(false));
  xml.element("return", true);
}

void describe_tags(TagService& tags, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::DescribeTagsRequest r;
  r.filters = p.filters();
  r.max_results = p.get_int("MaxResults");
  r.next_token = p.get("NextToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto page = tags.describe(ctx, r);
  xml.open("tagSet");
  for (const auto& t : page.tags) {
    xml.open("item")
        .element("resourceId", t.resource_id)
        .element("resourceType", t.resource_type)
        .element("key", t.key)
        .element("value", t.value)
        .close();
  }
  xml.close();
  if (page.next_token) xml.element("nextToken", *page.next_token);
}

}  // namespace

void register_tag_actions(QueryApi& api, TagService& tags) {
  api.add("CreateTags", [&tags](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
    create_tags(tags, p, ctx, xml);
  });
  api.add("DeleteTags", [&tags](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
    delete_tags(tags, p, ctx, xml);
  });
  api.add_read("DescribeTags", [&tags](const QueryParams& p, const RequestContext& ctx,
                                       XmlWriter& xml) { describe_tags(tags, p, ctx, xml); });
}

}  // namespace ebs::protocol::ec2
