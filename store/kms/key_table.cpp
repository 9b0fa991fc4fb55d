#include "store/kms/key_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kSelect =
    "SELECT key_id, account, region, arn, description, key_usage, key_spec, origin, key_manager,"
    " state, creation_ms, deletion_ms, pending_window_days, multi_region, policy, expiration_model,"
    " valid_to_ms, import_token, import_token_valid_to_ms FROM kms_keys ";

KeyRow read_row(Statement& st) {
  KeyRow k;
  k.key_id = st.text(0);
  k.account = st.text(1);
  k.region = st.text(2);
  k.arn = st.text(3);
  k.description = st.text(4);
  k.key_usage = st.text(5);
  k.key_spec = st.text(6);
  k.origin = st.text(7);
  k.key_manager = st.text(8);
  k.state = st.text(9);
  k.creation_ms = st.int64(10);
  k.deletion_ms = st.int64_or_null(11);
  k.pending_window_days = st.int64_or_null(12);
  k.multi_region = st.boolean(13);
  k.policy = st.text(14);
  k.expiration_model = st.text_or_null(15);
  k.valid_to_ms = st.int64_or_null(16);
  k.import_token = st.text_or_null(17);
  k.import_token_valid_to_ms = st.int64_or_null(18);
  return k;
}

}  // namespace

void KeyTable::insert(Transaction& tx, const KeyRow& k) {
  tx.prepare(
        "INSERT INTO kms_keys (key_id, account, region, arn, description, key_usage, key_spec,"
        " origin, key_manager, state, creation_ms, deletion_ms, pending_window_days, multi_region,"
        " policy, expiration_model, valid_to_ms, import_token, import_token_valid_to_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(k.key_id, k.account, k.region, k.arn, k.description, k.key_usage, k.key_spec,
                k.origin, k.key_manager, k.state, k.creation_ms, k.deletion_ms,
                k.pending_window_days, k.multi_region, k.policy, k.expiration_model, k.valid_to_ms,
                k.import_token, k.import_token_valid_to_ms)
      .run();
}

void KeyTable::update(Transaction& tx, const KeyRow& k) {
  tx.prepare(
        "UPDATE kms_keys SET arn = ?, description = ?, key_usage = ?, key_spec = ?, origin = ?,"
        " key_manager = ?, state = ?, creation_ms = ?, deletion_ms = ?, pending_window_days = ?,"
        " multi_region = ?, policy = ?, expiration_model = ?, valid_to_ms = ?, import_token = ?,"
        " import_token_valid_to_ms = ? WHERE account = ? AND region = ? AND key_id = ?")
      .bind_all(k.arn, k.description, k.key_usage, k.key_spec, k.origin, k.key_manager, k.state,
                k.creation_ms, k.deletion_ms, k.pending_window_days, k.multi_region, k.policy,
                k.expiration_model, k.valid_to_ms, k.import_token, k.import_token_valid_to_ms,
                k.account, k.region, k.key_id)
      .run();
}

void KeyTable::remove(Transaction& tx, const std::string& account, const std::string& region,
                      const std::string& key_id) {
  tx.prepare("DELETE FROM kms_aliases WHERE account = ? AND region = ? AND target_key_id = ?")
      .bind_all(account, region, key_id)
      .run();
  tx.prepare("DELETE FROM kms_key_tags WHERE account = ? AND region = ? AND key_id = ?")
      .bind_all(account, region, key_id)
      .run();
  tx.prepare("DELETE FROM kms_keys WHERE account = ? AND region = ? AND key_id = ?")
      .bind_all(account, region, key_id)
      .run();
}

std::optional<KeyRow> KeyTable::get(Transaction& tx, const std::string& account,
                                    const std::string& region, const std::string& key_id) {
  auto& st = tx.prepare(std::string(kSelect) + "WHERE account = ? AND region = ? AND key_id = ?");
  st.bind_all(account, region, key_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<KeyRow> KeyTable::list(Transaction& tx, const std::string& account,
                                   const std::string& region, const std::string& after,
                                   int64_t limit) {
  auto& st = tx.prepare(std::string(kSelect) +
                        "WHERE account = ? AND region = ? AND key_id > ? ORDER BY key_id LIMIT ?");
  st.bind_all(account, region, after, limit > 0 ? limit : int64_t{-1});
  std::vector<KeyRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

void KeyTable::put_tag(Transaction& tx, const std::string& account, const std::string& region,
                       const std::string& key_id, const std::string& tag_key,
                       const std::string& tag_value) {
  tx.prepare(
        "INSERT INTO kms_key_tags (account, region, key_id, tag_key, tag_value) VALUES"
        " (?, ?, ?, ?, ?) ON CONFLICT (account, region, key_id, tag_key) DO UPDATE SET"
        " tag_value = excluded.tag_value")
      .bind_all(account, region, key_id, tag_key, tag_value)
      .run();
}

void KeyTable::remove_tag(Transaction& tx, const std::string& account, const std::string& region,
                          const std::string& key_id, const std::string& tag_key) {
  tx.prepare(
        "DELETE FROM kms_key_tags WHERE account = ? AND region = ? AND key_id = ? AND tag_key = ?")
      .bind_all(account, region, key_id, tag_key)
      .run();
}

std::vector<std::pair<std::string, std::string>> KeyTable::tags(Transaction& tx,
                                                                const std::string& account,
                                                                const std::string& region,
                                                                const std::string& key_id) {
  auto& st = tx.prepare(
      "SELECT tag_key, tag_value FROM kms_key_tags WHERE account = ? AND region = ? AND key_id = ?"
      " ORDER BY tag_key");
  st.bind_all(account, region, key_id);
  std::vector<std::pair<std::string, std::string>> out;
  while (st.step()) out.emplace_back(st.text(0), st.text(1));
  return out;
}

}  // namespace ebs::store
