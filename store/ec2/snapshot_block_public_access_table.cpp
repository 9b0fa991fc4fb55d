#include "store/ec2/snapshot_block_public_access_table.hpp"

namespace ebs::store {

ModuleSchema SnapshotBlockPublicAccessTable::schema() {
  return {"snapshot_block_public_access", {{1, R"SQL(
CREATE TABLE snapshot_block_public_access (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (account, region)
);
)SQL"}}};
}

std::string SnapshotBlockPublicAccessTable::state(Transaction& tx, const std::string& account,
                                                  const std::string& region) {
  auto& st =
      tx.prepare("SELECT state FROM snapshot_block_public_access WHERE account = ? AND region = ?");
  st.bind_all(account, region);
  return st.step() ? st.text(0) : "unblocked";
}

void SnapshotBlockPublicAccessTable::set(Transaction& tx, const std::string& account,
                                         const std::string& region, const std::string& state) {
  if (state == "unblocked") {
    tx.prepare("DELETE FROM snapshot_block_public_access WHERE account = ? AND region = ?")
        .bind_all(account, region)
        .run();
    return;
  }
  tx.prepare(
        "INSERT INTO snapshot_block_public_access (account, region, state) VALUES (?, ?, ?)"
        " ON CONFLICT (account, region) DO UPDATE SET state = excluded.state")
      .bind_all(account, region, state)
      .run();
}

std::vector<SnapshotBlockPublicAccessRow> SnapshotBlockPublicAccessTable::all(Transaction& tx) {
  auto& st = tx.prepare(
      "SELECT account, region, state FROM snapshot_block_public_access ORDER BY account, region");
  std::vector<SnapshotBlockPublicAccessRow> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
  return out;
}

}  // namespace ebs::store
