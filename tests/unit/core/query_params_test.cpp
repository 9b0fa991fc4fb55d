#include "protocol/query_params.hpp"

#include <gtest/gtest.h>

#include "core/aws_error.hpp"

namespace ebs::protocol {
namespace {

TEST(QueryParams, DecodesPercentAndPlus) {
  auto p = QueryParams::parse("Action=CreateTags&Tag.1.Value=a+b%26c%3D&Empty=");
  EXPECT_EQ(p.get("Action"), "CreateTags");
  EXPECT_EQ(p.get("Tag.1.Value"), "a b&c=");
  EXPECT_EQ(p.get("Empty"), "");
  EXPECT_FALSE(p.get("Missing"));
}

TEST(QueryParams, MalformedPercentEncodingIsMalformedQueryString) {
  try {
    QueryParams::parse("Action=X&Bad=%zz");
    FAIL() << "expected an error";
  } catch (const AwsError& e) {
    EXPECT_EQ(e.code(), "MalformedQueryString");
  }
}

TEST(QueryParams, ListsInIndexOrderWithGaps) {
  auto p = QueryParams::parse("VolumeId.10=c&VolumeId.2=b&VolumeId.1=a&VolumeIdX=no");
  EXPECT_EQ(p.list("VolumeId"), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(QueryParams, FiltersWithValues) {
  auto p = QueryParams::parse(
      "Filter.1.Name=tag%3AName&Filter.1.Value.1=x&Filter.1.Value.2=y&Filter.2.Name=status");
  auto f = p.filters();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].name, "tag:Name");
  EXPECT_EQ(f[0].values, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(f[1].name, "status");
  EXPECT_TRUE(f[1].values.empty());
}

TEST(QueryParams, TagSpecifications) {
  auto p = QueryParams::parse(
      "TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=k&"
      "TagSpecification.1.Tag.1.Value=v&TagSpecification.1.Tag.2.Key=k2");
  auto specs = p.tag_specifications();
  ASSERT_EQ(specs.size(), 1u);
  EXPECT_EQ(specs[0].resource_type, "volume");
  ASSERT_EQ(specs[0].tags.size(), 2u);
  EXPECT_EQ(specs[0].tags[1].key, "k2");
  EXPECT_EQ(specs[0].tags[1].value, "");
}

TEST(QueryParams, TypedAccessorsRejectBadValues) {
  auto p = QueryParams::parse("Size=ten&Encrypted=yes&Ok=12");
  EXPECT_EQ(p.get_int("Ok"), 12);
  EXPECT_THROW(p.get_int("Size"), AwsError);
  EXPECT_THROW(p.get_bool("Encrypted"), AwsError);
  try {
    p.require("VolumeId");
    FAIL();
  } catch (const AwsError& e) {
    EXPECT_EQ(e.code(), "MissingParameter");
    EXPECT_EQ(e.message(), "The request must contain the parameter VolumeId");
  }
}

}  // namespace
}  // namespace ebs::protocol
