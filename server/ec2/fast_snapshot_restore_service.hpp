// FastSnapshotRestoreService: Fast Snapshot Restore (FSR) per (account, snapshot, zone), as AWS
// runs it. EnableFastSnapshotRestores puts each pair in `enabling`; scheduler rows move it to
// `optimizing` then `enabled`; DisableFastSnapshotRestores puts it in `disabling`, and a row moves
// it to `disabled`, after which it no longer shows in DescribeFastSnapshotRestores. Every
// transition emits `EBS Fast Snapshot Restore State-change Notification` (fsr_events.hpp).
// Enable/Disable never fail as a whole for a missing snapshot or a bad zone: each pair that fails
// is an item of the `unsuccessful` set with its code and message.
//
// The account is the one that enabled FSR (the snapshot may be shared with it). When the owner
// deletes a snapshot or stops sharing it, the FSR of the other accounts goes to disabling ->
// disabled with the message `Client.InvalidSnapshot.InvalidState - The requested snapshot was
// deleted or access permissions were revoked` (revalidate()); the owner's own FSR blocks
// DeleteSnapshot (InvalidSnapshot.InUse, check_deletable()). CreateVolume asks enabled_in() to
// decide whether a volume is fast-restored. Typed requests in, store rows out; no HTTP, no XML, no
// SQL here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/aws_error.hpp"
#include "core/filter.hpp"
#include "core/request_context.hpp"
#include "core/services.hpp"
#include "store/ec2/fast_snapshot_restore_table.hpp"
#include "store/ec2/snapshot_table.hpp"

namespace ebs::ec2 {

struct FastSnapshotRestoresRequest {
  std::vector<std::string> availability_zones;     // AvailabilityZone.N
  std::vector<std::string> availability_zone_ids;  // AvailabilityZoneId.N
  std::vector<std::string> source_snapshot_ids;    // SourceSnapshotId.N
  bool dry_run = false;
};

struct FastSnapshotRestoreError {
  std::string availability_zone;     // set when the pair was named by zone name
  std::string availability_zone_id;  // set when it was named by zone id
  std::string code;
  std::string message;
};

struct FastSnapshotRestoreErrorItem {
  std::string snapshot_id;
  std::vector<FastSnapshotRestoreError> errors;
};

struct FastSnapshotRestoresResult {
  std::vector<store::FastSnapshotRestoreRow> successful;
  std::vector<FastSnapshotRestoreErrorItem> unsuccessful;
};

struct DescribeFastSnapshotRestoresRequest {
  std::vector<Filter> filters;
  std::optional<int64_t> max_results;
  std::optional<std::string> next_token;
  bool dry_run = false;
};

struct FastSnapshotRestorePage {
  std::vector<store::FastSnapshotRestoreRow> restores;
  std::optional<std::string> next_token;
};

// The snapshot `id` as `ctx` sees it (own, shared with it, or public), or nullopt.
using VisibleSnapshot = std::function<std::optional<store::SnapshotRow>(
    store::Transaction&, const RequestContext&, const std::string& id)>;

class FastSnapshotRestoreService {
 public:
  static constexpr const char* kUserInitiated = "Client.UserInitiated";
  static constexpr const char* kLifecycle = "Client.UserInitiated - Lifecycle state transition";
  static constexpr const char* kSnapshotGone =
      "Client.InvalidSnapshot.InvalidState - The requested snapshot was deleted or access "
      "permissions were revoked";

  explicit FastSnapshotRestoreService(ServiceDeps& deps);
  void set_visible_snapshot(VisibleSnapshot lookup) { visible_ = std::move(lookup); }
  // Registers the scheduler handler of FSR transitions. Call once before the scheduler starts.
  void register_work();

  FastSnapshotRestoresResult enable(const RequestContext& ctx,
                                    const FastSnapshotRestoresRequest& request);
  FastSnapshotRestoresResult disable(const RequestContext& ctx,
                                     const FastSnapshotRestoresRequest& request);
  FastSnapshotRestorePage describe(const RequestContext& ctx,
                                   const DescribeFastSnapshotRestoresRequest& request);

  // True when `account`'s FSR of the snapshot is `enabled` in `zone` (CreateVolume).
  bool enabled_in(store::Transaction& tx, const std::string& account,
                  const std::string& snapshot_id, const std::string& zone);
  // DeleteSnapshot by its owner: throws InvalidSnapshot.InUse while the owner has FSR on it.
  void check_deletable(store::Transaction& tx, const store::SnapshotRow& snapshot);
  // The snapshot was deleted or its sharing narrowed: the FSR of every account that can no longer
  // see it goes to disabling (then disabled) with kSnapshotGone.
  void revalidate(store::Transaction& tx, const std::string& snapshot_id);
  // The same for every snapshot of `owner` in `region` that other accounts enabled FSR on (block
  // public access in block-all-sharing mode made its public snapshots private).
  void revalidate_owner(store::Transaction& tx, const std::string& owner,
                        const std::string& region);

 private:
  struct Pair {
    std::string zone;     // resolved zone name ("" when the given zone id is unknown)
    std::string zone_id;  // as given, when named by id
  };
  std::vector<Pair> pairs_of(const RequestContext& ctx, const FastSnapshotRestoresRequest& request);
  // What Enable or Disable does to one (snapshot, zone) pair: the row reported as successful, or
  // the pair's error. `snapshot` is the snapshot as the caller sees it (nullopt: not visible).
  using PairOutcome = std::variant<store::FastSnapshotRestoreRow, AwsError>;
  using PairStep = std::function<PairOutcome(store::Transaction& tx, const std::string& snapshot_id,
                                             const std::optional<store::SnapshotRow>& snapshot,
                                             const std::string& zone)>;
  // Enable's and Disable's frame: checks the request, then runs `step` on every distinct snapshot
  // id and zone in one transaction; a zone that is not of the region is the pair's error.
  FastSnapshotRestoresResult for_each_pair(const RequestContext& ctx,
                                           const FastSnapshotRestoresRequest& request,
                                           const PairStep& step);
  void run_work(store::Transaction& tx, const store::WorkItem& item);
  // Sets the new state, its time and reason, stores it, emits the event (at `at_ms`) and schedules
  // what comes next `fsr_ms` after it. Scheduled steps happen at their due time, so one advance of
  // a manual clock runs the whole chain.
  void transition(store::Transaction& tx, store::FastSnapshotRestoreRow& row,
                  const std::string& state, const std::string& reason, int64_t at_ms);
  void schedule(store::Transaction& tx, const store::FastSnapshotRestoreRow& row, int64_t at_ms);

  ServiceDeps& deps_;
  VisibleSnapshot visible_;
};

}  // namespace ebs::ec2
