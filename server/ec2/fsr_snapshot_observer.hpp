// FsrSnapshotObserver: Fast Snapshot Restore's part in the snapshot lifecycle. DeleteSnapshot of a
// snapshot on which its owner has FSR is refused (InvalidSnapshot.InUse); once a snapshot is
// deleted, the FSR other accounts had on it goes to disabling -> disabled with AWS's
// "snapshot was deleted or access permissions were revoked" message.
#pragma once

#include "ec2/fast_snapshot_restore_service.hpp"
#include "ec2/snapshot_service.hpp"

namespace ebs::ec2 {

class FsrSnapshotObserver : public SnapshotObserver {
 public:
  explicit FsrSnapshotObserver(FastSnapshotRestoreService& fsr) : fsr_(fsr) {}
  void before_delete(store::Transaction& tx, const store::SnapshotRow& s) override {
    fsr_.check_deletable(tx, s);
  }
  void after_delete(store::Transaction& tx, const store::SnapshotRow& s) override {
    fsr_.revalidate(tx, s.snapshot_id);
  }

 private:
  FastSnapshotRestoreService& fsr_;
};

}  // namespace ebs::ec2
