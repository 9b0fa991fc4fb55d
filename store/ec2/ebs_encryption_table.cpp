#include "store/ec2/ebs_encryption_table.hpp"

namespace ebs::store {

ModuleSchema EbsEncryptionTable::schema() {
  return {"ebs_encryption", {{1, R"SQL(
CREATE TABLE ebs_encryption_settings (
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  encryption_by_default INTEGER NOT NULL DEFAULT 0,
  default_kms_key_arn TEXT,
  PRIMARY KEY (account, region)
);
)SQL"}}};
}

EbsEncryptionRow EbsEncryptionTable::get(Transaction& tx, const std::string& account,
                                         const std::string& region) {
  auto& st = tx.prepare(
      "SELECT encryption_by_default, default_kms_key_arn FROM ebs_encryption_settings"
      " WHERE account = ? AND region = ?");
  st.bind_all(account, region);
  EbsEncryptionRow row{account, region, false, std::nullopt};
  if (st.step()) {
    row.encryption_by_default = st.boolean(0);
    row.default_kms_key_arn = st.text_or_null(1);
  }
  return row;
}

void EbsEncryptionTable::put(Transaction& tx, const EbsEncryptionRow& row) {
  tx.prepare(
        "INSERT INTO ebs_encryption_settings (account, region, encryption_by_default,"
        " default_kms_key_arn) VALUES (?, ?, ?, ?) ON CONFLICT (account, region) DO UPDATE SET"
        " encryption_by_default = excluded.encryption_by_default,"
        " default_kms_key_arn = excluded.default_kms_key_arn")
      .bind_all(row.account, row.region, row.encryption_by_default, row.default_kms_key_arn)
      .run();
}

}  // namespace ebs::store
