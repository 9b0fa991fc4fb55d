#include "admin/admin_api.hpp"

#include "admin/list_endpoint.hpp"
#include "core/time_format.hpp"
#include "store/events/event_table.hpp"

namespace ebs::admin {

protocol::RestApi make_admin_api() { return protocol::RestApi(protocol::plain_json_error); }

protocol::HttpResponse json_response(const nlohmann::json& body, int status) {
  protocol::HttpResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

protocol::HttpResponse json_response(const nlohmann::ordered_json& body, int status) {
  protocol::HttpResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return response;
}

void register_health(protocol::RestApi& api, ServiceDeps& deps) {
  api.add("GET", "/_emulator/health", [&deps](const protocol::RestRequest&, const RequestContext&) {
    return json_response(nlohmann::json{{"status", "running"},
                                        {"version", deps.config.version},
                                        {"services",
                                         {{"ec2", "running"},
                                          {"events", "running"},
                                          {"kms", "running"},
                                          {"lambda", "running"},
                                          {"iam", "running"},
                                          {"logs", "running"}}}});
  });
}

void register_event_log(protocol::RestApi& api, ServiceDeps& deps) {
  api.add(
      "GET", "/_emulator/events", [&deps](const protocol::RestRequest& req, const RequestContext&) {
        store::EventQuery q;
        read_list_params(req.query, q, &store::EventQuery::after_seq);
        q.source = req.query.get("source");
        q.detail_type = req.query.get("detail-type");
        q.bus = req.query.get("bus");
        store::Transaction tx(deps.db);
        auto rows = store::EventTable::query(tx, q);
        tx.commit();
        nlohmann::ordered_json items = nlohmann::ordered_json::array();
        for (const auto& r : rows) {
          items.push_back(nlohmann::ordered_json{{"seq", r.seq},
                                                 {"account", r.account},
                                                 {"region", r.region},
                                                 {"bus", r.bus},
                                                 {"receivedAt", iso8601_ms(r.received_at)},
                                                 {"event", nlohmann::ordered_json::parse(r.json)}});
        }
        return list_response("events", std::move(items));
      });
}

}  // namespace ebs::admin
