// SnapshotFilter: names it accepts, and how each documented filter reads a snapshot.
#include <gtest/gtest.h>

#include "core/aws_error.hpp"
#include "ec2/snapshot_filters.hpp"
#include "ec2/snapshot_service.hpp"

namespace ebs::ec2 {
namespace {

store::SnapshotRow row() {
  store::SnapshotRow s;
  s.snapshot_id = "snap-0123456789abcdef0";
  s.account = "111111111111";
  s.region = "us-east-1";
  s.volume_id = "vol-0123456789abcdef0";
  s.volume_size = 8;
  s.state = "pending";
  s.start_time = 1'700'000'000'000;
  s.complete_at = s.start_time + 1000;
  s.description = "nightly backup";
  return s;
}

TEST(SnapshotFilterTest, UnknownNameIsInvalidFilter) {
  try {
    SnapshotFilter f(std::vector<Filter>{{"colour", {"x"}}});
    FAIL() << "accepted an unknown filter";
  } catch (const AwsError& e) {
    EXPECT_EQ(e.code(), "InvalidFilter");
    EXPECT_EQ(e.message(), "The filter 'colour' is invalid");
  }
}

TEST(SnapshotFilterTest, DocumentedFilters) {
  struct Case {
    const char* name;
    const char* value;
    bool match;
  };
  static const Case kCases[] = {
      {"description", "nightly*", true},
      {"description", "weekly*", false},
      {"encrypted", "false", true},
      {"encrypted", "true", false},
      {"owner-id", "111111111111", true},
      {"owner-id", "222222222222", false},
      {"owner-alias", "amazon", false},
      {"progress", "40%", true},
      {"progress", "100%", false},
      {"snapshot-id", "snap-0123*", true},
      {"status", "pending", true},
      {"status", "completed", false},
      {"storage-tier", "standard", true},
      {"transfer-type", "standard", false},
      {"volume-id", "vol-0123456789abcdef0", true},
      {"volume-size", "8", true},
      {"volume-size", "9", false},
      {"start-time", "2023-11-14T22:13:20.000Z", true},
      {"tag:env", "prod", true},
      {"tag:env", "dev", false},
      {"tag-key", "env", true},
      {"tag-key", "team", false},
  };
  auto s = row();
  int64_t progress = SnapshotService::progress_at(s, s.start_time + 400);
  EXPECT_EQ(progress, 40);
  for (const auto& c : kCases) {
    SnapshotFilter f(std::vector<Filter>{{c.name, {c.value}}});
    EXPECT_EQ(f.matches(s, progress, {{"env", "prod"}}), c.match) << c.name << "=" << c.value;
  }
}

TEST(SnapshotFilterTest, ProgressMovesAndFreezes) {
  auto s = row();
  EXPECT_EQ(SnapshotService::progress_at(s, s.start_time), 0);
  EXPECT_EQ(SnapshotService::progress_at(s, s.start_time + 999), 99);
  EXPECT_EQ(SnapshotService::progress_at(s, s.start_time + 5000), 99);  // pending never says 100%
  s.state = "error";
  s.progress = 37;
  EXPECT_EQ(SnapshotService::progress_at(s, s.start_time + 5000), 37);
  s.state = "completed";
  EXPECT_EQ(SnapshotService::progress_at(s, s.start_time), 100);
}

}  // namespace
}  // namespace ebs::ec2
