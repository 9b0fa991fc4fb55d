// EbsEncryptionService: EBS encryption by default and the account's default KMS key per Region
// (Enable/Disable/GetEbsEncryptionByDefault, Get/Modify/ResetEbsDefaultKmsKeyId), and the answers
// the volume and snapshot code needs about keys, inside its own transaction: which key a new volume
// or copy is encrypted with (the KmsKeyId given, the source snapshot's key, else the default key,
// creating the AWS managed alias/aws/ebs key on first use), and whether that key is still usable
// (the KeyCheck seam of VolumeService: "<key-arn> is disabled." and friends). Typed values in and
// out; no XML, no SQL.
#pragma once

#include <optional>
#include <string>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "ec2/key_check.hpp"
#include "kms/key_service.hpp"

namespace ebs::ec2 {

// How a new volume or snapshot copy is encrypted.
struct EncryptionChoice {
  bool encrypted = false;
  std::optional<std::string> kms_key_id;  // the full key ARN when it resolves; otherwise as given
};

class EbsEncryptionService {
 public:
  EbsEncryptionService(ServiceDeps& deps, kms::KeyService& keys);

  bool enable_by_default(const RequestContext& ctx, bool dry_run);
  bool disable_by_default(const RequestContext& ctx, bool dry_run);
  bool get_by_default(const RequestContext& ctx, bool dry_run);
  // "alias/aws/ebs" until a customer key is set, then that key's ARN.
  std::string get_default_key(const RequestContext& ctx, bool dry_run);
  // Sets the default key (any key reference); returns its ARN.
  std::string modify_default_key(const RequestContext& ctx, const std::string& key_ref,
                                 bool dry_run);
  // Back to the AWS managed key; returns its ARN.
  std::string reset_default_key(const RequestContext& ctx, bool dry_run);

  // ---- for the volume and snapshot code, inside its transaction --------------------------------
  // A new volume: encrypted when asked, when encryption by default is on, or when its snapshot is;
  // keyed by KmsKeyId, else the snapshot's key, else the account's default key.
  EncryptionChoice volume_encryption(store::Transaction& tx, const RequestContext& ctx,
                                     bool encrypted, const std::optional<std::string>& kms_key_id,
                                     bool source_encrypted,
                                     const std::optional<std::string>& source_key_arn);
  // A snapshot copy (in the destination account+region): encrypted when the source is, when asked,
  // or by default; keyed by KmsKeyId, else the destination's default key.
  EncryptionChoice copy_encryption(store::Transaction& tx, const RequestContext& ctx,
                                   bool encrypted, const std::optional<std::string>& kms_key_id,
                                   bool source_encrypted);
  // The key's problem for EBS (nullopt when it is Enabled).
  std::optional<KeyProblem> key_problem(store::Transaction& tx, const std::string& account,
                                        const std::string& region, const std::string& kms_key_id);
  // key_problem as the VolumeService seam.
  KeyCheck key_check();

 private:
  std::string default_key_arn(store::Transaction& tx, const std::string& account,
                              const std::string& region, int64_t now_ms);
  std::optional<std::string> key_arn_of(store::Transaction& tx, const RequestContext& ctx,
                                        const std::string& key_ref);

  ServiceDeps& deps_;
  kms::KeyService& keys_;
};

}  // namespace ebs::ec2
