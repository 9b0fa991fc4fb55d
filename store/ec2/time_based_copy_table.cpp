#include "store/ec2/time_based_copy_table.hpp"

namespace ebs::store {

ModuleSchema TimeBasedCopyTable::schema() {
  return {"ec2_time_based_copies", {{1, R"SQL(
CREATE TABLE time_based_copies (
  snapshot_id TEXT PRIMARY KEY,
  completion_duration_minutes INTEGER NOT NULL,
  duration_start_time INTEGER NOT NULL,
  missed_completion_cause TEXT
);
)SQL"}}};
}

void TimeBasedCopyTable::insert(Transaction& tx, const TimeBasedCopyRow& row) {
  tx.prepare(
        "INSERT OR REPLACE INTO time_based_copies (snapshot_id, completion_duration_minutes,"
        " duration_start_time, missed_completion_cause) VALUES (?, ?, ?, ?)")
      .bind_all(row.snapshot_id, row.completion_duration_minutes, row.duration_start_time,
                row.missed_completion_cause)
      .run();
}

std::optional<TimeBasedCopyRow> TimeBasedCopyTable::get(Transaction& tx,
                                                        const std::string& snapshot_id) {
  auto& st = tx.prepare(
      "SELECT snapshot_id, completion_duration_minutes, duration_start_time,"
      " missed_completion_cause FROM time_based_copies WHERE snapshot_id = ?");
  st.bind(1, snapshot_id);
  if (!st.step()) return std::nullopt;
  TimeBasedCopyRow r;
  r.snapshot_id = st.text(0);
  r.completion_duration_minutes = st.int64(1);
  r.duration_start_time = st.int64(2);
  r.missed_completion_cause = st.text_or_null(3);
  return r;
}

void TimeBasedCopyTable::set_missed(Transaction& tx, const std::string& snapshot_id,
                                    const std::string& cause) {
  tx.prepare("UPDATE time_based_copies SET missed_completion_cause = ? WHERE snapshot_id = ?")
      .bind_all(cause, snapshot_id)
      .run();
}

void TimeBasedCopyTable::remove(Transaction& tx, const std::string& snapshot_id) {
  tx.prepare("DELETE FROM time_based_copies WHERE snapshot_id = ?").bind(1, snapshot_id).run();
}

}  // namespace ebs::store
