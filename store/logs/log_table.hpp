// LogTable: persistence of CloudWatch Logs log groups, their streams and the events in them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/transaction.hpp"

namespace ebs::store {

struct LogGroupRow {
  std::string account;
  std::string region;
  std::string name;
  int64_t creation_time = 0;
  std::optional<int64_t> retention_days;
  int64_t stored_bytes = 0;  // computed from its streams
};

struct LogStreamRow {
  std::string group_name;
  std::string name;
  int64_t creation_time = 0;
  std::optional<int64_t> first_event;
  std::optional<int64_t> last_event;
  std::optional<int64_t> last_ingestion;
  int64_t stored_bytes = 0;
};

struct LogEventRow {
  int64_t seq = 0;
  std::string stream_name;
  int64_t timestamp = 0;
  int64_t ingestion_time = 0;
  std::string message;
};

struct LogEventQuery {
  std::string account;
  std::string region;
  std::string group_name;
  std::vector<std::string> streams;  // empty: every stream of the group
  std::optional<std::string> stream_prefix;
  std::optional<int64_t> start_time;  // inclusive
  std::optional<int64_t> end_time;    // exclusive
  int64_t limit = 100000;
};

class LogTable {
 public:
  static bool insert_group(Transaction& tx, const LogGroupRow& g);  // false if it exists
  static std::optional<LogGroupRow> group(Transaction& tx, const std::string& account,
                                          const std::string& region, const std::string& name);
  // Groups whose name starts with `prefix`, name > after, ordered by name.
  static std::vector<LogGroupRow> groups(Transaction& tx, const std::string& account,
                                         const std::string& region, const std::string& prefix,
                                         const std::string& after, int64_t limit);
  static void remove_group(Transaction& tx, const std::string& account, const std::string& region,
                           const std::string& name);

  static bool insert_stream(Transaction& tx, const std::string& account, const std::string& region,
                            const LogStreamRow& s);  // false if it exists
  static std::optional<LogStreamRow> stream(Transaction& tx, const std::string& account,
                                            const std::string& region, const std::string& group,
                                            const std::string& name);
  // Streams of a group whose name starts with `prefix`, ordered by name.
  static std::vector<LogStreamRow> streams(Transaction& tx, const std::string& account,
                                           const std::string& region, const std::string& group,
                                           const std::string& prefix);
  static void remove_stream(Transaction& tx, const std::string& account, const std::string& region,
                            const std::string& group, const std::string& name);

  // Appends events to a stream and updates the stream's first/last times and size.
  static void append(Transaction& tx, const std::string& account, const std::string& region,
                     const std::string& group, const std::string& stream,
                     const std::vector<LogEventRow>& events);
  // Events ordered by (timestamp, seq), at most q.limit.
  static std::vector<LogEventRow> events(Transaction& tx, const LogEventQuery& q);
};

}  // namespace ebs::store
