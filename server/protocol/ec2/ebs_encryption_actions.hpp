// Registration of the EBS encryption-by-default actions on the EC2 Query API (codec in
// ebs_encryption_actions.cpp).
#pragma once

#include "protocol/query_api.hpp"

namespace ebs::ec2 {
class EbsEncryptionService;
}

namespace ebs::protocol::ec2 {

// EnableEbsEncryptionByDefault, DisableEbsEncryptionByDefault, GetEbsEncryptionByDefault,
// GetEbsDefaultKmsKeyId, ModifyEbsDefaultKmsKeyId, ResetEbsDefaultKmsKeyId.
void register_ebs_encryption_actions(QueryApi& api, ebs::ec2::EbsEncryptionService& encryption);

}  // namespace ebs::protocol::ec2
