// Codecs of the key tag actions: TagResource, UntagResource, ListResourceTags.
#include "kms/key_service.hpp"
#include "protocol/kms/kms_api.hpp"
#include "protocol/kms/kms_json.hpp"

namespace ebs::protocol::kms {
namespace {

using ebs::kms::KeyService;
using nlohmann::json;

json list_resource_tags(KeyService& keys, const json& in, const RequestContext& ctx) {
  auto page = keys.list_resource_tags(ctx, req_string(in, "KeyId"), opt_int(in, "Limit"),
                                      opt_string(in, "Marker"));
  json out;
  out["Tags"] = json::array();
  for (const auto& [k, v] : page.tags) out["Tags"].push_back({{"TagKey", k}, {"TagValue", v}});
  out["Truncated"] = page.next_marker.has_value();
  if (page.next_marker) out["NextMarker"] = *page.next_marker;
  return out;
}

}  // namespace

void register_tag_actions(JsonApi& api, KeyService& keys) {
  api.add("TrentService.TagResource", [&keys](const json& in, const RequestContext& ctx) {
    keys.tag_resource(ctx, req_string(in, "KeyId"), tags(in, "Tags"));
    return json::object();
  });
  api.add("TrentService.UntagResource", [&keys](const json& in, const RequestContext& ctx) {
    std::vector<std::string> tag_keys;
    auto it = in.find("TagKeys");
    if (it == in.end() || it->is_null()) {
      throw AwsError("ValidationException",
                     "1 validation error detected: Value null at 'tagKeys' failed to satisfy "
                     "constraint: Member must not be null");
    }
    for (const auto& k : *it) tag_keys.push_back(k.get<std::string>());
    keys.untag_resource(ctx, req_string(in, "KeyId"), tag_keys);
    return json::object();
  });
  api.add("TrentService.ListResourceTags", [&keys](const json& in, const RequestContext& ctx) {
    return list_resource_tags(keys, in, ctx);
  });
}

}  // namespace ebs::protocol::kms
