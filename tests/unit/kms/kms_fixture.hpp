// A KeyService (and EbsEncryptionService) on an in-memory store with a manual clock, a scheduler
// run by hand and an event sink that only counts, for the KMS unit tests.
#pragma once

#include "ec2/ebs_encryption_service.hpp"
#include "kms/key_service.hpp"
#include "store/ec2/ebs_encryption_table.hpp"
#include "store/kms/kms_schema.hpp"
#include "support/service_harness.hpp"

namespace ebs::kms {

class KmsFixture : public test::ServiceHarness<test::CountingSink> {
 protected:
  static constexpr int64_t kDayMs = 86'400'000;

  KmsFixture()
      : ServiceHarness(42, {store::kms_schema(), store::EbsEncryptionTable::schema()}),
        keys_(deps()),
        encryption_(deps(), keys_) {
    keys_.register_work();
  }

  store::KeyRow create(const std::string& origin = "AWS_KMS") {
    CreateKeyRequest r;
    r.origin = origin;
    return keys_.create_key(ctx(), r);
  }
  std::string state_of(const std::string& key_ref) {
    return keys_.describe_key(ctx(), key_ref).state;
  }

  KeyService keys_;
  ec2::EbsEncryptionService encryption_;
};

}  // namespace ebs::kms
