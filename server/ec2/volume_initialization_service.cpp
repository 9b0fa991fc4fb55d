#include "ec2/volume_initialization_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/time_format.hpp"
#include "ec2/ebs_events.hpp"
#include "ec2/work_kinds.hpp"
#include "store/ec2/volume_initialization_table.hpp"

namespace ebs::ec2 {
namespace {

constexpr int64_t kDefaultRate = 100;  // MiB/s: the model's speed without a provisioned rate

}  // namespace

VolumeInitializationService::VolumeInitializationService(ServiceDeps& deps,
                                                         FastSnapshotRestoreService& fsr)
    : deps_(deps), fsr_(fsr) {}

void VolumeInitializationService::register_work() {
  deps_.scheduler.on(
      work::kVolumeInitialize,
      [this](store::Transaction& tx, const store::WorkItem& item) { finish(tx, item); });
}

VolumeInitializationHooks VolumeInitializationService::hooks() {
  VolumeInitializationHooks h;
  h.created = [this](store::Transaction& tx, const RequestContext& ctx, store::VolumeRow& v,
                     const std::optional<int64_t>& rate) { created(tx, ctx, v, rate); };
  h.available = [this](store::Transaction& tx, const store::VolumeRow& v) { available(tx, v); };
  h.decorate = [this](store::Transaction& tx, std::vector<store::VolumeRow>& volumes) {
    decorate(tx, volumes);
  };
  h.deleted = [this](store::Transaction& tx, const std::string& id) { deleted(tx, id); };
  return h;
}

int64_t VolumeInitializationService::duration_ms(const Timing& timing, int64_t size_gib,
                                                 const std::optional<int64_t>& rate) {
  int64_t r = std::max<int64_t>(rate.value_or(kDefaultRate), 1);
  return std::max<int64_t>(timing.initialize_ms, 0) +
         std::max<int64_t>(timing.initialize_ms_per_gib, 0) * size_gib * kDefaultRate / r;
}

void VolumeInitializationService::created(store::Transaction& tx, const RequestContext& ctx,
                                          store::VolumeRow& volume,
                                          const std::optional<int64_t>& rate) {
  if (volume.snapshot_id.empty()) return;
  volume.initialization_rate = rate;
  volume.fast_restored =
      !rate && fsr_.enabled_in(tx, ctx.account, volume.snapshot_id, volume.availability_zone);
  store::VolumeInitializationTable::put(
      tx, {volume.volume_id, rate, volume.fast_restored, std::nullopt});
}

void VolumeInitializationService::available(store::Transaction& tx,
                                            const store::VolumeRow& volume) {
  auto row = store::VolumeInitializationTable::get(tx, volume.volume_id);
  if (!row || row->fast_restored || row->initialized_at) return;
  deps_.scheduler.schedule(
      tx, work::kVolumeInitialize, volume.volume_id,
      deps_.clock.now_ms() + duration_ms(deps_.config.timing, volume.size, row->rate));
}

void VolumeInitializationService::finish(store::Transaction& tx, const store::WorkItem& item) {
  auto volume = store::VolumeTable::by_id(tx, item.resource);
  // A volume being deleted never reports its initialization (AWS: the event may be lost).
  if (!volume || volume->state == "deleting" || volume->state == "deleted") return;
  auto row = store::VolumeInitializationTable::get(tx, volume->volume_id);
  if (!row || row->fast_restored || row->initialized_at) return;
  int64_t now = deps_.clock.now_ms();
  store::VolumeInitializationTable::set_initialized(tx, volume->volume_id, now);
  // The docs' example: event, result, completionTime (when the event was generated), request-id
  // (the CreateVolume request's, as in createVolume); no cause.
  nlohmann::ordered_json detail;
  detail["event"] = "initializeVolume";
  detail["result"] = "succeeded";
  detail["completionTime"] = iso8601_s(now);
  detail["request-id"] = volume->request_id;
  publish_volume_event(deps_, tx, volume->account, volume->region, volume->volume_id, now,
                       std::move(detail));
  spdlog::debug("volume {} initialized", volume->volume_id);
}

void VolumeInitializationService::decorate(store::Transaction& tx,
                                           std::vector<store::VolumeRow>& volumes) {
  std::vector<std::string> ids;
  for (const auto& v : volumes) {
    if (!v.snapshot_id.empty()) ids.push_back(v.volume_id);
  }
  if (ids.empty()) return;
  auto rows = store::VolumeInitializationTable::get_many(tx, ids);
  for (auto& v : volumes) {
    auto it = rows.find(v.volume_id);
    if (it == rows.end()) continue;
    v.fast_restored = it->second.fast_restored;
    v.initialization_rate = it->second.rate;
  }
}

void VolumeInitializationService::deleted(store::Transaction& tx, const std::string& volume_id) {
  store::VolumeInitializationTable::remove(tx, volume_id);
}

}  // namespace ebs::ec2
