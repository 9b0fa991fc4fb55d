// What the admin list endpoints (/_emulator/events, /deliveries, /invocations) share: the query
// parameters every list takes and the shape of the answer.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <utility>

#include "admin/admin_api.hpp"
#include "protocol/query_params.hpp"

namespace ebs::admin {

// Reads ?account, ?region, ?after (into `after`: the last seq or id seen) and ?limit into a store
// query; an absent one keeps the query's default. A malformed number: InvalidParameterValue.
template <typename Query>
void read_list_params(const protocol::QueryParams& params, Query& q, int64_t Query::*after) {
  q.account = params.get("account");
  q.region = params.get("region");
  if (auto a = params.get_int("after")) q.*after = *a;
  if (auto limit = params.get_int("limit")) q.limit = *limit;
}

// The answer of a list endpoint: {"<key>": items}.
inline protocol::HttpResponse list_response(const char* key, nlohmann::ordered_json items) {
  nlohmann::ordered_json body;
  body[key] = std::move(items);
  return json_response(body);
}

}  // namespace ebs::admin
