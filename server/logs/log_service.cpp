#include "logs/log_service.hpp"

#include <algorithm>
#include <charconv>

#include "logs/logs_errors.hpp"

namespace ebs::logs {
namespace {

std::string token(char direction, size_t position) {
  std::string digits = std::to_string(position);
  return std::string(1, direction) + "/" +
         std::string(56 - std::min<size_t>(56, digits.size()), '0') + digits;
}

std::optional<std::pair<char, size_t>> parse_token(const std::string& text) {
  if (text.size() < 3 || (text[0] != 'f' && text[0] != 'b') || text[1] != '/') return std::nullopt;
  size_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return std::make_pair(text[0], value);
}

size_t parse_offset(const std::optional<std::string>& next_token) {
  if (!next_token) return 0;
  size_t value = 0;
  auto [ptr, ec] =
      std::from_chars(next_token->data(), next_token->data() + next_token->size(), value);
  if (ec != std::errc() || ptr != next_token->data() + next_token->size()) {
    throw invalid_parameter("The specified nextToken is invalid.");
  }
  return value;
}

void check_limit(std::optional<int64_t> limit, int64_t max) {
  if (limit && (*limit < 1 || *limit > max)) {
    throw AwsError("InvalidParameterException",
                   "1 validation error detected: Value '" + std::to_string(*limit) +
                       "' at 'limit' failed to satisfy constraint: Member must have value less "
                       "than or equal to " +
                       std::to_string(max));
  }
}

void require_group(store::Transaction& tx, const RequestContext& ctx, const std::string& group) {
  if (!store::LogTable::group(tx, ctx.account, ctx.region, group)) throw group_not_found();
}

struct Term {
  std::string text;
  bool exclude = false;
  bool optional = false;
};

std::vector<Term> parse_terms(const std::string& pattern) {
  std::vector<Term> terms;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ' ' || pattern[i] == '\t') {
      ++i;
      continue;
    }
    Term term;
    if (pattern[i] == '-') {
      term.exclude = true;
      ++i;
    } else if (pattern[i] == '?') {
      term.optional = true;
      ++i;
    }
    if (i < pattern.size() && pattern[i] == '"') {
      auto end = pattern.find('"', i + 1);
      if (end == std::string::npos) end = pattern.size();
      term.text = pattern.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      auto end = pattern.find_first_of(" \t", i);
      if (end == std::string::npos) end = pattern.size();
      term.text = pattern.substr(i, end - i);
      i = end;
    }
    if (!term.text.empty()) terms.push_back(std::move(term));
  }
  return terms;
}

}  // namespace

bool matches_filter_pattern(const std::string& pattern, const std::string& message) {
  auto terms = parse_terms(pattern);
  bool any_optional = false, optional_hit = false;
  for (const auto& t : terms) {
    bool found = message.find(t.text) != std::string::npos;
    if (t.optional) {
      any_optional = true;
      optional_hit = optional_hit || found;
    } else if (t.exclude == found) {
      return false;
    }
  }
  return !any_optional || optional_hit;
}

LogService::LogService(ServiceDeps& deps) : deps_(deps) {}

std::string LogService::group_arn(const std::string& region, const std::string& account,
                                  const std::string& group) {
  return "arn:aws:logs:" + region + ":" + account + ":log-group:" + group;
}

void LogService::create_group(const RequestContext& ctx, const std::string& name) {
  if (name.empty() || name.size() > 512) {
    throw invalid_parameter("1 validation error detected: Value '" + name +
                            "' at 'logGroupName' failed to satisfy constraint: Member must have "
                            "length less than or equal to 512");
  }
  store::Transaction tx(deps_.db);
  if (!store::LogTable::insert_group(tx, {ctx.account, ctx.region, name, ctx.now_ms, {}, 0})) {
    throw group_exists();
  }
  tx.commit();
}

