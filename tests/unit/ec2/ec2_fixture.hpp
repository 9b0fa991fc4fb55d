// The EC2 services on an in-memory store with a manual clock, a scheduler run by hand (advance())
// and an event sink that records every event, for the EC2 unit tests.
#pragma once

#include <gtest/gtest.h>

#include "core/services.hpp"
#include "ec2/ec2_errors.hpp"
#include "ec2/instance_service.hpp"
#include "ec2/tag_service.hpp"
#include "ec2/volume_service.hpp"
#include "store/ec2/ec2_schema.hpp"
#include "store/ec2/instance_table.hpp"
#include "store/work_queue.hpp"

namespace ebs::ec2 {

class RecordingSink : public EventSink {
 public:
  void publish(store::Transaction&, const std::string&, const std::string&, const std::string& bus,
               const nlohmann::ordered_json& event) override {
    EXPECT_EQ(bus, "default");
    events.push_back(event);
  }
  std::vector<nlohmann::ordered_json> events;
};

class Ec2Fixture : public ::testing::Test {
 protected:
  static constexpr int64_t kStart = 1'700'000'000'000;

  Ec2Fixture()
      : db_(store::Database::Options{":memory:"}),
        scheduler_(db_, clock_),
        deps_{db_, clock_, ids_, scheduler_, sink_, config_, faults_},
        volumes_(deps_),
        instances_(deps_, volumes_),
        tags_(deps_) {
    store::migrate(db_, {store::WorkQueue::schema(), store::ec2_schema()});
    clock_.set_manual(kStart);
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

  RequestContext ctx(const std::string& account = "111111111111",
                     const std::string& region = "us-east-1") {
    return {account, region, ids_.uuid(), clock_.now_ms()};
  }
  // Moves the manual clock and runs the work that became due.
  size_t advance(int64_t ms) {
    clock_.advance(ms);
    return scheduler_.run_due();
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
  // The AwsError code a call throws ("" when it succeeds); its message in *message.
  template <typename F>
  std::string error_of(F&& f, std::string* message = nullptr) {
    try {
      f();
    } catch (const AwsError& e) {
      if (message) *message = e.message();
      return e.code();
    }
    return "";
  }

  store::Database db_;
  Clock clock_;
  IdGenerator ids_{7};
  Scheduler scheduler_;
  RecordingSink sink_;
  Config config_;
  FaultRegistry faults_;
  ServiceDeps deps_;
  VolumeService volumes_;
  InstanceService instances_;
  TagService tags_;
};

}  // namespace ebs::ec2
