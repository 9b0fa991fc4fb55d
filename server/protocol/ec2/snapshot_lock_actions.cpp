#include "protocol/ec2/snapshot_lock_actions.hpp"

#include "core/time_format.hpp"
#include "ec2/snapshot_lock_service.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::SnapshotLockService;

void write_time(XmlWriter& xml, std::string_view name, const std::optional<int64_t>& t) {
  if (t) xml.element(name, iso8601_ms(*t));
}

// LockSnapshotResult / LockedSnapshotsInfo members, in the model's order.
void write_lock(XmlWriter& xml, const store::SnapshotLockRow& l, bool with_owner) {
  if (with_owner) xml.element("ownerId", l.account);
  xml.element("snapshotId", l.snapshot_id).element("lockState", l.state);
  if (l.duration_days) xml.element("lockDuration", *l.duration_days);
  if (l.cool_off_hours) xml.element("coolOffPeriod", *l.cool_off_hours);
  write_time(xml, "coolOffPeriodExpiresOn", l.cool_off_expires_on);
  xml.element("lockCreatedOn", iso8601_ms(l.created_on));
  if (with_owner) {  // LockedSnapshotsInfo: start time before expiry
    write_time(xml, "lockDurationStartTime", l.duration_start);
    write_time(xml, "lockExpiresOn", l.expires_on);
  } else {
    write_time(xml, "lockExpiresOn", l.expires_on);
    write_time(xml, "lockDurationStartTime", l.duration_start);
  }
}

void lock_snapshot(SnapshotLockService& locks, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::LockSnapshotRequest r;
  r.snapshot_id = p.require("SnapshotId");
  r.lock.mode = p.require("LockMode");
  r.lock.cool_off_hours = p.get_int("CoolOffPeriod");
  r.lock.duration_days = p.get_int("LockDuration");
  if (auto date = p.get("ExpirationDate")) {
    auto at = parse_iso8601(*date);
    if (!at) {
      throw AwsError::invalid_parameter_value("Value (" + *date +
                                              ") for parameter ExpirationDate is invalid.");
    }
    r.lock.expiration_date = *at;
  }
  r.dry_run = p.get_bool("DryRun").value_or(false);
  write_lock(xml, locks.lock(ctx, r), false);
}

void unlock_snapshot(SnapshotLockService& locks, const QueryParams& p, const RequestContext& ctx,
                     XmlWriter& xml) {
  auto id = p.require("SnapshotId");
  locks.unlock(ctx, id, p.get_bool("DryRun").value_or(false));
  xml.element("snapshotId", id);
}

void describe_locked_snapshots(SnapshotLockService& locks, const QueryParams& p,
                               const RequestContext& ctx, XmlWriter& xml) {
  ebs::ec2::DescribeLockedSnapshotsRequest r;
  r.snapshot_ids = p.list("SnapshotId");
  r.filters = p.filters();
  r.max_results = p.get_int("MaxResults");
  r.next_token = p.get("NextToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto page = locks.describe(ctx, r);
  xml.open("snapshotSet");
  for (const auto& l : page.locks) {
    xml.open("item");
    write_lock(xml, l, true);
    xml.close();
  }
  xml.close();
  if (page.next_token) xml.element("nextToken", *page.next_token);
}

using Codec = void (*)(SnapshotLockService&, const QueryParams&, const RequestContext&, XmlWriter&);

}  // namespace

void register_snapshot_lock_actions(QueryApi& api, SnapshotLockService& locks) {
  static const std::pair<const char*, Codec> kActions[] = {
      {"LockSnapshot", lock_snapshot},
      {"UnlockSnapshot", unlock_snapshot},
      {"DescribeLockedSnapshots", describe_locked_snapshots},
  };
  for (const auto& [name, codec] : kActions) {
    api.add(name, [&locks, codec = codec](const QueryParams& p, const RequestContext& ctx,
                                          XmlWriter& xml) { codec(locks, p, ctx, xml); });
  }
}

}  // namespace ebs::protocol::ec2
