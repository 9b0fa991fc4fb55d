// IPv4/IPv6 literal parsing (Java InetAddress rules behind event-ruler's shape checks) and CIDR
// ranges with event-ruler's error messages.
#include "cidr.hpp"

#include <cstring>
#include <vector>

namespace ebs::pattern::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// event-ruler: [0-9]+\.[0-9]+\.[0-9]+\.[0-9]+
bool looks_ipv4(std::string_view s) {
  int groups = 0;
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return false;
    ++groups;
    if (i == s.size()) return groups == 4;
    if (s[i] != '.' || groups == 4) return false;
    ++i;
  }
}

// event-ruler: [0-9a-fA-F:]*:[0-9a-fA-F:]*
bool looks_ipv6(std::string_view s) {
  bool colon = false;
  for (char c : s) {
    if (c == ':') {
      colon = true;
    } else if (hex_value(c) < 0) {
      return false;
    }
  }
  return colon;
}

bool parse_ipv4(std::string_view s, IpAddress& out) {
  out.size = 4;
  size_t i = 0;
  for (int g = 0; g < 4; ++g) {
    unsigned v = 0;
    size_t start = i;
    while (i < s.size() && is_digit(s[i])) {
      v = v * 10 + static_cast<unsigned>(s[i] - '0');
      if (v > 255) return false;
      ++i;
    }
    if (i == start) return false;
    out.bytes[static_cast<size_t>(g)] = static_cast<uint8_t>(v);
    if (g < 3) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

bool parse_ipv6(std::string_view s, IpAddress& out) {
  // Split on "::" (at most one), each side a ':'-separated list of 1-4 hex digit groups.
  std::vector<uint16_t> head;
  std::vector<uint16_t> tail;
  bool compressed = false;
  size_t dbl = s.find("::");
  if (dbl != std::string_view::npos) {
    if (s.find("::", dbl + 1) != std::string_view::npos) return false;
    compressed = true;
  }
  auto parse_groups = [](std::string_view part, std::vector<uint16_t>& groups) {
    if (part.empty()) return true;
    size_t i = 0;
    while (true) {
      size_t start = i;
      unsigned v = 0;
      while (i < part.size() && part[i] != ':') {
        int h = hex_value(part[i]);
        if (h < 0) return false;
        v = v * 16 + static_cast<unsigned>(h);
        ++i;
      }
      if (i == start || i - start > 4) return false;
      groups.push_back(static_cast<uint16_t>(v));
      if (i == part.size()) return true;
      ++i;                                 // ':'
      if (i == part.size()) return false;  // trailing single ':'
    }
  };
  if (compressed) {
    if (!parse_groups(s.substr(0, dbl), head) || !parse_groups(s.substr(dbl + 2), tail)) {
      return false;
    }
    if (head.size() + tail.size() > 7) return false;
  } else {
    if (!parse_groups(s, head) || head.size() != 8) return false;
  }
  std::array<uint16_t, 8> g{};
  for (size_t k = 0; k < head.size(); ++k) g[k] = head[k];
  for (size_t k = 0; k < tail.size(); ++k) g[8 - tail.size() + k] = tail[k];
  bool mapped = true;  // ::ffff:a.b.c.d is returned by Java as an IPv4 address
  for (size_t k = 0; k < 5; ++k) mapped = mapped && g[k] == 0;
  mapped = mapped && g[5] == 0xffff;
  if (mapped) {
    out.size = 4;
    out.bytes[0] = static_cast<uint8_t>(g[6] >> 8);
    out.bytes[1] = static_cast<uint8_t>(g[6] & 0xff);
    out.bytes[2] = static_cast<uint8_t>(g[7] >> 8);
    out.bytes[3] = static_cast<uint8_t>(g[7] & 0xff);
    return true;
  }
  out.size = 16;
  for (size_t k = 0; k < 8; ++k) {
    out.bytes[2 * k] = static_cast<uint8_t>(g[k] >> 8);
    out.bytes[2 * k + 1] = static_cast<uint8_t>(g[k] & 0xff);
  }
  return true;
}

int compare(const IpAddress& a, const IpAddress& b) {
  return std::memcmp(a.bytes.data(), b.bytes.data(), a.size);
}

// Java Integer.parseInt: optional sign, decimal digits, must fit in int.
bool parse_java_int(std::string_view s, long long& out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    neg = s[i] == '-';
    ++i;
  }
  if (i == s.size()) return false;
  long long v = 0;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
    if (v > 2147483648LL) return false;
  }
  v = neg ? -v : v;
  if (v > 2147483647LL) return false;
  out = v;
  return true;
}

}  // namespace

IpParse parse_ip(std::string_view text, IpAddress& out) {
  out = IpAddress{};
  if (looks_ipv4(text)) return parse_ipv4(text, out) ? IpParse::kOk : IpParse::kInvalid;
  if (looks_ipv6(text)) return parse_ipv6(text, out) ? IpParse::kOk : IpParse::kInvalid;
  return IpParse::kNotIpLike;
}

bool IpRange::contains(const IpAddress& a) const {
  if (a.size != bottom.size) return false;
  return compare(a, bottom) >= 0 && compare(a, top) <= 0;
}

std::optional<std::string> parse_cidr(std::string_view text, IpRange& out) {
  // Java's String.split("/") drops trailing empty strings.
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) {
      parts.push_back(text.substr(start));
      break;
    }
    parts.push_back(text.substr(start, slash - start));
    start = slash + 1;
  }
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  if (parts.size() != 2) return std::string("Malformed CIDR, one '/' required");
  long long mask = 0;
  if (!parse_java_int(parts[1], mask)) {
    return std::string("Malformed CIDR, mask bits must be an integer");
  }
  if (mask < 0) return std::string("Malformed CIDR, mask bits must not be negative");
  IpAddress ip;
  switch (parse_ip(parts[0], ip)) {
    case IpParse::kNotIpLike:
      return "Nonstandard IP address: " + std::string(parts[0]);
    case IpParse::kInvalid:
      return "Invalid IP address: " + std::string(parts[0]);
    case IpParse::kOk:
      break;
  }
  if (ip.size == 4 && mask > 31) return std::string("IPv4 mask bits must be < 32");
  if (ip.size == 16 && mask > 127) return std::string("IPv6 mask bits must be < 128");
  out.bottom = ip;
  out.top = ip;
  int host_bits = ip.size * 8 - static_cast<int>(mask);
  for (int i = ip.size - 1; i >= 0 && host_bits > 0; --i) {
    uint8_t m = host_bits >= 8 ? 0xff : static_cast<uint8_t>((1u << host_bits) - 1);
    out.top.bytes[static_cast<size_t>(i)] |= m;
    host_bits -= 8;
  }
  return std::nullopt;
}

std::string ip_key(const IpAddress& a) {
  return std::string(reinterpret_cast<const char*>(a.bytes.data()), a.size);
}

}  // namespace ebs::pattern::detail
