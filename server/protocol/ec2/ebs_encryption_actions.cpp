// Codecs of the EBS encryption-by-default actions: the *ByDefault trio answers
// <ebsEncryptionByDefault>, the *EbsDefaultKmsKeyId trio answers <kmsKeyId>.
#include "protocol/ec2/ebs_encryption_actions.hpp"

#include "ec2/ebs_encryption_service.hpp"

namespace ebs::protocol::ec2 {

void register_ebs_encryption_actions(QueryApi& api, ebs::ec2::EbsEncryptionService& encryption) {
  using ebs::ec2::EbsEncryptionService;
  auto dry = [](const QueryParams& p) { return p.get_bool("DryRun").value_or(false); };
  api.add("EnableEbsEncryptionByDefault",
          [&encryption, dry](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            xml.element("ebsEncryptionByDefault", encryption.enable_by_default(ctx, dry(p)));
          });
  api.add("DisableEbsEncryptionByDefault",
          [&encryption, dry](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            xml.element("ebsEncryptionByDefault", encryption.disable_by_default(ctx, dry(p)));
          });
  api.add("GetEbsEncryptionByDefault",
          [&encryption, dry](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            xml.element("ebsEncryptionByDefault", encryption.get_by_default(ctx, dry(p)));
            xml.element("sseType", "sse-ebs");
          });
  api.add("GetEbsDefaultKmsKeyId",
          [&encryption, dry](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            xml.element("kmsKeyId", encryption.get_default_key(ctx, dry(p)));
          });
  api.add("ModifyEbsDefaultKmsKeyId",
          [&encryption, dry](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            xml.element("kmsKeyId",
                        encryption.modify_default_key(ctx, p.get("KmsKeyId").value_or(""), dry(p)));
          });
  api.add("ResetEbsDefaultKmsKeyId",
          [&encryption, dry](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            xml.element("kmsKeyId", encryption.reset_default_key(ctx, dry(p)));
          });
}

}  // namespace ebs::protocol::ec2
