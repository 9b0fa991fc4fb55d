// LogService: the CloudWatch Logs subset the emulator needs: log groups and streams, PutLogEvents,
// GetLogEvents and FilterLogEvents (with the simple term/phrase filter patterns), and write()
// through which Lambda puts a function's output into /aws/lambda/<name>. No HTTP, no JSON, no SQL
// here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "store/logs/log_table.hpp"

namespace ebs::logs {

struct InputLogEvent {
  int64_t timestamp = 0;
  std::string message;
};

struct GetLogEventsRequest {
  std::string group;
  std::string stream;
  std::optional<int64_t> start_time;
  std::optional<int64_t> end_time;
  std::optional<std::string> next_token;
  std::optional<int64_t> limit;
  std::optional<bool> start_from_head;
};

struct GetLogEventsResult {
  std::vector<store::LogEventRow> events;
  std::string next_forward_token;
  std::string next_backward_token;
};

struct FilterLogEventsRequest {
  std::string group;
  std::vector<std::string> stream_names;
  std::optional<std::string> stream_prefix;
  std::optional<int64_t> start_time;
  std::optional<int64_t> end_time;
  std::optional<std::string> filter_pattern;
  std::optional<std::string> next_token;
  std::optional<int64_t> limit;
};

struct FilterLogEventsResult {
  std::vector<store::LogEventRow> events;
  std::optional<std::string> next_token;
};

struct LogGroupPage {
  std::vector<store::LogGroupRow> groups;
  std::optional<std::string> next_token;
};

class LogService {
 public:
  explicit LogService(ServiceDeps& deps);

  void create_group(const RequestContext& ctx, const std::string& name);
  void delete_group(const RequestContext& ctx, const std::string& name);
  LogGroupPage describe_groups(const RequestContext& ctx, const std::string& prefix,
                               std::optional<int64_t> limit,
                               const std::optional<std::string>& next_token);
  void create_stream(const RequestContext& ctx, const std::string& group,
                     const std::string& stream);
  void delete_stream(const RequestContext& ctx, const std::string& group,
                     const std::string& stream);
  std::vector<store::LogStreamRow> describe_streams(const RequestContext& ctx,
                                                    const std::string& group,
                                                    const std::string& prefix, bool by_last_event,
                                                    bool descending);
  void put_events(const RequestContext& ctx, const std::string& group, const std::string& stream,
                  std::vector<InputLogEvent> events);
  GetLogEventsResult get_events(const RequestContext& ctx, const GetLogEventsRequest& request);
  FilterLogEventsResult filter_events(const RequestContext& ctx,
                                      const FilterLogEventsRequest& request);

  // For other services (Lambda): appends events inside the caller's transaction, creating the group
  // and the stream when missing, as the Lambda service does in AWS.
  void write(store::Transaction& tx, const std::string& account, const std::string& region,
             const std::string& group, const std::string& stream,
             const std::vector<InputLogEvent>& events, int64_t now_ms);

  static std::string group_arn(const std::string& region, const std::string& account,
                               const std::string& group);

 private:
  ServiceDeps& deps_;
};

// The CloudWatch Logs filter-pattern subset for unstructured text: terms that must all appear,
// "quoted phrases", -term to exclude; an empty pattern matches everything. Case-sensitive, as AWS.
bool matches_filter_pattern(const std::string& pattern, const std::string& message);

}  // namespace ebs::logs
