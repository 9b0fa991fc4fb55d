// TimeBasedCopyService: time-based snapshot copies (CopySnapshot with CompletionDurationMinutes).
// As a SnapshotObserver it records a time-based copy when CopySnapshot makes it and schedules a
// persistent scheduler row (work::kCopyCompletionDuration) at start + duration, so the deadline
// survives a restart; if the copy is still `pending` when the row runs, it publishes `EBS Copy
// Snapshot Missed Completion Duration` at once and remembers the cause, which the later
// copySnapshot event then carries (missedCompletionDurationCause) next to transferType
// `time-based` and completionDurationStartTime. DescribeSnapshots shows transferType `time-based`
// and completionDurationMinutes. The copy's own completion is SnapshotService's (finishing removes
// the copy's pending scheduler rows, this deadline included). No HTTP, no XML, no SQL here.
#pragma once

#include "core/services.hpp"
#include "ec2/snapshot_service.hpp"

namespace ebs::ec2 {

class TimeBasedCopyService : public SnapshotObserver {
 public:
  explicit TimeBasedCopyService(ServiceDeps& deps) : deps_(deps) {}
  // Registers the deadline's scheduler handler. Call once before the scheduler starts.
  void register_work();

  void after_copy(store::Transaction& tx, const store::SnapshotRow& copy,
                  const CopySnapshotRequest& request) override;
  void copy_transfer(store::Transaction& tx, const store::SnapshotRow& copy,
                     CopyTransfer& transfer) override;
  void decorate(store::Transaction& tx, SnapshotView& view) override;
  void after_delete(store::Transaction& tx, const store::SnapshotRow& s) override;

 private:
  void deadline(store::Transaction& tx, const std::string& snapshot_id);

  ServiceDeps& deps_;
};

}  // namespace ebs::ec2
