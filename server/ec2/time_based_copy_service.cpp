#include "ec2/time_based_copy_service.hpp"

#include <spdlog/spdlog.h>

#include "ec2/time_based_copy_events.hpp"
#include "ec2/work_kinds.hpp"
#include "store/ec2/time_based_copy_table.hpp"

namespace ebs::ec2 {

void TimeBasedCopyService::register_work() {
  deps_.scheduler.on(
      work::kCopyCompletionDuration,
      [this](store::Transaction& tx, const store::WorkItem& item) { deadline(tx, item.resource); });
}

void TimeBasedCopyService::after_copy(store::Transaction& tx, const store::SnapshotRow& copy,
                                      const CopySnapshotRequest& request) {
  if (!request.completion_duration_minutes) return;  // a standard copy
  store::TimeBasedCopyRow row;
  row.snapshot_id = copy.snapshot_id;
  row.completion_duration_minutes = *request.completion_duration_minutes;
  row.duration_start_time = copy.start_time;
  store::TimeBasedCopyTable::insert(tx, row);
  deps_.scheduler.schedule(tx, work::kCopyCompletionDuration, copy.snapshot_id,
                           copy.start_time + row.completion_duration_minutes * 60'000);
}

void TimeBasedCopyService::deadline(store::Transaction& tx, const std::string& snapshot_id) {
  auto copy = store::SnapshotTable::by_id(tx, snapshot_id);
  auto row = store::TimeBasedCopyTable::get(tx, snapshot_id);
  if (!copy || !row || copy->state != "pending" || row->missed_completion_cause) return;
  std::string source_owner = copy->account;
  if (copy->source_snapshot_id) {
    if (auto source = store::SnapshotTable::by_id(tx, *copy->source_snapshot_id)) {
      source_owner = source->account;
    }
  }
  store::TimeBasedCopyTable::set_missed(tx, snapshot_id, kMissedCompletionDurationCause);
  publish_copy_missed_completion_duration(deps_, tx, *copy, source_owner,
                                          kMissedCompletionDurationCause);
  spdlog::debug("time-based copy {} missed its {} min completion duration", snapshot_id,
                row->completion_duration_minutes);
}

void TimeBasedCopyService::copy_transfer(store::Transaction& tx, const store::SnapshotRow& copy,
                                         CopyTransfer& transfer) {
  auto row = store::TimeBasedCopyTable::get(tx, copy.snapshot_id);
  if (!row) return;
  transfer.time_based = true;
  transfer.duration_start_time = row->duration_start_time;
  transfer.missed_completion_cause = row->missed_completion_cause;
}

void TimeBasedCopyService::decorate(store::Transaction& tx, SnapshotView& view) {
  if (view.row.kind != "copy") return;
  if (auto row = store::TimeBasedCopyTable::get(tx, view.row.snapshot_id)) {
    view.completion_duration_minutes = row->completion_duration_minutes;
  }
}

void TimeBasedCopyService::after_delete(store::Transaction& tx, const store::SnapshotRow& s) {
  store::TimeBasedCopyTable::remove(tx, s.snapshot_id);
}

}  // namespace ebs::ec2