void LogService::delete_group(const RequestContext& ctx, const std::string& name) {
  store::Transaction tx(deps_.db);
  require_group(tx, ctx, name);
  store::LogTable::remove_group(tx, ctx.account, ctx.region, name);
  tx.commit();
}

LogGroupPage LogService::describe_groups(const RequestContext& ctx, const std::string& prefix,
                                         std::optional<int64_t> limit,
                                         const std::optional<std::string>& next_token) {
  check_limit(limit, 50);
  int64_t n = limit.value_or(50);
  store::Transaction tx(deps_.db);
  auto rows =
      store::LogTable::groups(tx, ctx.account, ctx.region, prefix, next_token.value_or(""), n + 1);
  tx.commit();
  LogGroupPage page;
  if (static_cast<int64_t>(rows.size()) > n) {
    rows.resize(static_cast<size_t>(n));
    page.next_token = rows.back().name;
  }
  page.groups = std::move(rows);
  return page;
}

void LogService::create_stream(const RequestContext& ctx, const std::string& group,
                               const std::string& stream) {
  if (stream.empty() || stream.find(':') != std::string::npos ||
      stream.find('*') != std::string::npos) {
    throw invalid_parameter("1 validation error detected: Value '" + stream +
                            "' at 'logStreamName' failed to satisfy constraint: Member must "
                            "satisfy regular expression pattern: [^:*]*");
  }
  store::Transaction tx(deps_.db);
  require_group(tx, ctx, group);
  store::LogStreamRow row;
  row.group_name = group;
  row.name = stream;
  row.creation_time = ctx.now_ms;
  if (!store::LogTable::insert_stream(tx, ctx.account, ctx.region, row)) throw stream_exists();
  tx.commit();
}

void LogService::delete_stream(const RequestContext& ctx, const std::string& group,
                               const std::string& stream) {
  store::Transaction tx(deps_.db);
  require_group(tx, ctx, group);
  if (!store::LogTable::stream(tx, ctx.account, ctx.region, group, stream)) {
    throw stream_not_found();
  }
  store::LogTable::remove_stream(tx, ctx.account, ctx.region, group, stream);
  tx.commit();
}

std::vector<store::LogStreamRow> LogService::describe_streams(const RequestContext& ctx,
                                                              const std::string& group,
                                                              const std::string& prefix,
                                                              bool by_last_event, bool descending) {
  if (by_last_event && !prefix.empty()) {
    throw invalid_parameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  }
  store::Transaction tx(deps_.db);
  require_group(tx, ctx, group);
  auto rows = store::LogTable::streams(tx, ctx.account, ctx.region, group, prefix);
  tx.commit();
  if (by_last_event) {
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.last_event.value_or(a.creation_time) < b.last_event.value_or(b.creation_time);
    });
  }
  if (descending) std::reverse(rows.begin(), rows.end());
  return rows;
}

void LogService::put_events(const RequestContext& ctx, const std::string& group,
                            const std::string& stream, std::vector<InputLogEvent> events) {
  if (events.empty()) {
    throw invalid_parameter(
        "1 validation error detected: Value '[]' at 'logEvents' failed to "
        "satisfy constraint: Member must have length greater than or equal "
        "to 1");
  }
  for (size_t i = 1; i < events.size(); ++i) {
    if (events[i].timestamp < events[i - 1].timestamp) {
      throw invalid_parameter(
          "Log events in a single PutLogEvents request must be in "
          "chronological order.");
    }
  }
  store::Transaction tx(deps_.db);
  require_group(tx, ctx, group);
  if (!store::LogTable::stream(tx, ctx.account, ctx.region, group, stream)) {
    throw stream_not_found();
  }
  std::vector<store::LogEventRow> rows;
  for (auto& e : events) {
    store::LogEventRow row;
    row.stream_name = stream;
    row.timestamp = e.timestamp;
    row.ingestion_time = ctx.now_ms;
    row.message = std::move(e.message);
    rows.push_back(std::move(row));
  }
  store::LogTable::append(tx, ctx.account, ctx.region, group, stream, rows);
  tx.commit();
}

