#include "events/connection_service.hpp"

#include <cctype>
#include <set>

#include "events/events_errors.hpp"
#include "events/paging.hpp"
#include "store/events/named_doc_table.hpp"

namespace ebs::events {

namespace {

using store::DocKind;
using store::NamedDocTable;
using json = nlohmann::json;

double epoch_s(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

bool is_connection_name(const std::string& s) { return is_rule_name(s); }

void check_name(const json& request, const char* member) {
  Violations v;
  if (!request.contains("Name") || !request["Name"].is_string()) {
    v.null_value(member);
  } else {
    v.name(request["Name"].get<std::string>(), member, 64, kRuleNameRegex, is_connection_name);
  }
  v.throw_if_any();
}

AwsError connection_not_found(const std::string& name) {
  return not_found("Failed to describe the connection(s). Connection '" + name +
                   "' does not exist.");
}
AwsError destination_not_found(const std::string& name) {
  return not_found("Failed to describe the api-destination(s). An api-destination '" + name +
                   "' does not exist.");
}

// AuthParameters without secret values, as Describe/List return them.
json public_auth(const json& auth) {
  json out = json::object();
  if (auth.contains("BasicAuthParameters")) {
    out["BasicAuthParameters"] = {{"Username", auth["BasicAuthParameters"].value("Username", "")}};
  }
  if (auth.contains("ApiKeyAuthParameters")) {
    out["ApiKeyAuthParameters"] = {
        {"ApiKeyName", auth["ApiKeyAuthParameters"].value("ApiKeyName", "")}};
  }
  if (auth.contains("OAuthParameters")) {
    json o = auth["OAuthParameters"];
    if (o.contains("ClientParameters")) {
      o["ClientParameters"] = {{"ClientID", o["ClientParameters"].value("ClientID", "")}};
    }
    out["OAuthParameters"] = o;
  }
  if (auth.contains("InvocationHttpParameters")) {
    json p = auth["InvocationHttpParameters"];
    for (const char* list : {"HeaderParameters", "QueryStringParameters", "BodyParameters"}) {
      if (!p.contains(list)) continue;
      for (auto& item : p[list]) {
        if (item.value("IsValueSecret", false)) item.erase("Value");
      }
    }
    out["InvocationHttpParameters"] = p;
  }
  return out;
}

void check_auth(const json& request, bool required) {
  std::string type = request.value("AuthorizationType", "");
  if (!required && type.empty()) return;
  if (type != "BASIC" && type != "OAUTH_CLIENT_CREDENTIALS" && type != "API_KEY") {
    Violations v;
    v.add(type, "authorizationType",
          "satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]");
    v.throw_if_any();
  }
  json auth = request.value("AuthParameters", json::object());
  const char* needed = type == "BASIC"     ? "BasicAuthParameters"
                       : type == "API_KEY" ? "ApiKeyAuthParameters"
                                           : "OAuthParameters";
  if (!auth.contains(needed)) {
    throw validation("The request failed because the AuthParameters " + std::string(needed) +
                     " is missing for the AuthorizationType " + type + ".");
  }
}

json connection_summary(const json& doc) {
  json out;
  for (const char* k : {"ConnectionArn", "Name", "ConnectionState", "AuthorizationType",
                        "CreationTime", "LastModifiedTime", "LastAuthorizedTime"}) {
    if (doc.contains(k)) out[k] = doc[k];
  }
  return out;
}

json connection_state(const json& doc) {
  json out;
  for (const char* k : {"ConnectionArn", "ConnectionState", "CreationTime", "LastModifiedTime",
                        "LastAuthorizedTime"}) {
    if (doc.contains(k)) out[k] = doc[k];
  }
  return out;
}

const char* kDestinationFields[] = {"ApiDestinationArn", "Name",
                                    "Description",       "ApiDestinationState",
                                    "ConnectionArn",     "InvocationEndpoint",
                                    "HttpMethod",        "InvocationRateLimitPerSecond",
                                    "CreationTime",      "LastModifiedTime"};

void check_destination(const json& r, bool create) {
  Violations v;
  if (create) {
    for (const char* k : {"ConnectionArn", "InvocationEndpoint", "HttpMethod"}) {
      if (!r.contains(k)) {
        std::string m = k;
        m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
        v.null_value(m);
      }
    }
  }
  if (r.contains("HttpMethod")) {
    std::string m = r.value("HttpMethod", "");
    static const std::set<std::string> methods = {"POST", "GET",   "HEAD",  "OPTIONS",
                                                  "PUT",  "PATCH", "DELETE"};
    if (!methods.count(m)) {
      v.add(m, "httpMethod",
            "satisfy enum value set: [POST, GET, HEAD, OPTIONS, PUT, PATCH, DELETE]");
    }
  }
  if (r.contains("InvocationRateLimitPerSecond")) {
    int64_t n = r.value("InvocationRateLimitPerSecond", int64_t{0});
    if (n < 1) {
      v.add(std::to_string(n), "invocationRateLimitPerSecond",
            "have value greater than or equal to 1");
    }
  }
  v.throw_if_any();
}

}  // namespace

json ConnectionService::create_connection(const RequestContext& ctx, const json& r) {
  check_name(r, "name");
  check_auth(r, true);
  std::string name = r["Name"].get<std::string>();
  store::Transaction tx(deps_.db);
  if (NamedDocTable::get(tx, DocKind::kConnection, ctx.account, ctx.region, name)) {
    throw already_exists("Connection " + name + " already exists.");
  }
  json doc;
  doc["ConnectionArn"] = "arn:aws:events:" + ctx.region + ":" + ctx.account + ":connection/" +
                         name + "/" + deps_.ids.uuid();
  doc["Name"] = name;
  if (r.contains("Description")) doc["Description"] = r["Description"];
  doc["ConnectionState"] = "AUTHORIZED";
  doc["AuthorizationType"] = r["AuthorizationType"];
  doc["AuthParameters"] = r.value("AuthParameters", json::object());
  doc["SecretArn"] = "arn:aws:secretsmanager:" + ctx.region + ":" + ctx.account +
                     ":secret:events!connection/" + name + "/" + deps_.ids.uuid();
  doc["CreationTime"] = epoch_s(ctx.now_ms);
  doc["LastModifiedTime"] = epoch_s(ctx.now_ms);
  doc["LastAuthorizedTime"] = epoch_s(ctx.now_ms);
  NamedDocTable::put(tx, DocKind::kConnection,
                     {ctx.account, ctx.region, name, doc["ConnectionArn"], doc.dump()});
  tx.commit();
  return connection_state(doc);
}

json ConnectionService::update_connection(const RequestContext& ctx, const json& r) {
  check_name(r, "name");
  check_auth(r, false);
  std::string name = r["Name"].get<std::string>();
  store::Transaction tx(deps_.db);
  auto row = NamedDocTable::get(tx, DocKind::kConnection, ctx.account, ctx.region, name);
  if (!row) throw connection_not_found(name);
  json doc = json::parse(row->json);
  if (r.contains("Description")) doc["Description"] = r["Description"];
  if (r.contains("AuthorizationType")) doc["AuthorizationType"] = r["AuthorizationType"];
  if (r.contains("AuthParameters")) {
    // Members given replace the stored ones; secrets not given are kept.
    for (auto it = r["AuthParameters"].begin(); it != r["AuthParameters"].end(); ++it) {
      if (it.value().is_object() && doc["AuthParameters"].contains(it.key())) {
        doc["AuthParameters"][it.key()].merge_patch(it.value());
      } else {
        doc["AuthParameters"][it.key()] = it.value();
      }
    }
  }
  doc["ConnectionState"] = "AUTHORIZED";
  doc["LastModifiedTime"] = epoch_s(ctx.now_ms);
  NamedDocTable::put(tx, DocKind::kConnection,
                     {ctx.account, ctx.region, name, row->arn, doc.dump()});
  tx.commit();
  return connection_state(doc);
}

json ConnectionService::describe_connection(const RequestContext& ctx, const std::string& name) {
  store::Transaction tx(deps_.db);
  auto row = NamedDocTable::get(tx, DocKind::kConnection, ctx.account, ctx.region, name);
  tx.commit();
  if (!row) throw connection_not_found(name);
  json doc = json::parse(row->json);
  doc["AuthParameters"] = public_auth(doc.value("AuthParameters", json::object()));
  return doc;
}

json ConnectionService::list_connections(const RequestContext& ctx, const json& r) {
  store::Transaction tx(deps_.db);
  auto rows = NamedDocTable::list(tx, DocKind::kConnection, ctx.account, ctx.region,
                                  r.value("NamePrefix", ""));
  tx.commit();
  std::vector<json> docs;
  std::string state = r.value("ConnectionState", "");
  for (const auto& row : rows) {
    json doc = json::parse(row.json);
    if (!state.empty() && doc.value("ConnectionState", "") != state) continue;
    docs.push_back(connection_summary(doc));
  }
  Page page;
  if (r.contains("NextToken")) page.next_token = r["NextToken"].get<std::string>();
  if (r.contains("Limit")) page.limit = r["Limit"].get<int64_t>();
  auto listed = paginate(std::move(docs), page);
  json out;
  out["Connections"] = listed.items;
  if (listed.next_token) out["NextToken"] = *listed.next_token;
  return out;
}

json ConnectionService::delete_connection(const RequestContext& ctx, const std::string& name) {
  store::Transaction tx(deps_.db);
  auto row = NamedDocTable::get(tx, DocKind::kConnection, ctx.account, ctx.region, name);
  if (!row) throw connection_not_found(name);
  json doc = json::parse(row->json);
  NamedDocTable::remove(tx, DocKind::kConnection, ctx.account, ctx.region, name);
  tx.commit();
  doc["ConnectionState"] = "DELETING";
  doc["LastModifiedTime"] = epoch_s(ctx.now_ms);
  return connection_state(doc);
}

json ConnectionService::deauthorize_connection(const RequestContext& ctx, const std::string& name) {
  store::Transaction tx(deps_.db);
  auto row = NamedDocTable::get(tx, DocKind::kConnection, ctx.account, ctx.region, name);
  if (!row) throw connection_not_found(name);
  json doc = json::parse(row->json);
  doc["ConnectionState"] = "DEAUTHORIZED";
  doc["LastModifiedTime"] = epoch_s(ctx.now_ms);
  NamedDocTable::put(tx, DocKind::kConnection,
                     {ctx.account, ctx.region, name, row->arn, doc.dump()});
  tx.commit();
  return connection_state(doc);
}

json ConnectionService::create_api_destination(const RequestContext& ctx, const json& r) {
  check_name(r, "name");
  check_destination(r, true);
  std::string name = r["Name"].get<std::string>();
  store::Transaction tx(deps_.db);
  if (NamedDocTable::get(tx, DocKind::kApiDestination, ctx.account, ctx.region, name)) {
    throw already_exists("An api-destination '" + name + "' already exists.");
  }
  std::string connection_arn = r.value("ConnectionArn", "");
  if (!NamedDocTable::by_arn(tx, DocKind::kConnection, connection_arn)) {
    throw not_found("Connection '" + connection_arn + "' does not exist.");
  }
  json doc;
  doc["ApiDestinationArn"] = "arn:aws:events:" + ctx.region + ":" + ctx.account +
                             ":api-destination/" + name + "/" + deps_.ids.uuid();
  doc["Name"] = name;
  if (r.contains("Description")) doc["Description"] = r["Description"];
  doc["ApiDestinationState"] = "ACTIVE";
  doc["ConnectionArn"] = connection_arn;
  doc["InvocationEndpoint"] = r["InvocationEndpoint"];
  doc["HttpMethod"] = r["HttpMethod"];
  doc["InvocationRateLimitPerSecond"] = r.value("InvocationRateLimitPerSecond", int64_t{300});
  doc["CreationTime"] = epoch_s(ctx.now_ms);
  doc["LastModifiedTime"] = epoch_s(ctx.now_ms);
  NamedDocTable::put(tx, DocKind::kApiDestination,
                     {ctx.account, ctx.region, name, doc["ApiDestinationArn"], doc.dump()});
  tx.commit();
  return {{"ApiDestinationArn", doc["ApiDestinationArn"]},
          {"ApiDestinationState", "ACTIVE"},
          {"CreationTime", doc["CreationTime"]},
          {"LastModifiedTime", doc["LastModifiedTime"]}};
}

json ConnectionService::update_api_destination(const RequestContext& ctx, const json& r) {
  check_name(r, "name");
  check_destination(r, false);
  std::string name = r["Name"].get<std::string>();
  store::Transaction tx(deps_.db);
  auto row = NamedDocTable::get(tx, DocKind::kApiDestination, ctx.account, ctx.region, name);
  if (!row) throw destination_not_found(name);
  json doc = json::parse(row->json);
  for (const char* k : {"Description", "ConnectionArn", "InvocationEndpoint", "HttpMethod",
                        "InvocationRateLimitPerSecond"}) {
    if (r.contains(k)) doc[k] = r[k];
  }
  if (r.contains("ConnectionArn") &&
      !NamedDocTable::by_arn(tx, DocKind::kConnection, r["ConnectionArn"].get<std::string>())) {
    throw not_found("Connection '" + r["ConnectionArn"].get<std::string>() + "' does not exist.");
  }
  doc["LastModifiedTime"] = epoch_s(ctx.now_ms);
  NamedDocTable::put(tx, DocKind::kApiDestination,
                     {ctx.account, ctx.region, name, row->arn, doc.dump()});
  tx.commit();
  return {{"ApiDestinationArn", doc["ApiDestinationArn"]},
          {"ApiDestinationState", doc["ApiDestinationState"]},
          {"CreationTime", doc["CreationTime"]},
          {"LastModifiedTime", doc["LastModifiedTime"]}};
}

json ConnectionService::describe_api_destination(const RequestContext& ctx,
                                                 const std::string& name) {
  store::Transaction tx(deps_.db);
  auto row = NamedDocTable::get(tx, DocKind::kApiDestination, ctx.account, ctx.region, name);
  tx.commit();
  if (!row) throw destination_not_found(name);
  json doc = json::parse(row->json);
  json out;
  for (const char* k : kDestinationFields) {
    if (doc.contains(k)) out[k] = doc[k];
  }
  return out;
}

json ConnectionService::list_api_destinations(const RequestContext& ctx, const json& r) {
  store::Transaction tx(deps_.db);
  auto rows = NamedDocTable::list(tx, DocKind::kApiDestination, ctx.account, ctx.region,
                                  r.value("NamePrefix", ""));
  tx.commit();
  std::vector<json> docs;
  std::string connection = r.value("ConnectionArn", "");
  for (const auto& row : rows) {
    json doc = json::parse(row.json);
    if (!connection.empty() && doc.value("ConnectionArn", "") != connection) continue;
    json item;
    for (const char* k : kDestinationFields) {
      if (doc.contains(k) && std::string(k) != "Description") item[k] = doc[k];
    }
    docs.push_back(item);
  }
  Page page;
  if (r.contains("NextToken")) page.next_token = r["NextToken"].get<std::string>();
  if (r.contains("Limit")) page.limit = r["Limit"].get<int64_t>();
  auto listed = paginate(std::move(docs), page);
  json out;
  out["ApiDestinations"] = listed.items;
  if (listed.next_token) out["NextToken"] = *listed.next_token;
  return out;
}

json ConnectionService::delete_api_destination(const RequestContext& ctx, const std::string& name) {
  store::Transaction tx(deps_.db);
  auto row = NamedDocTable::get(tx, DocKind::kApiDestination, ctx.account, ctx.region, name);
  if (!row) throw destination_not_found(name);
  NamedDocTable::remove(tx, DocKind::kApiDestination, ctx.account, ctx.region, name);
  tx.commit();
  return json::object();
}

}  // namespace ebs::events
