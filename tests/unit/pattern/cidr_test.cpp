// IP parsing and CIDR ranges, with event-ruler's messages.
#include <gtest/gtest.h>

#include "cidr.hpp"

namespace ebs::pattern::detail {
namespace {

IpAddress ip(std::string_view s) {
  IpAddress a;
  EXPECT_EQ(parse_ip(s, a), IpParse::kOk) << s;
  return a;
}

TEST(Cidr, ParsesAddressesLikeJava) {
  IpAddress a;
  EXPECT_EQ(parse_ip("10.0.0.1", a), IpParse::kOk);
  EXPECT_EQ(a.size, 4);
  EXPECT_EQ(parse_ip("10.0.0.256", a), IpParse::kInvalid);
  EXPECT_EQ(parse_ip("10.0.0", a), IpParse::kNotIpLike);
  EXPECT_EQ(parse_ip("host.example", a), IpParse::kNotIpLike);
  EXPECT_EQ(parse_ip("2001:db8::1", a), IpParse::kOk);
  EXPECT_EQ(a.size, 16);
  EXPECT_EQ(parse_ip("::", a), IpParse::kOk);
  EXPECT_EQ(parse_ip("1::2::3", a), IpParse::kInvalid);
  EXPECT_EQ(parse_ip("12345::", a), IpParse::kInvalid);
  EXPECT_EQ(parse_ip("1:2:3:4:5:6:7:8", a), IpParse::kOk);
  EXPECT_EQ(parse_ip("1:2:3:4:5:6:7:8:9", a), IpParse::kInvalid);
  EXPECT_EQ(parse_ip("::ffff:a00:1", a), IpParse::kOk);  // IPv4-mapped: an IPv4 address
  EXPECT_EQ(a.size, 4);
  EXPECT_EQ(ip_key(a), ip_key(ip("10.0.0.1")));
  EXPECT_EQ(ip_key(ip("2001:0db8:0000:0000:0000:0000:0000:0001")), ip_key(ip("2001:db8::1")));
}

TEST(Cidr, RangesAndErrors) {
  IpRange r;
  ASSERT_FALSE(parse_cidr("10.0.0.0/24", r));
  EXPECT_TRUE(r.contains(ip("10.0.0.0")));
  EXPECT_TRUE(r.contains(ip("10.0.0.255")));
  EXPECT_FALSE(r.contains(ip("10.0.1.0")));
  EXPECT_FALSE(r.contains(ip("::a00:0")));
  ASSERT_FALSE(parse_cidr("10.0.0.77/24", r));  // the bottom stays as written
  EXPECT_FALSE(r.contains(ip("10.0.0.76")));
  EXPECT_TRUE(r.contains(ip("10.0.0.77")));
  ASSERT_FALSE(parse_cidr("2001:db8:1234:1a00::/64", r));
  EXPECT_TRUE(r.contains(ip("2001:db8:1234:1a00:ffff:ffff:ffff:ffff")));
  EXPECT_FALSE(r.contains(ip("2001:db8:1234:1a01::")));
  ASSERT_FALSE(parse_cidr("0.0.0.0/0", r));
  EXPECT_TRUE(r.contains(ip("255.255.255.255")));

  EXPECT_EQ(parse_cidr("bad-filter", r).value_or(""), "Malformed CIDR, one '/' required");
  EXPECT_EQ(parse_cidr("10.0.0.0/", r).value_or(""), "Malformed CIDR, one '/' required");
  EXPECT_EQ(parse_cidr("a/b/c", r).value_or(""), "Malformed CIDR, one '/' required");
  EXPECT_EQ(parse_cidr("bad-/64filter", r).value_or(""),
            "Malformed CIDR, mask bits must be an integer");
  EXPECT_EQ(parse_cidr("10.0.0.0/-1", r).value_or(""),
            "Malformed CIDR, mask bits must not be negative");
  EXPECT_EQ(parse_cidr("xx.11.xx/8", r).value_or(""), "Nonstandard IP address: xx.11.xx");
  EXPECT_EQ(parse_cidr("10.0.0.300/8", r).value_or(""), "Invalid IP address: 10.0.0.300");
  EXPECT_EQ(parse_cidr("10.0.0.0/32", r).value_or(""), "IPv4 mask bits must be < 32");
  EXPECT_EQ(parse_cidr("::/128", r).value_or(""), "IPv6 mask bits must be < 128");
  EXPECT_FALSE(parse_cidr("10.0.0.0/+8", r));  // Java's parseInt accepts a plus sign
}

}  // namespace
}  // namespace ebs::pattern::detail
