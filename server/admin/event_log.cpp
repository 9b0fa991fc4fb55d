#include "admin/event_log.hpp"

#include "admin/admin_api.hpp"
#include "admin/list_endpoint.hpp"
#include "core/time_format.hpp"
#include "store/events/delivery_table.hpp"

namespace ebs::admin {

namespace {

using ojson = nlohmann::ordered_json;

ojson delivery_json(const store::DeliveryRow& d, const std::vector<store::AttemptRow>& attempts) {
  ojson out;
  out["id"] = d.id;
  out["eventId"] = d.event_id;
  out["account"] = d.account;
  out["region"] = d.region;
  out["bus"] = d.bus;
  out["ruleArn"] = d.rule_arn;
  out["targetId"] = d.target_id;
  out["targetArn"] = d.target_arn;
  out["status"] = d.status;
  out["attemptCount"] = d.attempts;
  out["createdAt"] = iso8601_ms(d.created_at);
  out["updatedAt"] = iso8601_ms(d.updated_at);
  if (d.status == "pending" || d.status == "retrying") {
    out["nextAttemptAt"] = iso8601_ms(d.next_attempt_at);
  }
  out["hop"] = d.hop;
  if (d.last_status) out["lastStatusCode"] = *d.last_status;
  if (d.last_error_code) out["lastErrorCode"] = *d.last_error_code;
  if (d.last_error) out["lastError"] = *d.last_error;
  if (d.dead_letter_arn) {
    ojson dl;
    dl["arn"] = *d.dead_letter_arn;
    dl["attributes"] =
        d.dead_letter_attributes ? ojson::parse(*d.dead_letter_attributes) : ojson::object();
    out["deadLetter"] = dl;
  }
  auto payload = ojson::parse(d.payload, nullptr, false);
  if (payload.is_discarded()) {
    out["payload"] = d.payload;
  } else {
    out["payload"] = payload;
  }
  out["payloadText"] = d.payload;
  ojson list = ojson::array();
  for (const auto& a : attempts) {
    ojson item;
    item["attempt"] = a.attempt;
    item["startedAt"] = iso8601_ms(a.started_at);
    item["finishedAt"] = iso8601_ms(a.finished_at);
    if (a.status_code) item["statusCode"] = *a.status_code;
    if (a.error_code) item["errorCode"] = *a.error_code;
    if (a.error) item["error"] = *a.error;
    if (a.response) item["response"] = *a.response;
    list.push_back(item);
  }
  out["attempts"] = list;
  return out;
}

}  // namespace

void register_deliveries(protocol::RestApi& api, ServiceDeps& deps) {
  api.add("GET", "/_emulator/deliveries",
          [&deps](const protocol::RestRequest& req, const RequestContext&) {
            store::DeliveryQuery q;
            read_list_params(req.query, q, &store::DeliveryQuery::after_id);
            q.status = req.query.get("status");
            q.event_id = req.query.get("event-id");
            q.rule_arn = req.query.get("rule-arn");
            q.target_id = req.query.get("target-id");
            ojson items = ojson::array();
            store::Transaction tx(deps.db);
            for (const auto& d : store::DeliveryTable::query(tx, q)) {
              items.push_back(delivery_json(d, store::DeliveryTable::attempts(tx, d.id)));
            }
            tx.commit();
            return list_response("deliveries", std::move(items));
          });
}

}  // namespace ebs::admin
