// IP addresses and the "cidr" operator, as event-ruler treats them: strings that look like an
// IPv4 (four dotted decimal runs) or IPv6 (hex digits and colons) literal are compared as
// addresses; exact-value patterns that are IP literals match any spelling of the same address.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ebs::pattern::detail {

struct IpAddress {
  std::array<uint8_t, 16> bytes{};
  uint8_t size = 0;  // 4 or 16; an IPv4-mapped IPv6 literal becomes 4 bytes, as in Java
};

enum class IpParse { kNotIpLike, kInvalid, kOk };

// kNotIpLike: does not have the shape of an IP literal; kInvalid: has the shape but is not a
// valid address (e.g. 10.0.0.256).
IpParse parse_ip(std::string_view text, IpAddress& out);

struct IpRange {
  IpAddress bottom;  // inclusive
  IpAddress top;     // inclusive

  bool contains(const IpAddress& a) const;
  static IpRange single(const IpAddress& a) { return IpRange{a, a}; }
};

// Parses a "cidr" operand; returns the AWS reason text on error. Like event-ruler, the bottom of
// the range is the address as written (host bits are not cleared).
std::optional<std::string> parse_cidr(std::string_view text, IpRange& out);

// Key bytes identifying an address (for hash indexes).
std::string ip_key(const IpAddress& a);

}  // namespace ebs::pattern::detail
