#include "store/migrations.hpp"

#include "store/transaction.hpp"

namespace ebs::store {

void migrate(Database& db, const std::vector<ModuleSchema>& modules) {
  {
    Transaction tx(db);
    tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT "
        "NULL)");
    tx.commit();
  }
  for (const auto& schema : modules) {
    for (const auto& migration : schema.migrations) {
      Transaction tx(db);
      auto& current = tx.prepare("SELECT version FROM schema_versions WHERE module = ?");
      current.bind(1, schema.module);
      int64_t version = current.step() ? current.int64(0) : 0;
      current.reset();
      if (migration.version <= version) continue;
      tx.exec(migration.sql);
      tx.prepare("INSERT OR REPLACE INTO schema_versions (module, version) VALUES (?, ?)")
          .bind_all(schema.module, static_cast<int64_t>(migration.version))
          .run();
      tx.commit();
    }
  }
  db.finish_setup();
}

}  // namespace ebs::store
