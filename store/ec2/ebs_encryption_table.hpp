// EbsEncryptionTable: the per account+region EBS encryption settings (encryption by default on/off
// and the customer-chosen default KMS key). A missing row means AWS's defaults: off, alias/aws/ebs.
// It has its own module schema ("ebs_encryption") so that it migrates independently of the volume
// tables.
#pragma once

#include <optional>
#include <string>

#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace ebs::store {

struct EbsEncryptionRow {
  std::string account;
  std::string region;
  bool encryption_by_default = false;
  std::optional<std::string> default_kms_key_arn;  // unset = alias/aws/ebs
};

class EbsEncryptionTable {
 public:
  static ModuleSchema schema();
  // The settings of account+region (defaults when never changed).
  static EbsEncryptionRow get(Transaction& tx, const std::string& account,
                              const std::string& region);
  static void put(Transaction& tx, const EbsEncryptionRow& row);
};

}  // namespace ebs::store
