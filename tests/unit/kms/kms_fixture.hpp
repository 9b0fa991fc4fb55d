// A KeyService (and EbsEncryptionService) on an in-memory store with a manual clock, a scheduler
// run by hand and an event sink that only counts, for the KMS unit tests.
#pragma once

#include <gtest/gtest.h>

#include "core/services.hpp"
#include "ec2/ebs_encryption_service.hpp"
#include "kms/key_service.hpp"
#include "store/ec2/ebs_encryption_table.hpp"
#include "store/kms/kms_schema.hpp"
#include "store/work_queue.hpp"

namespace ebs::kms {

class CountingSink : public EventSink {
 public:
  void publish(store::Transaction&, const std::string&, const std::string&, const std::string&,
               const nlohmann::ordered_json&) override {
    ++count;
  }
  int count = 0;
};

class KmsFixture : public ::testing::Test {
 protected:
  static constexpr int64_t kStart = 1'700'000'000'000;
  static constexpr int64_t kDayMs = 86'400'000;

  KmsFixture()
      : db_(store::Database::Options{":memory:"}),
        scheduler_(db_, clock_),
        deps_{db_, clock_, ids_, scheduler_, sink_, config_, faults_},
        keys_(deps_),
        encryption_(deps_, keys_) {
    store::migrate(db_, {store::WorkQueue::schema(), store::kms_schema(),
                         store::EbsEncryptionTable::schema()});
    clock_.set_manual(kStart);
    keys_.register_work();
  }

  RequestContext ctx(const std::string& account = "111111111111",
                     const std::string& region = "us-east-1") {
    return {account, region, ids_.uuid(), clock_.now_ms()};
  }
  store::KeyRow create(const std::string& origin = "AWS_KMS") {
    CreateKeyRequest r;
    r.origin = origin;
    return keys_.create_key(ctx(), r);
  }
  std::string state_of(const std::string& key_ref) {
    return keys_.describe_key(ctx(), key_ref).state;
  }
  // The AwsError code a call throws ("" when it succeeds).
  template <typename F>
  std::string error_of(F&& f, std::string* message = nullptr) {
    try {
      f();
    } catch (const AwsError& e) {
      if (message) *message = e.message();
      return e.code();
    }
    return "";
  }

  store::Database db_;
  Clock clock_;
  IdGenerator ids_{42};
  Scheduler scheduler_;
  CountingSink sink_;
  Config config_;
  FaultRegistry faults_;
  ServiceDeps deps_;
  KeyService keys_;
  ec2::EbsEncryptionService encryption_;
};

}  // namespace ebs::kms
