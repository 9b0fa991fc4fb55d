// KeyCheck: the seam where EC2 asks whether a volume's KMS key is usable, at the moments AWS checks
// it asynchronously: the end of volume creation (createVolume failed), the end of an attachment
// (attachVolume failed) and an instance start (Client.InvalidKMSKey.InvalidState). It returns the
// failure cause exactly as the EBS event carries it ("<key-arn> is disabled.") together with the
// key ARN, or nullopt when the key is usable. The default (no KMS module installed) says "usable";
// the KMS module installs the real check from app.cpp with VolumeService::set_key_check.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "store/transaction.hpp"

namespace ebs::ec2 {

struct KeyProblem {
  std::string key_arn;  // full key ARN, the event's second resource
  std::string
      cause;  // "<key-arn> is disabled." / "... is pending deletion." / "... is pending import."
};

using KeyCheck = std::function<std::optional<KeyProblem>(
    store::Transaction& tx, const std::string& account, const std::string& region,
    const std::string& kms_key_id)>;

}  // namespace ebs::ec2
