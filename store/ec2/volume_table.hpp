// VolumeTable: persistence of EBS volumes and their attachments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct AttachmentRow {
  std::string volume_id;
  std::string instance_id;
  std::string device;
  std::string state;  // attaching | attached | detaching
  int64_t attach_time = 0;
  bool delete_on_termination = false;
};

struct VolumeRow {
  std::string volume_id;
  std::string account;
  std::string region;
  std::string availability_zone;
  int64_t size = 0;
  std::string snapshot_id;
  std::string state;  // creating | available | in-use | deleting | deleted | error
  int64_t create_time = 0;
  std::string volume_type;
  std::optional<int64_t> iops;
  std::optional<int64_t> throughput;
  bool encrypted = false;
  std::optional<std::string> kms_key_id;  // full key ARN
  bool multi_attach = false;
  std::optional<std::string> client_token;
  std::string request_id;  // the CreateVolume request id, for the createVolume event
  std::vector<AttachmentRow> attachments;
  // Not columns of this table: VolumeService fills them from the volume_initialization module.
  bool fast_restored = false;
  std::optional<int64_t> initialization_rate;  // VolumeInitializationRate, MiB/s
};

class VolumeTable {
 public:
  static void insert(Transaction& tx, const VolumeRow& v);
  static void update(Transaction& tx, const VolumeRow& v);  // all columns but the key
  static void set_state(Transaction& tx, const std::string& volume_id, const std::string& state);
  static void remove(Transaction& tx, const std::string& volume_id);
  static std::optional<VolumeRow> get(Transaction& tx, const std::string& account,
                                      const std::string& region, const std::string& volume_id);
  // The volumes of `ids` that exist in account+region, ordered by id (two statements in all).
  static std::vector<VolumeRow> get_many(Transaction& tx, const std::string& account,
                                         const std::string& region,
                                         const std::vector<std::string>& ids);
  static std::optional<VolumeRow> by_id(Transaction& tx, const std::string& volume_id);
  static std::optional<VolumeRow> by_client_token(Transaction& tx, const std::string& account,
                                                  const std::string& region,
                                                  const std::string& token);
  // Volumes of an account+region with id > after_id, ordered by id, at most `limit` (0 = all).
  static std::vector<VolumeRow> list(Transaction& tx, const std::string& account,
                                     const std::string& region, const std::string& after_id,
                                     int64_t limit);
  static std::vector<VolumeRow> for_instance(Transaction& tx, const std::string& instance_id);
  // Ids of the volumes of an account+region whose indexed column equals `value`, ordered by id.
  enum class Column { kState, kAvailabilityZone, kSnapshotId, kVolumeType };
  static std::vector<std::string> ids_where(Transaction& tx, const std::string& account,
                                            const std::string& region, Column column,
                                            const std::string& value);
  // The same, only ids > after_id, at most `limit`: one page of a coarse filter read from its
  // index.
  static std::vector<std::string> ids_where_after(Transaction& tx, const std::string& account,
                                                  const std::string& region, Column column,
                                                  const std::string& value,
                                                  const std::string& after_id, int64_t limit);
  // Ids of the volumes attached (in any attachment state) to an instance, ordered.
  static std::vector<std::string> ids_attached_to(Transaction& tx, const std::string& instance_id);

  static void put_attachment(Transaction& tx, const AttachmentRow& a);
  static void remove_attachment(Transaction& tx, const std::string& volume_id,
                                const std::string& instance_id);
  static std::vector<AttachmentRow> attachments(Transaction& tx, const std::string& volume_id);
  // An instance's attachments, ordered by device.
  static std::vector<AttachmentRow> attachments_of_instance(Transaction& tx,
                                                            const std::string& instance_id);
};

}  // namespace ebs::store
