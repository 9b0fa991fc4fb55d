#include "store/lambda/function_table.hpp"

namespace ebs::store {
namespace {

constexpr const char* kColumns =
    "account, region, name, runtime, handler, role, description, timeout_seconds, memory_mb, "
    "environment_json, package_type, zip_base64, image_uri, invoke_url, code_sha256, code_size, "
    "last_modified, revision_id, state, last_update_status, tags_json, policy_json";

FunctionRow read_row(Statement& s) {
  FunctionRow f;
  f.account = s.text(0);
  f.region = s.text(1);
  f.name = s.text(2);
  f.runtime = s.text(3);
  f.handler = s.text(4);
  f.role = s.text(5);
  f.description = s.text(6);
  f.timeout_seconds = s.int64(7);
  f.memory_mb = s.int64(8);
  f.environment_json = s.text(9);
  f.package_type = s.text(10);
  f.zip_base64 = s.text(11);
  f.image_uri = s.text(12);
  f.invoke_url = s.text(13);
  f.code_sha256 = s.text(14);
  f.code_size = s.int64(15);
  f.last_modified = s.int64(16);
  f.revision_id = s.text(17);
  f.state = s.text(18);
  f.last_update_status = s.text(19);
  f.tags_json = s.text(20);
  f.policy_json = s.text(21);
  return f;
}

}  // namespace

void FunctionTable::insert(Transaction& tx, const FunctionRow& f) {
  static const std::string kSql = std::string("INSERT INTO lambda_functions (") + kColumns +
                                  ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  tx.prepare(kSql)
      .bind_all(f.account, f.region, f.name, f.runtime, f.handler, f.role, f.description,
                f.timeout_seconds, f.memory_mb, f.environment_json, f.package_type, f.zip_base64,
                f.image_uri, f.invoke_url, f.code_sha256, f.code_size, f.last_modified,
                f.revision_id, f.state, f.last_update_status, f.tags_json, f.policy_json)
      .run();
}

void FunctionTable::update(Transaction& tx, const FunctionRow& f) {
  static const std::string kSql =
      "UPDATE lambda_functions SET runtime = ?, handler = ?, role = ?, description = ?, "
      "timeout_seconds = ?, memory_mb = ?, environment_json = ?, package_type = ?, zip_base64 = ?, "
      "image_uri = ?, invoke_url = ?, code_sha256 = ?, code_size = ?, last_modified = ?, "
      "revision_id = ?, state = ?, last_update_status = ?, tags_json = ?, policy_json = ? "
      "WHERE account = ? AND region = ? AND name = ?";
  tx.prepare(kSql)
      .bind_all(f.runtime, f.handler, f.role, f.description, f.timeout_seconds, f.memory_mb,
                f.environment_json, f.package_type, f.zip_base64, f.image_uri, f.invoke_url,
                f.code_sha256, f.code_size, f.last_modified, f.revision_id, f.state,
                f.last_update_status, f.tags_json, f.policy_json, f.account, f.region, f.name)
      .run();
}

void FunctionTable::remove(Transaction& tx, const std::string& account, const std::string& region,
                           const std::string& name) {
  static const std::string kSql =
      "DELETE FROM lambda_functions WHERE account = ? AND region = ? AND name = ?";
  tx.prepare(kSql).bind_all(account, region, name).run();
}

std::optional<FunctionRow> FunctionTable::get(Transaction& tx, const std::string& account,
                                              const std::string& region, const std::string& name) {
  static const std::string kSql = std::string("SELECT ") + kColumns +
                                  " FROM lambda_functions WHERE account = ? AND region = ? AND "
                                  "name = ?";
  auto& s = tx.prepare(kSql).bind_all(account, region, name);
  if (!s.step()) return std::nullopt;
  return read_row(s);
}

std::vector<FunctionRow> FunctionTable::list(Transaction& tx, const std::string& account,
                                             const std::string& region, const std::string& after,
                                             int64_t limit) {
  static const std::string kSql = std::string("SELECT ") + kColumns +
                                  " FROM lambda_functions WHERE account = ? AND region = ? AND "
                                  "name > ? ORDER BY name LIMIT ?";
  auto& s = tx.prepare(kSql).bind_all(account, region, after, limit > 0 ? limit : int64_t{-1});
  std::vector<FunctionRow> out;
  while (s.step()) out.push_back(read_row(s));
  return out;
}

}  // namespace ebs::store
