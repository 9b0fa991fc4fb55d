#include "protocol/response_cache.hpp"

#include <gtest/gtest.h>

#include "protocol/query_api.hpp"

namespace ebs::protocol {
namespace {

TEST(ResponseCache, ServesAnEntryOnlyForTheVersionItWasReadAt) {
  uint64_t state = 7;
  ResponseCache cache([&] { return state; });
  cache.put("k", cache.version(), "<a/>");
  ASSERT_NE(cache.find("k", 7), nullptr);
  EXPECT_EQ(*cache.find("k", 7), "<a/>");
  EXPECT_EQ(cache.find("other", 7), nullptr);
  state = 8;  // a write
  EXPECT_EQ(cache.find("k", cache.version()), nullptr);
  cache.put("k", 8, "<b/>");
  cache.put("k", 7, "<stale/>");  // a read that started before the write ended later: not kept
  EXPECT_EQ(*cache.find("k", 8), "<b/>");
}

TEST(ResponseCache, StaysWithinItsByteBound) {
  ResponseCache cache([] { return uint64_t{1}; }, 100);
  cache.put("big", 1, std::string(200, 'x'));
  EXPECT_EQ(cache.find("big", 1), nullptr);
  cache.put("a", 1, std::string(60, 'a'));
  cache.put("b", 1, std::string(60, 'b'));  // over the bound: the cache starts again
  EXPECT_EQ(cache.find("a", 1), nullptr);
  EXPECT_NE(cache.find("b", 1), nullptr);
}

// A cacheable read runs once per state version and request; the response keeps a fresh request id.
TEST(ResponseCache, QueryApiRunsACacheableReadOncePerVersion) {
  uint64_t state = 1;
  ResponseCache cache([&] { return state; });
  QueryApi api("ec2", "urn:x", QueryApi::Style::kEc2);
  api.set_cache(&cache);
  int runs = 0;
  api.add_read("DescribeThings", [&](const QueryParams& p, const RequestContext&, XmlWriter& xml) {
    ++runs;
    xml.open("thingSet").element("item", p.get("Name").value_or("") + std::to_string(runs));
    xml.close();
  });
  auto call = [&](const std::string& form, const std::string& account, const std::string& id) {
    RequestContext ctx;
    ctx.account = account;
    ctx.region = "us-east-1";
    ctx.request_id = id;
    return api.handle(QueryParams::parse(form), ctx).body;
  };
  auto first = call("Action=DescribeThings&Name=a", "111111111111", "r1");
  auto again = call("Action=DescribeThings&Name=a", "111111111111", "r2");
  EXPECT_EQ(runs, 1);
  EXPECT_NE(first.find("<requestId>r1</requestId>"), std::string::npos);
  EXPECT_NE(again.find("<requestId>r2</requestId>"), std::string::npos);
  EXPECT_NE(again.find("<thingSet><item>a1</item></thingSet></DescribeThingsResponse>"),
            std::string::npos);
  call("Action=DescribeThings&Name=b", "111111111111", "r3");  // other parameters
  call("Action=DescribeThings&Name=a", "222222222222", "r4");  // other account
  EXPECT_EQ(runs, 3);
  state = 2;
  auto after_write = call("Action=DescribeThings&Name=a", "111111111111", "r5");
  EXPECT_EQ(runs, 4);
  EXPECT_NE(after_write.find("<item>a4</item>"), std::string::npos);
}

TEST(ResponseCache, QueryApiNeverCachesErrors) {
  ResponseCache cache([] { return uint64_t{1}; });
  QueryApi api("ec2", "urn:x", QueryApi::Style::kEc2);
  api.set_cache(&cache);
  int runs = 0;
  api.add_read("DescribeThings", [&](const QueryParams&, const RequestContext&, XmlWriter&) {
    ++runs;
    throw AwsError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
  });
  RequestContext ctx;
  EXPECT_EQ(api.handle(QueryParams::parse("Action=DescribeThings"), ctx).status, 412);
  EXPECT_EQ(api.handle(QueryParams::parse("Action=DescribeThings"), ctx).status, 412);
  EXPECT_EQ(runs, 2);
}

}  // namespace
}  // namespace ebs::protocol
