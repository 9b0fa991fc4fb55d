// CreateTags, DeleteTags (with and without values), DescribeTags with filters and pages.
#include "ec2_fixture.hpp"

namespace ebs::ec2 {
namespace {

using TagServiceTest = Ec2Fixture;

TEST_F(TagServiceTest, CreateDescribeDelete) {
  auto v = create_volume();
  auto i = running_instance();
  tags_.create(ctx(), {v.volume_id, i}, {{"env", "prod"}, {"team", "a"}}, false);
  auto page = tags_.describe(ctx(), {});
  ASSERT_EQ(page.tags.size(), 4u);
  DescribeTagsRequest r;
  r.filters = {{"resource-type", {"instance"}}};
  page = tags_.describe(ctx(), r);
  ASSERT_EQ(page.tags.size(), 2u);
  EXPECT_EQ(page.tags[0].resource_id, i);
  r.filters = {{"key", {"env"}}, {"resource-id", {v.volume_id}}};
  page = tags_.describe(ctx(), r);
  ASSERT_EQ(page.tags.size(), 1u);
  EXPECT_EQ(page.tags[0].value, "prod");

  // A value that does not match leaves the tag; no value removes it whatever its value.
  tags_.remove(ctx(), {v.volume_id}, {{"env", std::string("dev")}}, false);
  r.filters = {{"resource-id", {v.volume_id}}};
  EXPECT_EQ(tags_.describe(ctx(), r).tags.size(), 2u);
  tags_.remove(ctx(), {v.volume_id}, {{"env", std::nullopt}}, false);
  EXPECT_EQ(tags_.describe(ctx(), r).tags.size(), 1u);
  tags_.remove(ctx(), {v.volume_id}, {}, false);
  EXPECT_EQ(tags_.describe(ctx(), r).tags.size(), 0u);
}

TEST_F(TagServiceTest, Errors) {
  auto v = create_volume();
  EXPECT_EQ(error_of([&] {
              tags_.create(ctx(), {"vol-00000000000000000"}, {{"k", "v"}}, false);
            }),
            "InvalidVolume.NotFound");
  EXPECT_EQ(error_of([&] { tags_.create(ctx(), {"bogus"}, {{"k", "v"}}, false); }), "InvalidID");
  EXPECT_EQ(error_of([&] {
              tags_.create(ctx(), {v.volume_id}, {{"aws:x", "v"}}, false);
            }),
            "InvalidParameterValue");
  EXPECT_EQ(error_of([&] { tags_.create(ctx(), {}, {{"k", "v"}}, false); }), "MissingParameter");
  EXPECT_EQ(error_of([&] {
              tags_.create(ctx(), {v.volume_id}, {{"k", "v"}}, true);
            }),
            "DryRunOperation");
  EXPECT_EQ(tags_.describe(ctx(), {}).tags.size(), 0u);
  DescribeTagsRequest r;
  r.filters = {{"colour", {"x"}}};
  EXPECT_EQ(error_of([&] { tags_.describe(ctx(), r); }), "InvalidFilter");
}

TEST_F(TagServiceTest, DescribePages) {
  auto v = create_volume();
  std::vector<Tag> tags;
  for (int n = 0; n < 13; ++n) tags.push_back({"k" + std::to_string(100 + n), "v"});
  tags_.create(ctx(), {v.volume_id}, tags, false);
  DescribeTagsRequest r;
  r.max_results = 5;
  std::vector<std::string> keys;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = tags_.describe(ctx(), r);
    for (const auto& t : page.tags) keys.push_back(t.key);
    if (!page.next_token) break;
    r.next_token = page.next_token;
  }
  ASSERT_EQ(keys.size(), 13u);
  EXPECT_EQ(keys.front(), "k100");
  EXPECT_EQ(keys.back(), "k112");
}

}  // namespace
}  // namespace ebs::ec2
