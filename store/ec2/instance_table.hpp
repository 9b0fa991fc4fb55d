// InstanceTable: persistence of EC2 instances (only what volume attachment needs: identity,
// placement, state and the state's reasons). Their block devices are the attachments rows of
// VolumeTable; their tags are in TagTable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct InstanceRow {
  std::string instance_id;
  std::string account;
  std::string region;
  std::string reservation_id;
  std::string image_id;
  std::string instance_type;
  std::string availability_zone;
  std::string state;  // pending | running | shutting-down | terminated | stopping | stopped
  int64_t launch_time = 0;
  std::string root_device_name;
  std::string state_reason;       // "Code: Message" style pair, '' when none (Code|Message)
  std::string transition_reason;  // StateTransitionReason text
  int64_t launch_index = 0;
  std::optional<std::string> client_token;
};

class InstanceTable {
 public:
  static void insert(Transaction& tx, const InstanceRow& row);
  static void set_state(Transaction& tx, const std::string& instance_id, const std::string& state,
                        const std::string& transition_reason, const std::string& state_reason);
  static std::optional<InstanceRow> get(Transaction& tx, const std::string& account,
                                        const std::string& region, const std::string& instance_id);
  static std::optional<InstanceRow> by_id(Transaction& tx, const std::string& instance_id);
  // Instances of a reservation (RunInstances with a ClientToken returns it again).
  static std::vector<InstanceRow> by_client_token(Transaction& tx, const std::string& account,
                                                  const std::string& region,
                                                  const std::string& token);
  // Instances of an account+region with id > after_id, ordered by id, at most `limit` (0 = all).
  static std::vector<InstanceRow> list(Transaction& tx, const std::string& account,
                                       const std::string& region, const std::string& after_id,
                                       int64_t limit);
  // Ids of instances in a state (served from the state index), ordered.
  static std::vector<std::string> ids_in_state(Transaction& tx, const std::string& account,
                                               const std::string& region, const std::string& state);
};

}  // namespace ebs::store
