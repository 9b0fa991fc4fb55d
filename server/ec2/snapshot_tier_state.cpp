#include "ec2/snapshot_tier_state.hpp"

#include <algorithm>

#include "ec2/ec2_errors.hpp"

namespace ebs::ec2::tier {
namespace {

constexpr const char* kArchivalInProgress = "archival-in-progress";
constexpr const char* kArchivalCompleted = "archival-completed";

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "temporary-restore-in-progress" -> "temporary-restore"; "archival-completed" -> "archival".
std::string operation_of(const std::string& status) {
  for (const char* suffix : {"-in-progress", "-completed", "-failed"}) {
    if (ends_with(status, suffix))
      return status.substr(0, status.size() - std::string(suffix).size());
  }
  return status;
}

std::string detail_of(const std::string& status) {
  if (status == "archival-in-progress") return "Archival in progress";
  if (status == "archival-completed") return "Archival completed successfully";
  if (status == "temporary-restore-in-progress") return "Temporary restore in progress";
  if (status == "temporary-restore-completed") return "Temporary restore completed successfully";
  if (status == "permanent-restore-in-progress") return "Permanent restore in progress";
  if (status == "permanent-restore-completed") return "Permanent restore completed successfully";
  return "";
}

AwsError tiering_in_progress(const std::string& id) {
  return incorrect_state("The snapshot '" + id + "' has a tiering operation in progress.");
}

}  // namespace

void check_target_tier(const std::optional<std::string>& storage_tier) {
  if (!storage_tier) throw AwsError::missing_parameter("StorageTier");
  if (*storage_tier != "archive") {
    throw AwsError::invalid_parameter_value("Value (" + *storage_tier +
                                            ") for parameter StorageTier is invalid. Expected: "
                                            "'archive'.");
  }
}

void check_restore_request(const RestoreRequest& r) {
  bool permanent = r.permanent_restore.value_or(false);
  if (permanent && r.temporary_restore_days) {
    throw AwsError::invalid_parameter_combination(
        "The parameters TemporaryRestoreDays and PermanentRestore cannot be used together.");
  }
  if (!permanent && !r.temporary_restore_days) {
    throw AwsError::missing_parameter("TemporaryRestoreDays");
  }
  if (r.temporary_restore_days && (*r.temporary_restore_days < kMinRestoreDays ||
                                   *r.temporary_restore_days > kMaxRestoreDays)) {
    throw AwsError::invalid_parameter_value(
        "Value (" + std::to_string(*r.temporary_restore_days) +
        ") for parameter TemporaryRestoreDays is invalid. Expecting a value between " +
        std::to_string(kMinRestoreDays) + " and " + std::to_string(kMaxRestoreDays) + ".");
  }
}

bool in_progress(const store::SnapshotTierRow& row) {
  return ends_with(row.status, "-in-progress");
}

bool is_temporary_restore(const store::SnapshotTierRow& row) {
  return row.status == "temporary-restore-completed" && row.restore_expiry_time.has_value();
}

std::string tier_of(const store::SnapshotTierRow& row) {
  std::string op = operation_of(row.status);
  bool completed = ends_with(row.status, "-completed");
  if (op == "archival") return completed ? "archive" : "standard";
  return completed ? "standard" : "archive";  // restores: archived until they complete
}

int64_t progress_at(const store::SnapshotTierRow& row, int64_t now) {
  if (!in_progress(row)) return row.progress;
  int64_t span = row.due_at - row.start_time;
  if (span <= 0) return 0;
  return std::clamp<int64_t>((now - row.start_time) * 100 / span, 0, 99);
}

store::SnapshotTierRow start_archive(const store::SnapshotRow& s,
                                     const std::optional<store::SnapshotTierRow>& current,
                                     int64_t now, int64_t duration_ms,
                                     const std::string& request_id) {
  if (s.state != "completed") {
    throw incorrect_state("The snapshot '" + s.snapshot_id + "' is in the '" + s.state +
                          "' state and cannot be archived.");
  }
  if (current && in_progress(*current)) throw tiering_in_progress(s.snapshot_id);
  if (s.storage_tier == "archive") {
    throw incorrect_state("The snapshot '" + s.snapshot_id + "' is already archived.");
  }
  store::SnapshotTierRow row;
  row.snapshot_id = s.snapshot_id;
  row.account = s.account;
  row.region = s.region;
  row.status = kArchivalInProgress;
  row.status_detail = detail_of(row.status);
  row.start_time = now;
  row.due_at = now + std::max<int64_t>(duration_ms, 0);
  row.progress = 0;
  if (current) row.archival_complete_time = current->archival_complete_time;
  row.request_id = request_id;
  return row;
}

store::SnapshotTierRow start_restore(const store::SnapshotRow& s,
                                     const std::optional<store::SnapshotTierRow>& current,
                                     const RestoreRequest& request, int64_t now,
                                     int64_t duration_ms, const std::string& request_id,
                                     bool* immediate) {
  check_restore_request(request);
  bool permanent = request.permanent_restore.value_or(false);
  *immediate = false;
  if (current && in_progress(*current)) throw tiering_in_progress(s.snapshot_id);
  if (current && is_temporary_restore(*current) && s.storage_tier == "standard") {
    // A temporarily restored snapshot: a new restore period, or made permanent, at once.
    store::SnapshotTierRow row = *current;
    *immediate = true;
    row.start_time = now;
    row.due_at = now;
    row.end_time = now;
    row.progress = 100;
    row.request_id = request_id;
    if (permanent) {
      row.status = "permanent-restore-completed";
      row.restore_days.reset();
      row.restore_expiry_time.reset();
    } else {
      row.restore_days = request.temporary_restore_days;
      row.restore_expiry_time = now + *request.temporary_restore_days * kDayMs;
    }
    row.status_detail = detail_of(row.status);
    return row;
  }
  if (s.storage_tier != "archive") {
    throw incorrect_state("The snapshot '" + s.snapshot_id + "' is not archived.");
  }
  store::SnapshotTierRow row;
  row.snapshot_id = s.snapshot_id;
  row.account = s.account;
  row.region = s.region;
  row.status = permanent ? "permanent-restore-in-progress" : "temporary-restore-in-progress";
  row.status_detail = detail_of(row.status);
  row.start_time = now;
  row.due_at = now + std::max<int64_t>(duration_ms, 0);
  row.progress = 0;
  if (current) row.archival_complete_time = current->archival_complete_time;
  if (!permanent) row.restore_days = request.temporary_restore_days;
  row.request_id = request_id;
  return row;
}

store::SnapshotTierRow finish(store::SnapshotTierRow row, bool ok, const std::string& cause,
                              int64_t now) {
  std::string op = operation_of(row.status);
  row.end_time = now;
  if (ok) {
    row.status = op + "-completed";
    row.status_detail = detail_of(row.status);
    row.progress = 100;
    if (op == "archival") row.archival_complete_time = now;
    if (op == "temporary-restore" && row.restore_days) {
      row.restore_expiry_time = now + *row.restore_days * kDayMs;
    }
  } else {
    row.progress = progress_at(row, now);
    row.status = op + "-failed";
    row.status_detail = cause;
    row.restore_expiry_time.reset();
  }
  row.due_at = now;
  return row;
}

store::SnapshotTierRow expire_restore(store::SnapshotTierRow row, int64_t now) {
  row.status = kArchivalCompleted;
  row.status_detail = detail_of(row.status);
  row.start_time = now;
  row.due_at = now;
  row.end_time = now;
  row.progress = 100;
  row.archival_complete_time = now;
  row.restore_days.reset();
  row.restore_expiry_time.reset();
  return row;
}

AwsError archived_snapshot_in_use(const std::string& snapshot_id) {
  return incorrect_state("The snapshot '" + snapshot_id +
                         "' is in the archive tier. Restore it before you use it.");
}

}  // namespace ebs::ec2::tier
