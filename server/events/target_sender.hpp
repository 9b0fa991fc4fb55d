// TargetSender: performs one delivery attempt by target kind. API destinations go over HTTP (the
// connection's authorization and parameters applied as AWS does); event buses are published to
// again (another bus of the account, another region or another account) with a hop limit; Lambda
// functions go through the LambdaInvoker; any other ARN is recorded as not supported. Network I/O
// happens with no transaction open; bus forwarding is one short transaction that also records the
// attempt.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/faults.hpp"
#include "events/event_bus.hpp"
#include "events/lambda_invoker.hpp"
#include "store/database.hpp"
#include "store/events/delivery_table.hpp"

namespace ebs::events {

struct AttemptOutcome {
  bool ok = false;
  bool retryable = true;
  bool unsupported = false;
  std::optional<int64_t> status_code;
  std::string
      error_code;  // DLQ ERROR_CODE vocabulary: NO_RESOURCE, NO_PERMISSIONS, THROTTLING, ...
  std::string error_message;
  std::string response;  // first bytes of the target's answer
};

class TargetSender {
 public:
  TargetSender(store::Database& db, Clock& clock, EventBus& bus)
      : db_(db), clock_(clock), bus_(bus) {}
  void set_lambda_invoker(LambdaInvoker* invoker) { lambda_ = invoker; }
  void set_faults(FaultRegistry* faults) { faults_ = faults; }
  void set_http_timeout_ms(int ms) { http_timeout_ms_ = ms; }

  // For bus targets, `record` is called inside the forwarding transaction with the outcome, so the
  // forwarded event and the attempt commit together. For other kinds the caller records it.
  AttemptOutcome send(const store::DeliveryRow& delivery,
                      const std::function<void(store::Transaction&, const AttemptOutcome&)>& record,
                      bool& recorded);

 private:
  AttemptOutcome send_api_destination(const store::DeliveryRow& d);
  AttemptOutcome send_bus(
      const store::DeliveryRow& d,
      const std::function<void(store::Transaction&, const AttemptOutcome&)>& record,
      bool& recorded);
  AttemptOutcome send_lambda(const store::DeliveryRow& d);
  std::optional<std::string> oauth_token(const nlohmann::json& connection, std::string& error);

  store::Database& db_;
  Clock& clock_;
  EventBus& bus_;
  LambdaInvoker* lambda_ = nullptr;
  FaultRegistry* faults_ = nullptr;
  int http_timeout_ms_ = 5000;  // API destinations: AWS's 5 s client timeout
};

}  // namespace ebs::events
