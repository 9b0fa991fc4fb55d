// FaultRegistry: failures that tests inject on purpose, set through the admin API
// (`/_emulator/faults`) or fixtures, each visible and removable:
//   - api:      the next N calls (or all) to an action, optionally in one account/region, fail with
//   an
//               AWS error code, message and HTTP status;
//   - snapshot: snapshots of a volume (or one snapshot) end in `error` with a cause;
//   - delivery: deliveries to a target (by target id, ARN or rule) fail with an HTTP status.
// In memory and thread-safe; faults are part of a test's set-up, so they do not survive a restart.
#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/aws_error.hpp"

namespace ebs {

struct FaultRule {
  std::string id;
  std::string kind;  // "api" | "snapshot" | "delivery"
  // Scope (empty = any).
  std::string account;
  std::string region;
  // api
  std::string service;  // "ec2", "events", "kms", "lambda", ... (empty = any)
  std::string action;   // e.g. "CopySnapshot" or "AWSEvents.PutEvents" without prefix: "PutEvents"
  std::string error_code = "InternalError";
  std::string error_message = "We encountered an internal error. Please try again.";
  int http_status = 500;
  int64_t remaining = -1;  // -1 = every call; N = the next N calls
  // snapshot
  std::string volume_id;
  std::string snapshot_id;
  std::string cause = "Snapshot failed";
  // delivery
  std::string target_id;
  std::string target_arn;
  std::string rule_name;
  int status_code = 500;
  int64_t hits = 0;  // how many times it fired

  nlohmann::json to_json() const;
  // Throws AwsError("InvalidRequest", ...) naming the bad field.
  static FaultRule from_json(const nlohmann::json& j);
};

class FaultRegistry {
 public:
  std::string add(FaultRule rule);  // returns its id (generated when empty)
  bool remove(const std::string& id);
  void clear();
  std::vector<FaultRule> list() const;

  // The error an API call must fail with, if a rule applies (consumes one of its remaining calls).
  std::optional<AwsError> api_fault(const std::string& service, const std::string& action,
                                    const std::string& account, const std::string& region);
  // The cause a new snapshot of `volume_id` (or the snapshot itself) must fail with.
  std::optional<std::string> snapshot_fault(const std::string& account, const std::string& region,
                                            const std::string& volume_id,
                                            const std::string& snapshot_id);
  // The HTTP status a delivery must fail with.
  std::optional<int> delivery_fault(const std::string& account, const std::string& region,
                                    const std::string& rule_name, const std::string& target_id,
                                    const std::string& target_arn);

 private:
  bool in_scope(const FaultRule& r, const std::string& account, const std::string& region) const;

  mutable std::mutex mu_;
  std::vector<FaultRule> rules_;
  int64_t next_id_ = 1;
};

}  // namespace ebs
