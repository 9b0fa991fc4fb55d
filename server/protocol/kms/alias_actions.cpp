// Codecs of the alias actions: CreateAlias, UpdateAlias, DeleteAlias, ListAliases.
#include "kms/key_service.hpp"
#include "protocol/kms/kms_api.hpp"
#include "protocol/kms/kms_json.hpp"

namespace ebs::protocol::kms {
namespace {

using ebs::kms::KeyService;
using nlohmann::json;

json list_aliases(KeyService& keys, const json& in, const RequestContext& ctx) {
  auto page = keys.list_aliases(ctx, opt_string(in, "KeyId"), opt_int(in, "Limit"),
                                opt_string(in, "Marker"));
  json out;
  out["Aliases"] = json::array();
  for (const auto& a : page.aliases) {
    out["Aliases"].push_back(
        alias_entry(a, KeyService::alias_arn(a.region, a.account, a.alias_name)));
  }
  out["Truncated"] = page.next_marker.has_value();
  if (page.next_marker) out["NextMarker"] = *page.next_marker;
  return out;
}

}  // namespace

void register_alias_actions(JsonApi& api, KeyService& keys) {
  api.add("TrentService.CreateAlias", [&keys](const json& in, const RequestContext& ctx) {
    keys.create_alias(ctx, req_string(in, "AliasName"), req_string(in, "TargetKeyId"));
    return json::object();
  });
  api.add("TrentService.UpdateAlias", [&keys](const json& in, const RequestContext& ctx) {
    keys.update_alias(ctx, req_string(in, "AliasName"), req_string(in, "TargetKeyId"));
    return json::object();
  });
  api.add("TrentService.DeleteAlias", [&keys](const json& in, const RequestContext& ctx) {
    keys.delete_alias(ctx, req_string(in, "AliasName"));
    return json::object();
  });
  api.add("TrentService.ListAliases", [&keys](const json& in, const RequestContext& ctx) {
    return list_aliases(keys, in, ctx);
  });
}

}  // namespace ebs::protocol::kms
