#include "core/faults.hpp"

#include <set>

namespace ebs {
namespace {

std::string str(const nlohmann::json& j, const char* key, const std::string& fallback) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_string())
    throw AwsError("InvalidRequest", std::string(key) + " must be a string.");
  return j[key].get<std::string>();
}

int64_t integer(const nlohmann::json& j, const char* key, int64_t fallback) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_number_integer()) {
    throw AwsError("InvalidRequest", std::string(key) + " must be an integer.");
  }
  return j[key].get<int64_t>();
}

}  // namespace

nlohmann::json FaultRule::to_json() const {
  nlohmann::json j{{"id", id}, {"kind", kind}, {"hits", hits}};
  if (!account.empty()) j["account"] = account;
  if (!region.empty()) j["region"] = region;
  if (kind == "api") {
    if (!service.empty()) j["service"] = service;
    j["action"] = action;
    j["errorCode"] = error_code;
    j["errorMessage"] = error_message;
    j["httpStatus"] = http_status;
    j["remaining"] = remaining;
  } else if (kind == "snapshot") {
    if (!volume_id.empty()) j["volumeId"] = volume_id;
    if (!snapshot_id.empty()) j["snapshotId"] = snapshot_id;
    j["cause"] = cause;
    j["remaining"] = remaining;
  } else {
    if (!target_id.empty()) j["targetId"] = target_id;
    if (!target_arn.empty()) j["targetArn"] = target_arn;
    if (!rule_name.empty()) j["rule"] = rule_name;
    j["statusCode"] = status_code;
    j["remaining"] = remaining;
  }
  return j;
}

FaultRule FaultRule::from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw AwsError("InvalidRequest", "A fault must be a JSON object.");
  static const std::set<std::string> kFields = {
      "id",        "kind",         "account",    "region",    "service",    "action",
      "errorCode", "errorMessage", "httpStatus", "remaining", "volumeId",   "snapshotId",
      "cause",     "targetId",     "targetArn",  "rule",      "statusCode", "hits"};
  for (const auto& [key, value] : j.items()) {
    if (!kFields.count(key)) throw AwsError("InvalidRequest", "unknown field '" + key + "'");
  }
  FaultRule r;
  r.id = str(j, "id", "");
  r.kind = str(j, "kind", "");
  if (r.kind != "api" && r.kind != "snapshot" && r.kind != "delivery") {
    throw AwsError("InvalidRequest", "kind must be one of api, snapshot, delivery.");
  }
  r.account = str(j, "account", "");
  r.region = str(j, "region", "");
  r.remaining = integer(j, "remaining", -1);
  if (r.kind == "api") {
    r.service = str(j, "service", "");
    r.action = str(j, "action", "");
    if (r.action.empty()) throw AwsError("InvalidRequest", "an api fault needs an action.");
    r.error_code = str(j, "errorCode", r.error_code);
    r.error_message = str(j, "errorMessage", r.error_message);
    r.http_status =
        static_cast<int>(integer(j, "httpStatus", r.error_code == "InternalError" ? 500 : 400));
  } else if (r.kind == "snapshot") {
    r.volume_id = str(j, "volumeId", "");
    r.snapshot_id = str(j, "snapshotId", "");
    if (r.volume_id.empty() && r.snapshot_id.empty()) {
      throw AwsError("InvalidRequest", "a snapshot fault needs volumeId or snapshotId.");
    }
    r.cause = str(j, "cause", r.cause);
  } else {
    r.target_id = str(j, "targetId", "");
    r.target_arn = str(j, "targetArn", "");
    r.rule_name = str(j, "rule", "");
    r.status_code = static_cast<int>(integer(j, "statusCode", 500));
  }
  return r;
}

std::string FaultRegistry::add(FaultRule rule) {
  std::lock_guard lock(mu_);
  if (rule.id.empty()) rule.id = "fault-" + std::to_string(next_id_++);
  for (auto& existing : rules_) {
    if (existing.id == rule.id) {
      existing = rule;
      return rule.id;
    }
  }
  rules_.push_back(rule);
  return rule.id;
}

bool FaultRegistry::remove(const std::string& id) {
  std::lock_guard lock(mu_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (it->id == id) {
      rules_.erase(it);
      return true;
    }
  }
  return false;
}

void FaultRegistry::clear() {
  std::lock_guard lock(mu_);
  rules_.clear();
}

std::vector<FaultRule> FaultRegistry::list() const {
  std::lock_guard lock(mu_);
  return rules_;
}

bool FaultRegistry::in_scope(const FaultRule& r, const std::string& account,
                             const std::string& region) const {
  return r.remaining != 0 && (r.account.empty() || r.account == account) &&
         (r.region.empty() || r.region == region);
}

std::optional<AwsError> FaultRegistry::api_fault(const std::string& service,
                                                 const std::string& action,
                                                 const std::string& account,
                                                 const std::string& region) {
  std::lock_guard lock(mu_);
  for (auto& r : rules_) {
    if (r.kind != "api" || !in_scope(r, account, region) || r.action != action) continue;
    if (!r.service.empty() && r.service != service) continue;
    if (r.remaining > 0) --r.remaining;
    ++r.hits;
    return AwsError(r.error_code, r.error_message, r.http_status);
  }
  return std::nullopt;
}

std::optional<std::string> FaultRegistry::snapshot_fault(const std::string& account,
                                                         const std::string& region,
                                                         const std::string& volume_id,
                                                         const std::string& snapshot_id) {
  std::lock_guard lock(mu_);
  for (auto& r : rules_) {
    if (r.kind != "snapshot" || !in_scope(r, account, region)) continue;
    if (!r.volume_id.empty() && r.volume_id != volume_id) continue;
    if (!r.snapshot_id.empty() && r.snapshot_id != snapshot_id) continue;
    if (r.remaining > 0) --r.remaining;
    ++r.hits;
    return r.cause;
  }
  return std::nullopt;
}

std::optional<int> FaultRegistry::delivery_fault(const std::string& account,
                                                 const std::string& region,
                                                 const std::string& rule_name,
                                                 const std::string& target_id,
                                                 const std::string& target_arn) {
  std::lock_guard lock(mu_);
  for (auto& r : rules_) {
    if (r.kind != "delivery" || !in_scope(r, account, region)) continue;
    if (!r.rule_name.empty() && r.rule_name != rule_name) continue;
    if (!r.target_id.empty() && r.target_id != target_id) continue;
    if (!r.target_arn.empty() && r.target_arn != target_arn) continue;
    if (r.remaining > 0) --r.remaining;
    ++r.hits;
    return r.status_code;
  }
  return std::nullopt;
}

}  // namespace ebs
