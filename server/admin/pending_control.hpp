// The pair of admin endpoints that end a pending thing by id, for tests (the /_emulator/ API):
//   POST {base}/complete               end it now, as its work would
//   POST {base}/fail {"cause": "…"}    make it fail with that cause (default_cause without one)
// Both answer the thing as JSON; an AwsError as {"error", "message"} with 404 for not_found_code
// and 409 for any other code; a body that is not a JSON object with 400 BadRequest.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/rest_api.hpp"

namespace ebs::admin {

struct PendingControl {
  std::string base;            // "/_emulator/snapshots/{SnapshotId}"
  std::string id_param;        // "SnapshotId", the id's name in `base`
  std::string not_found_code;  // "InvalidSnapshot.NotFound"
  std::string default_cause;
  std::function<nlohmann::ordered_json(const std::string& id)> complete;
  std::function<nlohmann::ordered_json(const std::string& id, const std::string& cause)> fail;
};

void register_pending_control(protocol::RestApi& api, PendingControl control);

}  // namespace ebs::admin
