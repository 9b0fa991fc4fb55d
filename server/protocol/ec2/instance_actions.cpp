// Codecs of the instance actions: RunInstances, DescribeInstances, StopInstances, StartInstances,
// RebootInstances, TerminateInstances.
#include "ec2/instance_service.hpp"
#include "protocol/ec2/ec2_api.hpp"
#include "protocol/ec2/ec2_xml.hpp"

namespace ebs::protocol::ec2 {
namespace {

using ebs::ec2::InstanceService;

std::vector<ebs::ec2::BlockDeviceMappingRequest> block_device_mappings(const QueryParams& p) {
  std::vector<ebs::ec2::BlockDeviceMappingRequest> out;
  for (int i : p.indexes("BlockDeviceMapping")) {
    std::string base = "BlockDeviceMapping." + std::to_string(i) + ".";
    ebs::ec2::BlockDeviceMappingRequest m;
    m.device_name = p.get(base + "DeviceName").value_or("");
    m.no_device = p.has(base + "NoDevice");
    std::string ebs = base + "Ebs.";
    m.volume_size = p.get_int(ebs + "VolumeSize");
    m.volume_type = p.get(ebs + "VolumeType");
    m.iops = p.get_int(ebs + "Iops");
    m.throughput = p.get_int(ebs + "Throughput");
    m.encrypted = p.get_bool(ebs + "Encrypted");
    m.kms_key_id = p.get(ebs + "KmsKeyId");
    m.delete_on_termination = p.get_bool(ebs + "DeleteOnTermination");
    m.snapshot_id = p.get(ebs + "SnapshotId");
    m.has_ebs = m.volume_size || m.volume_type || m.iops || m.throughput || m.encrypted ||
                m.kms_key_id || m.delete_on_termination || m.snapshot_id;
    out.push_back(std::move(m));
  }
  return out;
}

void run_instances(InstanceService& instances, const QueryParams& p, const RequestContext& ctx,
                   XmlWriter& xml) {
  ebs::ec2::RunInstancesRequest r;
  r.image_id = p.get("ImageId").value_or("");
  r.instance_type = p.get("InstanceType").value_or("m1.small");
  r.min_count = p.get_int("MinCount");
  r.max_count = p.get_int("MaxCount");
  r.availability_zone = p.get("Placement.AvailabilityZone");
  r.block_device_mappings = block_device_mappings(p);
  r.tag_specifications = p.tag_specifications();
  r.client_token = p.get("ClientToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  write_reservation_fields(xml, instances.run(ctx, r));
}

void describe_instances(InstanceService& instances, const QueryParams& p, const RequestContext& ctx,
                        XmlWriter& xml) {
  ebs::ec2::DescribeInstancesRequest r;
  r.instance_ids = p.list("InstanceId");
  r.filters = p.filters();
  r.max_results = p.get_int("MaxResults");
  r.next_token = p.get("NextToken");
  r.dry_run = p.get_bool("DryRun").value_or(false);
  auto page = instances.describe(ctx, r);
  xml.open("reservationSet");
  for (const auto& reservation : page.reservations) {
    xml.open("item");
    write_reservation_fields(xml, reservation);
    xml.close();
  }
  xml.close();
  if (page.next_token) xml.element("nextToken", *page.next_token);
}

}  // namespace

void register_instance_actions(QueryApi& api, InstanceService& instances) {
  api.add("RunInstances", [&instances](const QueryParams& p, const RequestContext& ctx,
                                       XmlWriter& xml) { run_instances(instances, p, ctx, xml); });
  api.add_read("DescribeInstances",
               [&instances](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
                 describe_instances(instances, p, ctx, xml);
               });
  api.add("StopInstances",
          [&instances](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            write_state_changes(xml, instances.stop(ctx, p.list("InstanceId"),
                                                    p.get_bool("DryRun").value_or(false)));
          });
  api.add("StartInstances",
          [&instances](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            write_state_changes(xml, instances.start(ctx, p.list("InstanceId"),
                                                     p.get_bool("DryRun").value_or(false)));
          });
  api.add("TerminateInstances",
          [&instances](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            write_state_changes(xml, instances.terminate(ctx, p.list("InstanceId"),
                                                         p.get_bool("DryRun").value_or(false)));
          });
  api.add("RebootInstances",
          [&instances](const QueryParams& p, const RequestContext& ctx, XmlWriter& xml) {
            instances.reboot(ctx, p.list("InstanceId"), p.get_bool("DryRun").value_or(false));
            xml.element("return", true);
          });
}

}  // namespace ebs::protocol::ec2
