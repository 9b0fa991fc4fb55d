// DescribeVolumes' filters: names, value wildcards, tags and attachments, and the index-served
// candidates.
#include "ec2/volume_filters.hpp"
#include "ec2_fixture.hpp"
#include "store/ec2/tag_table.hpp"

namespace ebs::ec2 {
namespace {

using FiltersTest = Ec2Fixture;

TEST(VolumeFilterTest, UnknownNamesAreInvalidFilter) {
  EXPECT_THROW(VolumeFilter(std::vector<Filter>{{"colour", {"red"}}}), AwsError);
  EXPECT_NO_THROW(VolumeFilter({{"tag:Name", {"x"}}, {"attachment.status", {"attached"}}}));
  EXPECT_THROW(VolumeFilter(std::vector<Filter>{{"tag:", {"x"}}}), AwsError);
}

TEST(VolumeFilterTest, MatchesFieldsTagsAndAttachments) {
  store::VolumeRow v;
  v.volume_id = "vol-0abc";
  v.availability_zone = "us-east-1b";
  v.size = 100;
  v.state = "in-use";
  v.volume_type = "gp3";
  v.encrypted = true;
  v.attachments.push_back({"vol-0abc", "i-0123", "/dev/sdf", "attached", 0, false});
  std::vector<std::pair<std::string, std::string>> tags{{"Name", "db-primary"}};
  struct Case {
    std::vector<Filter> filters;
    bool want;
  };
  const Case cases[] = {
      {{{"status", {"in-use"}}}, true},
      {{{"status", {"available", "creating"}}}, false},
      {{{"availability-zone", {"us-east-1*"}}}, true},
      {{{"size", {"100"}}}, true},
      {{{"encrypted", {"true"}}}, true},
      {{{"volume-type", {"gp?"}}}, true},
      {{{"tag:Name", {"db-*"}}}, true},
      {{{"tag:Name", {"web"}}}, false},
      {{{"tag-key", {"Name"}}}, true},
      {{{"attachment.instance-id", {"i-0123"}}, {"attachment.status", {"attached"}}}, true},
      {{{"attachment.device", {"/dev/sdg"}}}, false},
      {{{"status", {"in-use"}}, {"size", {"8"}}}, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(VolumeFilter(c.filters).matches(v, tags), c.want) << c.filters[0].name;
  }
}

TEST(VolumeFilterTest, CoarseFiltersPageThroughTheirIndex) {
  auto plan =
      VolumeFilter(std::vector<Filter>{{"status", {"available"}}, {"size", {"8"}}}).paging_index();
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->first, store::VolumeTable::Column::kState);
  EXPECT_EQ(plan->second, "available");
  // A narrow filter (tag value) serves the candidates instead; two values need a union.
  EXPECT_FALSE(VolumeFilter(std::vector<Filter>{{"status", {"available"}}, {"tag:k", {"v"}}})
                   .paging_index()
                   .has_value());
  EXPECT_FALSE(VolumeFilter(std::vector<Filter>{{"status", {"available", "in-use"}}})
                   .paging_index()
                   .has_value());
}

TEST_F(FiltersTest, CandidatesComeFromTheIndexes) {
  auto a = available_volume("us-east-1a");
  auto b = available_volume("us-east-1b");
  auto c = create_volume("us-east-1b");
  {
    store::Transaction tx(db_);
    store::TagTable::put(tx, "111111111111", "us-east-1", {a.volume_id, "volume", "team", "x"});
    store::TagTable::put(tx, "111111111111", "us-east-1", {b.volume_id, "volume", "team", "x"});
    tx.commit();
  }
  store::Transaction tx(db_);
  auto ids = VolumeFilter({{"availability-zone", {"us-east-1b"}}, {"status", {"available"}}})
                 .candidate_ids(tx, "111111111111", "us-east-1");
  ASSERT_TRUE(ids.has_value());
  EXPECT_EQ(*ids, std::vector<std::string>{b.volume_id});
  // With a narrow (tag value) filter the candidates come from it alone; the zone is checked by
  // matches() on those few, which DescribeVolumes does.
  ids = VolumeFilter({{"tag:team", {"x"}}, {"availability-zone", {"us-east-1a"}}})
            .candidate_ids(tx, "111111111111", "us-east-1");
  auto both = std::vector<std::string>{a.volume_id, b.volume_id};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(*ids, both);
  // A wildcard value cannot use the index: no candidates, the caller scans.
  EXPECT_FALSE(VolumeFilter(std::vector<Filter>{{"availability-zone", {"us-east-1*"}}})
                   .candidate_ids(tx, "111111111111", "us-east-1")
                   .has_value());
  EXPECT_EQ(c.state, "creating");
}

}  // namespace
}  // namespace ebs::ec2
