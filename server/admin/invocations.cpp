#include "admin/invocations.hpp"

#include "admin/admin_api.hpp"
#include "admin/list_endpoint.hpp"
#include "core/time_format.hpp"
#include "lambda/code_package.hpp"
#include "store/lambda/function_table.hpp"
#include "store/lambda/invocation_table.hpp"

namespace ebs::admin {
namespace {

nlohmann::ordered_json json_or_text(const std::string& text) {
  auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return text;
  return parsed;
}

}  // namespace

void register_invocations(protocol::RestApi& api, ServiceDeps& deps) {
  api.add("GET", "/_emulator/invocations",
          [&deps](const protocol::RestRequest& req, const RequestContext&) {
            store::InvocationQuery q;
            read_list_params(req.query, q, &store::InvocationQuery::after_seq);
            q.function_name = req.query.get("function");
            store::Transaction tx(deps.db);
            auto rows = store::InvocationTable::query(tx, q);
            tx.commit();
            nlohmann::ordered_json items = nlohmann::ordered_json::array();
            for (const auto& r : rows) {
              nlohmann::ordered_json item;
              item["seq"] = r.seq;
              item["requestId"] = r.request_id;
              item["account"] = r.account;
              item["region"] = r.region;
              item["functionName"] = r.function_name;
              item["invocationType"] = r.invocation_type;
              item["source"] = r.source;
              item["startedAt"] = iso8601_ms(r.started_at);
              item["durationMs"] = r.duration_ms;
              item["status"] = r.status;
              item["event"] = json_or_text(r.event);
              item["result"] = json_or_text(r.payload);
              if (r.function_error) {
                item["functionError"] = *r.function_error;
                item["error"] = json_or_text(r.payload);
              } else {
                item["functionError"] = nullptr;
                item["error"] = nullptr;
              }
              item["log"] = r.log;
              items.push_back(std::move(item));
            }
            return list_response("invocations", std::move(items));
          });
  api.add("GET", "/_emulator/lambda/code/{Account}/{Region}/{Name}",
          [&deps](const protocol::RestRequest& req, const RequestContext& ctx) {
            store::Transaction tx(deps.db);
            auto row = store::FunctionTable::get(tx, req.path.at("Account"), req.path.at("Region"),
                                                 req.path.at("Name"));
            tx.commit();
            std::optional<std::string> zip;
            if (row) zip = lambda::base64_decode(row->zip_base64);
            if (!zip || zip->empty()) {
              return protocol::plain_json_error("NotFound", "No such function code", 404, ctx);
            }
            protocol::HttpResponse response;
            response.content_type = "application/zip";
            response.body = std::move(*zip);
            return response;
          });
}

}  // namespace ebs::admin
