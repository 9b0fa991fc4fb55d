// Codecs of the key actions: CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey,
// ScheduleKeyDeletion, CancelKeyDeletion, GetParametersForImport, ImportKeyMaterial.
#include "kms/key_service.hpp"
#include "protocol/kms/kms_api.hpp"
#include "protocol/kms/kms_json.hpp"

namespace ebs::protocol::kms {
namespace {

using ebs::kms::KeyService;
using nlohmann::json;

json create_key(KeyService& keys, const json& in, const RequestContext& ctx) {
  ebs::kms::CreateKeyRequest r;
  r.policy = opt_string(in, "Policy");
  r.description = opt_string(in, "Description");
  r.key_usage = opt_string(in, "KeyUsage");
  r.key_spec = opt_string(in, "KeySpec");
  r.customer_master_key_spec = opt_string(in, "CustomerMasterKeySpec");
  r.origin = opt_string(in, "Origin");
  r.custom_key_store_id = opt_string(in, "CustomKeyStoreId");
  r.multi_region = opt_bool(in, "MultiRegion").value_or(false);
  r.tags = tags(in, "Tags");
  return {{"KeyMetadata", key_metadata(keys.create_key(ctx, r))}};
}

json list_keys(KeyService& keys, const json& in, const RequestContext& ctx) {
  auto page = keys.list_keys(ctx, opt_int(in, "Limit"), opt_string(in, "Marker"));
  json out;
  out["Keys"] = json::array();
  for (const auto& k : page.keys) out["Keys"].push_back({{"KeyId", k.key_id}, {"KeyArn", k.arn}});
  out["Truncated"] = page.next_marker.has_value();
  if (page.next_marker) out["NextMarker"] = *page.next_marker;
  return out;
}

json schedule_key_deletion(KeyService& keys, const json& in, const RequestContext& ctx) {
  auto key =
      keys.schedule_key_deletion(ctx, req_string(in, "KeyId"), opt_int(in, "PendingWindowInDays"));
  return {{"KeyId", key.arn},
          {"DeletionDate", epoch_seconds(*key.deletion_ms)},
          {"KeyState", key.state},
          {"PendingWindowInDays", *key.pending_window_days}};
}

json get_parameters_for_import(KeyService& keys, const json& in, const RequestContext& ctx) {
  auto p = keys.get_parameters_for_import(ctx, req_string(in, "KeyId"),
                                          req_string(in, "WrappingAlgorithm"),
                                          req_string(in, "WrappingKeySpec"));
  return {{"KeyId", p.key_arn},
          {"ImportToken", base64_encode(p.import_token)},
          {"PublicKey", base64_encode(p.public_key)},
          {"ParametersValidTo", epoch_seconds(p.valid_to_ms)}};
}

json import_key_material(KeyService& keys, const json& in, const RequestContext& ctx) {
  ebs::kms::ImportKeyMaterialRequest r;
  r.key_id = req_string(in, "KeyId");
  r.import_token = req_blob(in, "ImportToken");
  r.encrypted_key_material = req_blob(in, "EncryptedKeyMaterial");
  r.valid_to_ms = opt_time_ms(in, "ValidTo");
  r.expiration_model = opt_string(in, "ExpirationModel");
  auto result = keys.import_key_material(ctx, r);
  return {{"KeyId", result.key_arn}, {"KeyMaterialId", result.key_material_id}};
}

}  // namespace

void register_key_actions(JsonApi& api, KeyService& keys) {
  api.add("TrentService.CreateKey",
          [&keys](const json& in, const RequestContext& ctx) { return create_key(keys, in, ctx); });
  api.add("TrentService.DescribeKey", [&keys](const json& in, const RequestContext& ctx) {
    return json{{"KeyMetadata", key_metadata(keys.describe_key(ctx, req_string(in, "KeyId")))}};
  });
  api.add("TrentService.ListKeys",
          [&keys](const json& in, const RequestContext& ctx) { return list_keys(keys, in, ctx); });
  api.add("TrentService.EnableKey", [&keys](const json& in, const RequestContext& ctx) {
    keys.enable_key(ctx, req_string(in, "KeyId"));
    return json::object();
  });
  api.add("TrentService.DisableKey", [&keys](const json& in, const RequestContext& ctx) {
    keys.disable_key(ctx, req_string(in, "KeyId"));
    return json::object();
  });
  api.add("TrentService.ScheduleKeyDeletion", [&keys](const json& in, const RequestContext& ctx) {
    return schedule_key_deletion(keys, in, ctx);
  });
  api.add("TrentService.CancelKeyDeletion", [&keys](const json& in, const RequestContext& ctx) {
    return json{{"KeyId", keys.cancel_key_deletion(ctx, req_string(in, "KeyId")).arn}};
  });
  api.add("TrentService.GetParametersForImport",
          [&keys](const json& in, const RequestContext& ctx) {
            return get_parameters_for_import(keys, in, ctx);
          });
  api.add("TrentService.ImportKeyMaterial", [&keys](const json& in, const RequestContext& ctx) {
    return import_key_material(keys, in, ctx);
  });
}

void register_kms_actions(JsonApi& api, KeyService& keys) {
  register_key_actions(api, keys);
  register_alias_actions(api, keys);
  register_tag_actions(api, keys);
}

}  // namespace ebs::protocol::kms
