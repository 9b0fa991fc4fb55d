#include "store/logs/log_table.hpp"

#include <algorithm>
#include <climits>

namespace ebs::store {

bool LogTable::insert_group(Transaction& tx, const LogGroupRow& g) {
  static const std::string kSql =
      "INSERT OR IGNORE INTO log_groups (account, region, name, creation_time, retention_days) "
      "VALUES (?,?,?,?,?)";
  tx.prepare(kSql).bind_all(g.account, g.region, g.name, g.creation_time, g.retention_days).run();
  static const std::string kChanges = "SELECT changes()";
  auto& s = tx.prepare(kChanges);
  s.step();
  return s.int64(0) > 0;
}

namespace {

constexpr const char* kGroupColumns =
    "g.account, g.region, g.name, g.creation_time, g.retention_days, "
    "(SELECT COALESCE(SUM(stored_bytes), 0) FROM log_streams s WHERE s.account = g.account AND "
    "s.region = g.region AND s.group_name = g.name)";

LogGroupRow read_group(Statement& s) {
  LogGroupRow g;
  g.account = s.text(0);
  g.region = s.text(1);
  g.name = s.text(2);
  g.creation_time = s.int64(3);
  g.retention_days = s.int64_or_null(4);
  g.stored_bytes = s.int64(5);
  return g;
}

constexpr const char* kStreamColumns =
    "group_name, name, creation_time, first_event, last_event, last_ingestion, stored_bytes";

LogStreamRow read_stream(Statement& s) {
  LogStreamRow r;
  r.group_name = s.text(0);
  r.name = s.text(1);
  r.creation_time = s.int64(2);
  r.first_event = s.int64_or_null(3);
  r.last_event = s.int64_or_null(4);
  r.last_ingestion = s.int64_or_null(5);
  r.stored_bytes = s.int64(6);
  return r;
}

}  // namespace

std::optional<LogGroupRow> LogTable::group(Transaction& tx, const std::string& account,
                                           const std::string& region, const std::string& name) {
  static const std::string kSql = std::string("SELECT ") + kGroupColumns +
                                  " FROM log_groups g WHERE g.account = ? AND g.region = ? AND "
                                  "g.name = ?";
  auto& s = tx.prepare(kSql).bind_all(account, region, name);
  if (!s.step()) return std::nullopt;
  return read_group(s);
}

std::vector<LogGroupRow> LogTable::groups(Transaction& tx, const std::string& account,
                                          const std::string& region, const std::string& prefix,
                                          const std::string& after, int64_t limit) {
  static const std::string kSql = std::string("SELECT ") + kGroupColumns +
                                  " FROM log_groups g WHERE g.account = ? AND g.region = ? AND "
                                  "substr(g.name, 1, length(?)) = ? AND g.name > ? "
                                  "ORDER BY g.name LIMIT ?";
  auto& s = tx.prepare(kSql).bind_all(account, region, prefix, prefix, after,
                                      limit > 0 ? limit : int64_t{-1});
  std::vector<LogGroupRow> out;
  while (s.step()) out.push_back(read_group(s));
  return out;
}

void LogTable::remove_group(Transaction& tx, const std::string& account, const std::string& region,
                            const std::string& name) {
  static const std::string kEvents =
      "DELETE FROM log_events WHERE account = ? AND region = ? AND group_name = ?";
  static const std::string kStreams =
      "DELETE FROM log_streams WHERE account = ? AND region = ? AND group_name = ?";
  static const std::string kGroup =
      "DELETE FROM log_groups WHERE account = ? AND region = ? AND name = ?";
  tx.prepare(kEvents).bind_all(account, region, name).run();
  tx.prepare(kStreams).bind_all(account, region, name).run();
  tx.prepare(kGroup).bind_all(account, region, name).run();
}

bool LogTable::insert_stream(Transaction& tx, const std::string& account, const std::string& region,
                             const LogStreamRow& r) {
  static const std::string kSql =
      "INSERT OR IGNORE INTO log_streams (account, region, group_name, name, creation_time) "
      "VALUES (?,?,?,?,?)";
  tx.prepare(kSql).bind_all(account, region, r.group_name, r.name, r.creation_time).run();
  static const std::string kChanges = "SELECT changes()";
  auto& s = tx.prepare(kChanges);
  s.step();
  return s.int64(0) > 0;
}

std::optional<LogStreamRow> LogTable::stream(Transaction& tx, const std::string& account,
                                             const std::string& region, const std::string& group,
                                             const std::string& name) {
  static const std::string kSql = std::string("SELECT ") + kStreamColumns +
                                  " FROM log_streams WHERE account = ? AND region = ? AND "
                                  "group_name = ? AND name = ?";
  auto& s = tx.prepare(kSql).bind_all(account, region, group, name);
  if (!s.step()) return std::nullopt;
  return read_stream(s);
}

std::vector<LogStreamRow> LogTable::streams(Transaction& tx, const std::string& account,
                                            const std::string& region, const std::string& group,
                                            const std::string& prefix) {
  static const std::string kSql = std::string("SELECT ") + kStreamColumns +
                                  " FROM log_streams WHERE account = ? AND region = ? AND "
                                  "group_name = ? AND substr(name, 1, length(?)) = ? ORDER BY name";
  auto& s = tx.prepare(kSql).bind_all(account, region, group, prefix, prefix);
  std::vector<LogStreamRow> out;
  while (s.step()) out.push_back(read_stream(s));
  return out;
}

void LogTable::remove_stream(Transaction& tx, const std::string& account, const std::string& region,
                             const std::string& group, const std::string& name) {
  static const std::string kEvents =
      "DELETE FROM log_events WHERE account = ? AND region = ? AND group_name = ? AND "
      "stream_name = ?";
  static const std::string kStream =
      "DELETE FROM log_streams WHERE account = ? AND region = ? AND group_name = ? AND name = ?";
  tx.prepare(kEvents).bind_all(account, region, group, name).run();
  tx.prepare(kStream).bind_all(account, region, group, name).run();
}

void LogTable::append(Transaction& tx, const std::string& account, const std::string& region,
                      const std::string& group, const std::string& stream,
                      const std::vector<LogEventRow>& events) {
  if (events.empty()) return;
  static const std::string kInsert =
      "INSERT INTO log_events (account, region, group_name, stream_name, timestamp, "
      "ingestion_time, message) VALUES (?,?,?,?,?,?,?)";
  int64_t first = events.front().timestamp, last = events.front().timestamp, ingestion = 0;
  int64_t bytes = 0;
  for (const auto& e : events) {
    tx.prepare(kInsert)
        .bind_all(account, region, group, stream, e.timestamp, e.ingestion_time, e.message)
        .run();
    first = std::min(first, e.timestamp);
    last = std::max(last, e.timestamp);
    ingestion = std::max(ingestion, e.ingestion_time);
    bytes += static_cast<int64_t>(e.message.size()) + 26;
  }
  static const std::string kUpdate =
      "UPDATE log_streams SET first_event = MIN(COALESCE(first_event, ?), ?), "
      "last_event = MAX(COALESCE(last_event, ?), ?), last_ingestion = ?, "
      "stored_bytes = stored_bytes + ? "
      "WHERE account = ? AND region = ? AND group_name = ? AND name = ?";
  tx.prepare(kUpdate)
      .bind_all(first, first, last, last, ingestion, bytes, account, region, group, stream)
      .run();
}

std::vector<LogEventRow> LogTable::events(Transaction& tx, const LogEventQuery& q) {
  std::string sql =
      "SELECT seq, stream_name, timestamp, ingestion_time, message FROM log_events "
      "WHERE account = ? AND region = ? AND group_name = ? AND timestamp >= ? AND timestamp < ? "
      "AND substr(stream_name, 1, length(?)) = ?";
  if (!q.streams.empty()) {
    sql += " AND stream_name IN (";
    for (size_t i = 0; i < q.streams.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
  }
  sql += " ORDER BY timestamp, seq LIMIT ?";
  auto& s = tx.prepare(sql);
  std::string prefix = q.stream_prefix.value_or("");
  int i = 0;
  s.bind(1, q.account);
  s.bind(2, q.region);
  s.bind(3, q.group_name);
  s.bind(4, q.start_time.value_or(INT64_MIN));
  s.bind(5, q.end_time.value_or(INT64_MAX));
  s.bind(6, prefix);
  s.bind(7, prefix);
  i = 7;
  for (const auto& name : q.streams) s.bind(++i, name);
  s.bind(++i, q.limit > 0 ? q.limit : int64_t{-1});
  std::vector<LogEventRow> out;
  while (s.step()) {
    LogEventRow e;
    e.seq = s.int64(0);
    e.stream_name = s.text(1);
    e.timestamp = s.int64(2);
    e.ingestion_time = s.int64(3);
    e.message = s.text(4);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace ebs::store
