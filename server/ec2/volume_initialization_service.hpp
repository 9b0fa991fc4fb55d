// VolumeInitializationService: the initialization of volumes created from snapshots (aws-facts
// A.2, `initializeVolume`). CreateVolume records the volume's VolumeInitializationRate and whether
// it is fast-restored (the caller's Fast Snapshot Restore of the snapshot is `enabled` in the
// volume's zone and no rate was asked for: a rate wins over FSR, as AWS documents). When the volume
// becomes available its initialization starts; a scheduler row finishes it after
// duration_ms() and emits `EBS Volume Notification` / `initializeVolume` / `succeeded` with
// `completionTime`. Nothing is emitted for fast-restored volumes (initialized at creation), nor for
// a volume deleted first (its work goes with it). VolumeService calls it through
// VolumeInitializationHooks; DescribeVolumes shows fastRestored and volumeInitializationRate from
// here. No HTTP, no XML, no SQL here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "ec2/fast_snapshot_restore_service.hpp"
#include "ec2/volume_service.hpp"
#include "store/ec2/volume_table.hpp"

namespace ebs::ec2 {

class VolumeInitializationService {
 public:
  VolumeInitializationService(ServiceDeps& deps, FastSnapshotRestoreService& fsr);
  // Registers the scheduler handler. Call once before the scheduler starts.
  void register_work();
  // The hooks VolumeService calls (set_initialization_hooks).
  VolumeInitializationHooks hooks();

  // How long a volume of `size_gib` takes to initialize after it became available.
  static int64_t duration_ms(const Timing& timing, int64_t size_gib,
                             const std::optional<int64_t>& rate);

  void created(store::Transaction& tx, const RequestContext& ctx, store::VolumeRow& volume,
               const std::optional<int64_t>& rate);
  void available(store::Transaction& tx, const store::VolumeRow& volume);
  void decorate(store::Transaction& tx, std::vector<store::VolumeRow>& volumes);
  void deleted(store::Transaction& tx, const std::string& volume_id);

 private:
  void finish(store::Transaction& tx, const store::WorkItem& item);

  ServiceDeps& deps_;
  FastSnapshotRestoreService& fsr_;
};

}  // namespace ebs::ec2
