#include "store/work_queue.hpp"

namespace ebs::store {
namespace {

constexpr const char* kColumns = "id, due_at, kind, resource, payload, attempts";

WorkItem read_item(Statement& st) {
  return WorkItem{st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.int64(5)};
}

std::vector<WorkItem> read_all(Statement& st) {
  std::vector<WorkItem> items;
  while (st.step()) items.push_back(read_item(st));
  return items;
}

}  // namespace

ModuleSchema WorkQueue::schema() {
  return {
      "work",
      {{1,
        "CREATE TABLE work (id INTEGER PRIMARY KEY, due_at INTEGER NOT NULL, kind TEXT NOT NULL,"
        " resource TEXT NOT NULL DEFAULT '', payload TEXT NOT NULL DEFAULT '{}',"
        " attempts INTEGER NOT NULL DEFAULT 0);"
        "CREATE INDEX work_due ON work(due_at, id);"
        "CREATE INDEX work_resource ON work(resource);"}}};
}

int64_t WorkQueue::add(Transaction& tx, const std::string& kind, const std::string& resource,
                       int64_t due_at_ms, const std::string& payload) {
  tx.prepare("INSERT INTO work (due_at, kind, resource, payload) VALUES (?, ?, ?, ?)")
      .bind_all(due_at_ms, kind, resource, payload)
      .run();
  return tx.db().last_insert_rowid();
}

std::vector<WorkItem> WorkQueue::due(Transaction& tx, int64_t now_ms, int limit) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns +
                        " FROM work WHERE due_at <= ? ORDER BY due_at, id LIMIT ?");
  st.bind_all(now_ms, static_cast<int64_t>(limit));
  return read_all(st);
}

std::optional<int64_t> WorkQueue::next_due_at(Transaction& tx) {
  auto& st = tx.prepare("SELECT min(due_at) FROM work");
  if (st.step()) return st.int64_or_null(0);
  return std::nullopt;
}

std::vector<WorkItem> WorkQueue::for_resource(Transaction& tx, const std::string& resource) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns +
                        " FROM work WHERE resource = ? ORDER BY due_at, id");
  st.bind(1, resource);
  return read_all(st);
}

std::vector<WorkItem> WorkQueue::all(Transaction& tx) {
  auto& st = tx.prepare(std::string("SELECT ") + kColumns + " FROM work ORDER BY due_at, id");
  return read_all(st);
}

void WorkQueue::remove(Transaction& tx, int64_t id) {
  tx.prepare("DELETE FROM work WHERE id = ?").bind(1, id).run();
}

void WorkQueue::remove_for_resource(Transaction& tx, const std::string& resource) {
  tx.prepare("DELETE FROM work WHERE resource = ?").bind(1, resource).run();
}

void WorkQueue::postpone(Transaction& tx, int64_t id, int64_t due_at_ms) {
  tx.prepare("UPDATE work SET due_at = ?, attempts = attempts + 1 WHERE id = ?")
      .bind_all(due_at_ms, id)
      .run();
}

void WorkQueue::set_due(Transaction& tx, int64_t id, int64_t due_at_ms) {
  tx.prepare("UPDATE work SET due_at = ? WHERE id = ?").bind_all(due_at_ms, id).run();
}

}  // namespace ebs::store
