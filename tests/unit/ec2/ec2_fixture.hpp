// The EC2 services on an in-memory store with a manual clock, a scheduler run by hand (advance())
// and an event sink that records every event, for the EC2 unit tests.
#pragma once

#include "ec2/ec2_errors.hpp"
#include "ec2/instance_service.hpp"
#include "ec2/tag_service.hpp"
#include "ec2/volume_service.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/ec2/instance_table.hpp"
#include "support/service_harness.hpp"

namespace ebs::ec2 {

class Ec2Fixture : public test::ServiceHarness<> {
 protected:
  Ec2Fixture()
      : ServiceHarness(7, {store::ec2_schema()}),
        volumes_(deps()),
        instances_(deps(), volumes_),
        tags_(deps()) {
    config_.timing.volume_create_ms = 100;
    config_.timing.volume_delete_ms = 100;
    config_.timing.attach_ms = 100;
    config_.timing.detach_ms = 100;
    config_.timing.modify_ms = 100;
    config_.timing.instance_ms = 100;
    volumes_.register_work();
    instances_.register_work();
    tags_.add_kind("vol",
                   {"volume",
                    [](store::Transaction& tx, const RequestContext& c, const std::string& id) {
                      return store::VolumeTable::get(tx, c.account, c.region, id).has_value();
                    },
                    [](const std::string& id) { return volume_not_found(id); }});
    tags_.add_kind("i",
                   {"instance",
                    [](store::Transaction& tx, const RequestContext& c, const std::string& id) {
                      return store::InstanceTable::get(tx, c.account, c.region, id).has_value();
                    },
                    [](const std::string& id) { return instance_not_found(id); }});
  }

  store::VolumeRow create_volume(const std::string& zone = "us-east-1a", int64_t size = 10) {
    CreateVolumeRequest r;
    r.availability_zone = zone;
    r.size = size;
    return volumes_.create(ctx(), r);
  }
  store::VolumeRow available_volume(const std::string& zone = "us-east-1a") {
    auto v = create_volume(zone);
    advance(100);
    return *get(v.volume_id);
  }
  std::optional<store::VolumeRow> get(const std::string& id) {
    store::Transaction tx(db_);
    return store::VolumeTable::get(tx, "111111111111", "us-east-1", id);
  }
  std::optional<store::InstanceRow> instance(const std::string& id) {
    store::Transaction tx(db_);
    return store::InstanceTable::get(tx, "111111111111", "us-east-1", id);
  }
  std::string running_instance(const std::string& zone = "us-east-1a") {
    RunInstancesRequest r;
    r.image_id = "ami-12345678";
    r.min_count = 1;
    r.max_count = 1;
    r.availability_zone = zone;
    auto id = instances_.run(ctx(), r).instances.front().instance.instance_id;
    advance(100);
    return id;
  }
  VolumeService volumes_;
  InstanceService instances_;
  TagService tags_;
};

}  // namespace ebs::ec2
