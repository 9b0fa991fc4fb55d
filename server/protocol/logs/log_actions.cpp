// Codecs of the CloudWatch Logs actions: CreateLogGroup, DeleteLogGroup, DescribeLogGroups,
// CreateLogStream, DeleteLogStream, DescribeLogStreams, PutLogEvents, GetLogEvents,
// FilterLogEvents.
#include "core/aws_error.hpp"
#include "protocol/json_members.hpp"
#include "protocol/logs/logs_api.hpp"

namespace ebs::protocol::logs {
namespace {

using ebs::logs::LogService;
using nlohmann::json;

std::string required(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) {
    throw AwsError("InvalidParameterException",
                   std::string("1 validation error detected: Value null at '") + name +
                       "' failed to satisfy constraint: Member must not be null");
  }
  return it->get<std::string>();
}

json group_json(const store::LogGroupRow& g) {
  auto arn = LogService::group_arn(g.region, g.account, g.name);
  json out{
      {"logGroupName", g.name}, {"creationTime", g.creation_time}, {"metricFilterCount", 0},
      {"arn", arn + ":*"},      {"storedBytes", g.stored_bytes},   {"logGroupClass", "STANDARD"},
      {"logGroupArn", arn}};
  if (g.retention_days) out["retentionInDays"] = *g.retention_days;
  return out;
}

json stream_json(const RequestContext& ctx, const std::string& group,
                 const store::LogStreamRow& s) {
  json out{{"logStreamName", s.name},
           {"creationTime", s.creation_time},
           {"arn", LogService::group_arn(ctx.region, ctx.account, group) + ":log-stream:" + s.name},
           {"storedBytes", s.stored_bytes}};
  if (s.first_event) out["firstEventTimestamp"] = *s.first_event;
  if (s.last_event) out["lastEventTimestamp"] = *s.last_event;
  if (s.last_ingestion) out["lastIngestionTime"] = *s.last_ingestion;
  return out;
}

void add(JsonApi& api, const std::string& action, LogService& service,
         json (*fn)(LogService&, const json&, const RequestContext&)) {
  api.add("Logs_20140328." + action, [&service, fn](const json& body, const RequestContext& ctx) {
    return fn(service, body, ctx);
  });
}

json create_log_group(LogService& s, const json& body, const RequestContext& ctx) {
  s.create_group(ctx, required(body, "logGroupName"));
  return json::object();
}

json delete_log_group(LogService& s, const json& body, const RequestContext& ctx) {
  s.delete_group(ctx, required(body, "logGroupName"));
  return json::object();
}

json describe_log_groups(LogService& s, const json& body, const RequestContext& ctx) {
  auto page = s.describe_groups(ctx, opt_string(body, "logGroupNamePrefix").value_or(""),
                                opt_int(body, "limit"), opt_string(body, "nextToken"));
  json groups = json::array();
  for (const auto& g : page.groups) groups.push_back(group_json(g));
  json out{{"logGroups", groups}};
  if (page.next_token) out["nextToken"] = *page.next_token;
  return out;
}

json create_log_stream(LogService& s, const json& body, const RequestContext& ctx) {
  s.create_stream(ctx, required(body, "logGroupName"), required(body, "logStreamName"));
  return json::object();
}

json delete_log_stream(LogService& s, const json& body, const RequestContext& ctx) {
  s.delete_stream(ctx, required(body, "logGroupName"), required(body, "logStreamName"));
  return json::object();
}

json describe_log_streams(LogService& s, const json& body, const RequestContext& ctx) {
  auto group = required(body, "logGroupName");
  auto order = opt_string(body, "orderBy").value_or("LogStreamName");
  if (order != "LogStreamName" && order != "LastEventTime") {
    throw AwsError("InvalidParameterException",
                   "1 validation error detected: Value '" + order +
                       "' at 'orderBy' failed to satisfy constraint: Member must satisfy enum "
                       "value set: [LogStreamName, LastEventTime]");
  }
  auto rows =
      s.describe_streams(ctx, group, opt_string(body, "logStreamNamePrefix").value_or(""),
                         order == "LastEventTime", opt_bool(body, "descending").value_or(false));
  auto limit = static_cast<size_t>(opt_int(body, "limit").value_or(50));
  size_t offset = 0;
  if (auto token = opt_string(body, "nextToken")) offset = std::stoul(*token);
  json streams = json::array();
  for (size_t i = offset; i < rows.size() && i < offset + limit; ++i) {
    streams.push_back(stream_json(ctx, group, rows[i]));
  }
  json out{{"logStreams", streams}};
  if (offset + limit < rows.size()) out["nextToken"] = std::to_string(offset + limit);
  return out;
}

json put_log_events(LogService& s, const json& body, const RequestContext& ctx) {
  std::vector<ebs::logs::InputLogEvent> events;
  for (const auto& e : body.value("logEvents", json::array())) {
    events.push_back({e.at("timestamp").get<int64_t>(), e.at("message").get<std::string>()});
  }
  s.put_events(ctx, required(body, "logGroupName"), required(body, "logStreamName"),
               std::move(events));
  return json{{"nextSequenceToken", std::to_string(ctx.now_ms)}};
}

json get_log_events(LogService& s, const json& body, const RequestContext& ctx) {
  ebs::logs::GetLogEventsRequest r;
  r.group = required(body, "logGroupName");
  r.stream = required(body, "logStreamName");
  r.start_time = opt_int(body, "startTime");
  r.end_time = opt_int(body, "endTime");
  r.next_token = opt_string(body, "nextToken");
  r.limit = opt_int(body, "limit");
  r.start_from_head = opt_bool(body, "startFromHead");
  auto result = s.get_events(ctx, r);
  json events = json::array();
  for (const auto& e : result.events) {
    events.push_back(
        {{"timestamp", e.timestamp}, {"message", e.message}, {"ingestionTime", e.ingestion_time}});
  }
  return json{{"events", events},
              {"nextForwardToken", result.next_forward_token},
              {"nextBackwardToken", result.next_backward_token}};
}

json filter_log_events(LogService& s, const json& body, const RequestContext& ctx) {
  ebs::logs::FilterLogEventsRequest r;
  r.group = required(body, "logGroupName");
  if (body.contains("logStreamNames")) {
    r.stream_names = body.at("logStreamNames").get<std::vector<std::string>>();
  }
  r.stream_prefix = opt_string(body, "logStreamNamePrefix");
  r.start_time = opt_int(body, "startTime");
  r.end_time = opt_int(body, "endTime");
  r.filter_pattern = opt_string(body, "filterPattern");
  r.next_token = opt_string(body, "nextToken");
  r.limit = opt_int(body, "limit");
  auto result = s.filter_events(ctx, r);
  json events = json::array();
  for (const auto& e : result.events) {
    events.push_back({{"logStreamName", e.stream_name},
                      {"timestamp", e.timestamp},
                      {"message", e.message},
                      {"ingestionTime", e.ingestion_time},
                      {"eventId", std::to_string(e.seq)}});
  }
  json out{{"events", events}, {"searchedLogStreams", json::array()}};
  if (result.next_token) out["nextToken"] = *result.next_token;
  return out;
}

}  // namespace

void register_log_actions(JsonApi& api, LogService& service) {
  add(api, "CreateLogGroup", service, create_log_group);
  add(api, "DeleteLogGroup", service, delete_log_group);
  add(api, "DescribeLogGroups", service, describe_log_groups);
  add(api, "CreateLogStream", service, create_log_stream);
  add(api, "DeleteLogStream", service, delete_log_stream);
  add(api, "DescribeLogStreams", service, describe_log_streams);
  add(api, "PutLogEvents", service, put_log_events);
  add(api, "GetLogEvents", service, get_log_events);
  add(api, "FilterLogEvents", service, filter_log_events);
}

}  // namespace ebs::protocol::logs
