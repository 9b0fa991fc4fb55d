#include "ec2/snapshot_lock_state.hpp"

#include "ec2/ec2_errors.hpp"

namespace ebs::ec2::lock {
namespace {

AwsError compliance_locked(const std::string& id, const std::string& what) {
  return incorrect_state("The snapshot '" + id +
                         "' is locked in compliance mode and its cooling-off period has "
                         "expired: " +
                         what);
}

}  // namespace

std::string state_at(const store::SnapshotLockRow& row, int64_t now) {
  if (row.expires_on && *row.expires_on <= now) return "expired";
  if (row.mode == "governance") return "governance";
  if (row.cool_off_expires_on && *row.cool_off_expires_on > now) return "compliance-cooloff";
  return "compliance";
}

void check_request(const LockRequest& r, int64_t now) {
  if (r.mode != "governance" && r.mode != "compliance") {
    throw AwsError::invalid_parameter_value("Value (" + r.mode +
                                            ") for parameter LockMode is invalid. Expected: "
                                            "'compliance', 'governance'.");
  }
  if (r.cool_off_hours && r.mode != "compliance") {
    throw AwsError::invalid_parameter_combination(
        "The parameter CoolOffPeriod can be used only with the compliance lock mode.");
  }
  if (r.cool_off_hours &&
      (*r.cool_off_hours < kMinCoolOffHours || *r.cool_off_hours > kMaxCoolOffHours)) {
    throw AwsError::invalid_parameter_value(
        "Value (" + std::to_string(*r.cool_off_hours) +
        ") for parameter CoolOffPeriod is invalid. Expecting a value between 1 and 72.");
  }
  if (r.duration_days && r.expiration_date) {
    throw AwsError::invalid_parameter_combination(
        "The parameters LockDuration and ExpirationDate cannot be used together.");
  }
  if (!r.duration_days && !r.expiration_date) {
    throw AwsError::missing_parameter("LockDuration or ExpirationDate");
  }
  if (r.duration_days && (*r.duration_days < kMinDays || *r.duration_days > kMaxDays)) {
    throw AwsError::invalid_parameter_value(
        "Value (" + std::to_string(*r.duration_days) +
        ") for parameter LockDuration is invalid. Expecting a value between 1 and 36500.");
  }
  if (r.expiration_date) {
    if (*r.expiration_date <= now) {
      throw AwsError::invalid_parameter_value("The ExpirationDate must be in the future.");
    }
    if (*r.expiration_date > now + kMaxDays * kDayMs) {
      throw AwsError::invalid_parameter_value(
          "The ExpirationDate must be at most 36500 days in the future.");
    }
  }
}

bool is_pending(const store::SnapshotLockRow& row) { return row.state.rfind("pending-", 0) == 0; }

bool is_locked(const store::SnapshotLockRow& row) { return row.state != "expired"; }

store::SnapshotLockRow apply(const store::SnapshotRow& s,
                             const std::optional<store::SnapshotLockRow>& current,
                             const LockRequest& r, int64_t now) {
  if (s.state != "pending" && s.state != "completed") {
    throw incorrect_state("The snapshot '" + s.snapshot_id + "' is in the '" + s.state +
                          "' state and cannot be locked.");
  }
  bool modifying = current && is_locked(*current);
  if (modifying && current->state == "compliance") {
    if (r.mode != "compliance") {
      throw compliance_locked(s.snapshot_id, "its lock mode cannot be changed.");
    }
    if (r.cool_off_hours) {
      throw compliance_locked(s.snapshot_id, "a cooling-off period cannot be set.");
    }
  }

  store::SnapshotLockRow row;
  row.snapshot_id = s.snapshot_id;
  row.account = s.account;
  row.region = s.region;
  row.mode = r.mode;
  row.created_on = modifying ? current->created_on : now;
  row.duration_days = r.duration_days;
  row.expiration_date = r.expiration_date;
  row.cool_off_hours = r.cool_off_hours;
  if (r.cool_off_hours) row.cool_off_expires_on = now + *r.cool_off_hours * kHourMs;

  if (s.state == "pending") {
    row.state = "pending-" + r.mode;
    row.expires_on = r.expiration_date;
    return row;
  }
  row.duration_start = modifying && current->duration_start ? *current->duration_start : now;
  row.expires_on =
      r.expiration_date ? *r.expiration_date : *row.duration_start + *r.duration_days * kDayMs;
  if (*row.expires_on <= now) {
    throw AwsError::invalid_parameter_value("The lock of snapshot '" + s.snapshot_id +
                                            "' would expire in the past.");
  }
  if (modifying && current->state == "compliance" && current->expires_on &&
      *row.expires_on < *current->expires_on) {
    throw compliance_locked(s.snapshot_id, "its lock duration can only be increased.");
  }
  row.state = state_at(row, now);
  return row;
}

store::SnapshotLockRow activate(store::SnapshotLockRow row, int64_t now) {
  row.duration_start = now;
  if (!row.expiration_date && row.duration_days) {
    row.expires_on = now + *row.duration_days * kDayMs;
  }
  row.state = state_at(row, now);
  return row;
}

Advance advance(store::SnapshotLockRow& row, int64_t now) {
  Advance out;
  if (row.state == "compliance-cooloff" && row.cool_off_expires_on &&
      *row.cool_off_expires_on <= now) {
    row.state = "compliance";
    out.cool_off_ended = true;
  }
  if (!is_pending(row) && row.state != "expired" && row.expires_on && *row.expires_on <= now) {
    row.state = "expired";
    out.expired = true;
  }
  return out;
}

std::optional<int64_t> next_change(const store::SnapshotLockRow& row) {
  if (is_pending(row) || row.state == "expired") return std::nullopt;
  if (row.state == "compliance-cooloff" && row.cool_off_expires_on) {
    if (!row.expires_on || *row.cool_off_expires_on < *row.expires_on) {
      return row.cool_off_expires_on;
    }
  }
  return row.expires_on;
}

void check_unlock(const store::SnapshotLockRow& row) {
  if (row.state == "compliance") {
    throw compliance_locked(row.snapshot_id, "it cannot be unlocked.");
  }
}

AwsError not_locked(const std::string& snapshot_id) {
  return incorrect_state("The snapshot '" + snapshot_id + "' is not locked.");
}

AwsError locked_snapshot(const std::string& snapshot_id) {
  return AwsError("SnapshotLocked",
                  "The snapshot '" + snapshot_id + "' is locked and cannot be deleted.");
}

}  // namespace ebs::ec2::lock