GetLogEventsResult LogService::get_events(const RequestContext& ctx,
                                          const GetLogEventsRequest& request) {
  check_limit(request.limit, 10000);
  size_t limit = static_cast<size_t>(request.limit.value_or(10000));
  store::Transaction tx(deps_.db);
  require_group(tx, ctx, request.group);
  if (!store::LogTable::stream(tx, ctx.account, ctx.region, request.group, request.stream)) {
    throw stream_not_found();
  }
  store::LogEventQuery q;
  q.account = ctx.account;
  q.region = ctx.region;
  q.group_name = request.group;
  q.streams = {request.stream};
  q.start_time = request.start_time;
  q.end_time = request.end_time;
  auto all = store::LogTable::events(tx, q);
  tx.commit();

  size_t begin = 0, end = 0;
  if (request.next_token) {
    auto parsed = parse_token(*request.next_token);
    if (!parsed) throw invalid_parameter("The specified nextToken is invalid.");
    size_t at = std::min(parsed->second, all.size());
    if (parsed->first == 'f') {
      begin = at;
      end = std::min(all.size(), at + limit);
    } else {
      end = at;
      begin = at > limit ? at - limit : 0;
    }
  } else if (request.start_from_head.value_or(false)) {
    end = std::min(all.size(), limit);
  } else {
    end = all.size();
    begin = end > limit ? end - limit : 0;
  }
  GetLogEventsResult result;
  result.events.assign(all.begin() + static_cast<std::ptrdiff_t>(begin),
                       all.begin() + static_cast<std::ptrdiff_t>(end));
  result.next_forward_token = token('f', end);
  result.next_backward_token = token('b', begin);
  return result;
}

FilterLogEventsResult LogService::filter_events(const RequestContext& ctx,
                                                const FilterLogEventsRequest& request) {
  check_limit(request.limit, 10000);
  if (!request.stream_names.empty() && request.stream_prefix) {
    throw invalid_parameter("logStreamNames and logStreamNamePrefix are mutually exclusive");
  }
  size_t limit = static_cast<size_t>(request.limit.value_or(10000));
  size_t offset = parse_offset(request.next_token);
  store::Transaction tx(deps_.db);
  require_group(tx, ctx, request.group);
  store::LogEventQuery q;
  q.account = ctx.account;
  q.region = ctx.region;
  q.group_name = request.group;
  q.streams = request.stream_names;
  q.stream_prefix = request.stream_prefix;
  q.start_time = request.start_time;
  q.end_time = request.end_time;
  auto all = store::LogTable::events(tx, q);
  tx.commit();
  std::string pattern = request.filter_pattern.value_or("");
  FilterLogEventsResult result;
  size_t seen = 0;
  for (auto& e : all) {
    if (!matches_filter_pattern(pattern, e.message)) continue;
    if (seen++ < offset) continue;
    if (result.events.size() == limit) {
      result.next_token = std::to_string(offset + limit);
      break;
    }
    result.events.push_back(std::move(e));
  }
  return result;
}

void LogService::write(store::Transaction& tx, const std::string& account,
                       const std::string& region, const std::string& group,
                       const std::string& stream, const std::vector<InputLogEvent>& events,
                       int64_t now_ms) {
  store::LogTable::insert_group(tx, {account, region, group, now_ms, {}, 0});
  store::LogStreamRow row;
  row.group_name = group;
  row.name = stream;
  row.creation_time = now_ms;
  store::LogTable::insert_stream(tx, account, region, row);
  std::vector<store::LogEventRow> rows;
  for (const auto& e : events) {
    store::LogEventRow r;
    r.stream_name = stream;
    r.timestamp = e.timestamp;
    r.ingestion_time = now_ms;
    r.message = e.message;
    rows.push_back(std::move(r));
  }
  store::LogTable::append(tx, account, region, group, stream, rows);
}

}  // namespace ebs::logs
