#include "events/target_sender.hpp"

#include <spdlog/spdlog.h>

#include "events/arn.hpp"
#include "net/http_client.hpp"
#include "store/events/bus_table.hpp"
#include "store/events/named_doc_table.hpp"

namespace ebs::events {
namespace {

std::string base64(const std::string& in) {
  static const char* kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  while (i + 2 < in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kChars[(n >> 18) & 63];
    out += kChars[(n >> 12) & 63];
    out += kChars[(n >> 6) & 63];
    out += kChars[n & 63];
    i += 3;
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += kChars[(n >> 18) & 63];
    out += kChars[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kChars[(n >> 18) & 63];
    out += kChars[(n >> 12) & 63];
    out += kChars[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string url_encode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

void add_parameters(const nlohmann::json& params, Headers& headers, std::string& query) {
  if (!params.is_object()) return;
  for (const auto& h : params.value("HeaderParameters", nlohmann::json::array())) {
    if (h.is_object()) headers.emplace_back(h.value("Key", ""), h.value("Value", ""));
  }
  // Target HttpParameters use maps; connection InvocationHttpParameters use lists.
  auto target_headers = params.find("HeaderParameters");
  if (target_headers != params.end() && target_headers->is_object()) {
    for (auto it = target_headers->begin(); it != target_headers->end(); ++it) {
      if (it.value().is_string()) headers.emplace_back(it.key(), it.value().get<std::string>());
    }
  }
  auto add_query = [&](const std::string& k, const std::string& v) {
    query += query.empty() ? "" : "&";
    query += url_encode(k) + "=" + url_encode(v);
  };
  auto qs = params.find("QueryStringParameters");
  if (qs != params.end() && qs->is_object()) {
    for (auto it = qs->begin(); it != qs->end(); ++it) {
      if (it.value().is_string()) add_query(it.key(), it.value().get<std::string>());
    }
  } else if (qs != params.end() && qs->is_array()) {
    for (const auto& p : *qs) {
      if (p.is_object()) add_query(p.value("Key", ""), p.value("Value", ""));
    }
  }
}

AttemptOutcome http_outcome(const net::HttpCallResult& r) {
  AttemptOutcome o;
  if (!r.ok) {
    o.error_code = r.error.find("timed out") != std::string::npos ? "TIMEOUT" : "SDK_CLIENT_ERROR";
    o.error_message = "Unable to invoke ApiDestination endpoint: " + r.error;
    return o;
  }
  o.status_code = r.status;
  o.response = r.body.substr(0, 1024);
  if (r.status >= 200 && r.status < 300) {
    o.ok = true;
    return o;
  }
  // AWS retries API destinations on 401, 407, 409, 429 and 5xx; other statuses are final.
  int s = r.status;
  o.retryable = s == 401 || s == 407 || s == 409 || s == 429 || s >= 500;
  o.error_code = s == 429                             ? "THROTTLING"
                 : (s == 401 || s == 403 || s == 407) ? "NO_PERMISSIONS"
                 : s == 404                           ? "NO_RESOURCE"
                                                      : "SDK_CLIENT_ERROR";
  o.error_message = "Unable to invoke ApiDestination endpoint: The endpoint responded with HTTP " +
                    std::to_string(s) + ".";
  return o;
}

}  // namespace

AttemptOutcome TargetSender::send(
    const store::DeliveryRow& d,
    const std::function<void(store::Transaction&, const AttemptOutcome&)>& record, bool& recorded) {
  recorded = false;
  if (faults_) {
    std::string rule = d.rule_arn.substr(d.rule_arn.rfind('/') + 1);
    if (auto status =
            faults_->delivery_fault(d.account, d.region, rule, d.target_id, d.target_arn)) {
      AttemptOutcome o;
      o.status_code = *status;
      o.retryable = *status >= 500 || *status == 429;
      o.error_code = *status == 429 ? "THROTTLING" : "SDK_CLIENT_ERROR";
      o.error_message = "Injected fault: the target answered HTTP " + std::to_string(*status);
      return o;
    }
  }
  auto arn = parse_arn(d.target_arn);
  if (arn && arn->service == "events" && arn->resource.rfind("api-destination/", 0) == 0) {
    return send_api_destination(d);
  }
  if (arn && arn->service == "events" && arn->resource.rfind("event-bus/", 0) == 0) {
    return send_bus(d, record, recorded);
  }
  if (arn && arn->service == "lambda") return send_lambda(d);
  AttemptOutcome o;
  o.unsupported = true;
  o.retryable = false;
  o.error_code = "UNSUPPORTED_TARGET";
  o.error_message = "The emulator does not deliver to targets of service '" +
                    (arn ? arn->service : std::string("?")) + "' (" + d.target_arn + ").";
  return o;
}

std::optional<std::string> TargetSender::oauth_token(const nlohmann::json& connection,
                                                     std::string& error) {
  auto oauth = connection["AuthParameters"].value("OAuthParameters", nlohmann::json::object());
  auto client = oauth.value("ClientParameters", nlohmann::json::object());
  Headers headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Authorization", "Basic " + base64(client.value("ClientID", "") + ":" +
                                                         client.value("ClientSecret", ""))}};
  std::string query;
  add_parameters(oauth.value("OAuthHttpParameters", nlohmann::json::object()), headers, query);
  std::string body = "grant_type=client_credentials";
  if (!query.empty()) body += "&" + query;
  auto r =
      net::http_call(oauth.value("HttpMethod", "POST"), oauth.value("AuthorizationEndpoint", ""),
                     headers, body, http_timeout_ms_);
  if (!r.ok || r.status < 200 || r.status >= 300) {
    error = r.ok ? "authorization endpoint answered HTTP " + std::to_string(r.status) : r.error;
    return std::nullopt;
  }
  auto parsed = nlohmann::json::parse(r.body, nullptr, false);
  if (parsed.is_discarded() || !parsed.contains("access_token")) {
    error = "authorization endpoint returned no access_token";
    return std::nullopt;
  }
  return parsed["access_token"].get<std::string>();
}

AttemptOutcome TargetSender::send_api_destination(const store::DeliveryRow& d) {
  std::optional<store::NamedDocRow> destination, connection;
  {
    store::Transaction tx(db_);
    destination = store::NamedDocTable::by_arn(tx, store::DocKind::kApiDestination, d.target_arn);
    if (destination) {
      auto doc = nlohmann::json::parse(destination->json);
      connection = store::NamedDocTable::by_arn(tx, store::DocKind::kConnection,
                                                doc.value("ConnectionArn", ""));
    }
    tx.commit();
  }
  AttemptOutcome o;
  if (!destination || !connection) {
    o.retryable = false;
    o.error_code = "NO_RESOURCE";
    o.error_message = destination
                          ? "The connection of API destination " + d.target_arn + " does not exist."
                          : "API destination " + d.target_arn + " does not exist.";
    return o;
  }
  auto dest = nlohmann::json::parse(destination->json);
  auto conn = nlohmann::json::parse(connection->json);
  auto target = nlohmann::json::parse(d.target_json, nullptr, false);
  auto http_params = target.is_object() ? target.value("HttpParameters", nlohmann::json::object())
                                        : nlohmann::json::object();

  // Path parameters fill the `*` of the endpoint in order.
  std::string url = dest.value("InvocationEndpoint", "");
  auto path_values = http_params.value("PathParameterValues", nlohmann::json::array());
  for (const auto& v : path_values) {
    auto star = url.find('*');
    if (star == std::string::npos || !v.is_string()) break;
    url.replace(star, 1, v.get<std::string>());
  }
  Headers headers = {{"Content-Type", "application/json; charset=utf-8"},
                     {"User-Agent", "Amazon/EventBridge/ApiDestinations"}};
  std::string query;
  auto auth = conn.value("AuthParameters", nlohmann::json::object());
  std::string type = conn.value("AuthorizationType", "");
  if (type == "API_KEY") {
    auto k = auth.value("ApiKeyAuthParameters", nlohmann::json::object());
    headers.emplace_back(k.value("ApiKeyName", ""), k.value("ApiKeyValue", ""));
  } else if (type == "BASIC") {
    auto b = auth.value("BasicAuthParameters", nlohmann::json::object());
    headers.emplace_back("Authorization", "Basic " + base64(b.value("Username", "") + ":" +
                                                            b.value("Password", "")));
  } else if (type == "OAUTH_CLIENT_CREDENTIALS") {
    std::string error;
    auto token = oauth_token(conn, error);
    if (!token) {
      o.error_code = "NO_PERMISSIONS";
      o.error_message = "Unable to authorize the connection: " + error;
      return o;
    }
    headers.emplace_back("Authorization", "Bearer " + *token);
  }
  add_parameters(auth.value("InvocationHttpParameters", nlohmann::json::object()), headers, query);
  add_parameters(http_params, headers, query);
  if (!query.empty()) url += (url.find('?') == std::string::npos ? "?" : "&") + query;
  auto result =
      net::http_call(dest.value("HttpMethod", "POST"), url, headers, d.payload, http_timeout_ms_);
  return http_outcome(result);
}

AttemptOutcome TargetSender::send_bus(
    const store::DeliveryRow& d,
    const std::function<void(store::Transaction&, const AttemptOutcome&)>& record, bool& recorded) {
  auto arn = parse_arn(d.target_arn);
  std::string bus = arn->resource.substr(10);
  AttemptOutcome o;
  store::Transaction tx(db_);
  bool exists = bus == "default" || store::BusTable::get(tx, arn->account, arn->region, bus);
  if (!exists) {
    o.retryable = false;
    o.error_code = "NO_RESOURCE";
    o.error_message = "Event bus " + bus + " does not exist.";
  } else if (d.hop + 1 > EventBus::kMaxHops) {
    o.retryable = false;
    o.error_code = "LOOP_DETECTED";
    o.error_message = "The event crossed " + std::to_string(d.hop + 1) +
                      " event buses; it is not forwarded further.";
  } else {
    auto event = nlohmann::ordered_json::parse(d.payload);
    bus_.publish_hop(tx, arn->account, arn->region, bus, event, static_cast<int>(d.hop) + 1);
    o.ok = true;
  }
  record(tx, o);
  tx.commit();
  recorded = true;
  return o;
}

AttemptOutcome TargetSender::send_lambda(const store::DeliveryRow& d) {
  AttemptOutcome o;
  if (!lambda_) {
    o.retryable = false;
    o.error_code = "NO_RESOURCE";
    o.error_message = "ResourceNotFoundException: Function not found: " + d.target_arn;
    return o;
  }
  auto r = lambda_->invoke_async(d.account, d.region, d.target_arn, d.payload);
  o.ok = r.ok;
  o.retryable = r.retryable;
  if (!r.ok) {
    o.error_code = r.error_code == "ResourceNotFoundException"  ? "NO_RESOURCE"
                   : r.error_code == "TooManyRequestsException" ? "THROTTLING"
                   : r.error_code == "AccessDeniedException"    ? "NO_PERMISSIONS"
                                                                : r.error_code;
    o.error_message = r.error_code + ": " + r.error_message;
  }
  return o;
}

}  // namespace ebs::events
