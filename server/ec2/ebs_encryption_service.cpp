#include "ec2/ebs_encryption_service.hpp"

#include <spdlog/spdlog.h>

#include "store/ec2/ebs_encryption_table.hpp"

namespace ebs::ec2 {

EbsEncryptionService::EbsEncryptionService(ServiceDeps& deps, kms::KeyService& keys)
    : deps_(deps), keys_(keys) {}

bool EbsEncryptionService::enable_by_default(const RequestContext& ctx, bool dry_run) {
  if (dry_run) throw AwsError::dry_run();
  store::Transaction tx(deps_.db);
  auto row = store::EbsEncryptionTable::get(tx, ctx.account, ctx.region);
  row.encryption_by_default = true;
  store::EbsEncryptionTable::put(tx, row);
  tx.commit();
  return true;
}

bool EbsEncryptionService::disable_by_default(const RequestContext& ctx, bool dry_run) {
  if (dry_run) throw AwsError::dry_run();
  store::Transaction tx(deps_.db);
  auto row = store::EbsEncryptionTable::get(tx, ctx.account, ctx.region);
  row.encryption_by_default = false;
  store::EbsEncryptionTable::put(tx, row);
  tx.commit();
  return false;
}

bool EbsEncryptionService::get_by_default(const RequestContext& ctx, bool dry_run) {
  if (dry_run) throw AwsError::dry_run();
  store::Transaction tx(deps_.db);
  bool on = store::EbsEncryptionTable::get(tx, ctx.account, ctx.region).encryption_by_default;
  tx.commit();
  return on;
}

std::string EbsEncryptionService::get_default_key(const RequestContext& ctx, bool dry_run) {
  if (dry_run) throw AwsError::dry_run();
  store::Transaction tx(deps_.db);
  auto row = store::EbsEncryptionTable::get(tx, ctx.account, ctx.region);
  tx.commit();
  return row.default_kms_key_arn.value_or("alias/aws/ebs");
}

std::optional<std::string> EbsEncryptionService::key_arn_of(store::Transaction& tx,
                                                            const RequestContext& ctx,
                                                            const std::string& key_ref) {
  try {
    return keys_.resolve(tx, ctx.account, ctx.region, key_ref).arn;
  } catch (const AwsError&) {
    return std::nullopt;
  }
}

std::string EbsEncryptionService::modify_default_key(const RequestContext& ctx,
                                                     const std::string& key_ref, bool dry_run) {
  if (key_ref.empty()) throw AwsError::missing_parameter("KmsKeyId");
  if (dry_run) throw AwsError::dry_run();
  store::Transaction tx(deps_.db);
  // AWS checks the key asynchronously: an unknown key is accepted here and fails on use.
  std::string arn = key_arn_of(tx, ctx, key_ref)
                        .value_or(key_ref.rfind("arn:", 0) == 0 || key_ref.rfind("alias/", 0) == 0
                                      ? key_ref
                                      : kms::KeyService::key_arn(ctx.region, ctx.account, key_ref));
  auto row = store::EbsEncryptionTable::get(tx, ctx.account, ctx.region);
  row.default_kms_key_arn = arn;
  store::EbsEncryptionTable::put(tx, row);
  tx.commit();
  return arn;
}

std::string EbsEncryptionService::reset_default_key(const RequestContext& ctx, bool dry_run) {
  if (dry_run) throw AwsError::dry_run();
  store::Transaction tx(deps_.db);
  auto row = store::EbsEncryptionTable::get(tx, ctx.account, ctx.region);
  row.default_kms_key_arn.reset();
  store::EbsEncryptionTable::put(tx, row);
  std::string arn = keys_.managed_key(tx, ctx.account, ctx.region, "ebs", ctx.now_ms).arn;
  tx.commit();
  return arn;
}

std::string EbsEncryptionService::default_key_arn(store::Transaction& tx,
                                                  const std::string& account,
                                                  const std::string& region, int64_t now_ms) {
  auto row = store::EbsEncryptionTable::get(tx, account, region);
  if (row.default_kms_key_arn) return *row.default_kms_key_arn;
  return keys_.managed_key(tx, account, region, "ebs", now_ms).arn;
}

EncryptionChoice EbsEncryptionService::volume_encryption(
    store::Transaction& tx, const RequestContext& ctx, bool encrypted,
    const std::optional<std::string>& kms_key_id, bool source_encrypted,
    const std::optional<std::string>& source_key_arn) {
  EncryptionChoice out;
  out.encrypted = encrypted || source_encrypted ||
                  store::EbsEncryptionTable::get(tx, ctx.account, ctx.region).encryption_by_default;
  if (!out.encrypted) return out;
  if (kms_key_id) {
    out.kms_key_id = key_arn_of(tx, ctx, *kms_key_id).value_or(*kms_key_id);
  } else if (source_encrypted && source_key_arn) {
    out.kms_key_id = source_key_arn;
  } else {
    out.kms_key_id = default_key_arn(tx, ctx.account, ctx.region, ctx.now_ms);
  }
  return out;
}

EncryptionChoice EbsEncryptionService::copy_encryption(store::Transaction& tx,
                                                       const RequestContext& ctx, bool encrypted,
                                                       const std::optional<std::string>& kms_key_id,
                                                       bool source_encrypted) {
  EncryptionChoice out;
  out.encrypted = encrypted || source_encrypted ||
                  store::EbsEncryptionTable::get(tx, ctx.account, ctx.region).encryption_by_default;
  if (!out.encrypted) return out;
  if (kms_key_id) {
    out.kms_key_id = key_arn_of(tx, ctx, *kms_key_id).value_or(*kms_key_id);
  } else {
    out.kms_key_id = default_key_arn(tx, ctx.account, ctx.region, ctx.now_ms);
  }
  return out;
}

std::optional<KeyProblem> EbsEncryptionService::key_problem(store::Transaction& tx,
                                                            const std::string& account,
                                                            const std::string& region,
                                                            const std::string& kms_key_id) {
  std::string ref =
      kms_key_id.empty() ? default_key_arn(tx, account, region, deps_.clock.now_ms()) : kms_key_id;
  try {
    auto key = keys_.resolve(tx, account, region, ref);
    if (auto cause = kms::KeyService::unusable_cause(key)) return KeyProblem{key.arn, *cause};
    return std::nullopt;
  } catch (const AwsError& e) {
    // The key is gone (or never existed): KMS's own NotFoundException text is the cause.
    std::string arn = ref.rfind("arn:", 0) == 0 ? ref
                      : ref.rfind("alias/", 0) == 0
                          ? kms::KeyService::alias_arn(region, account, ref)
                          : kms::KeyService::key_arn(region, account, ref);
    return KeyProblem{arn, e.message()};
  }
}

KeyCheck EbsEncryptionService::key_check() {
  return [this](store::Transaction& tx, const std::string& account, const std::string& region,
                const std::string& kms_key_id) {
    return key_problem(tx, account, region, kms_key_id);
  };
}

}  // namespace ebs::ec2
