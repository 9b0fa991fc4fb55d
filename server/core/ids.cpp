#include "core/ids.hpp"

#include <uuid/uuid.h>

namespace ebs {

IdGenerator::IdGenerator() : rng_(std::random_device{}()) {}
IdGenerator::IdGenerator(uint64_t seed) : rng_(seed) {}

std::string IdGenerator::hex(size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n, '0');
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < n; ++i) out[i] = kDigits[rng_() & 0xF];
  return out;
}

std::string IdGenerator::resource_id(std::string_view prefix) {
  std::string out(prefix);
  out += '-';
  out += hex(17);
  return out;
}

std::string IdGenerator::uuid() {
  uuid_t raw;
  {
    std::lock_guard lock(mu_);
    for (auto& b : raw) b = static_cast<unsigned char>(rng_() & 0xFF);
  }
  raw[6] = static_cast<unsigned char>((raw[6] & 0x0F) | 0x40);  // version 4
  raw[8] = static_cast<unsigned char>((raw[8] & 0x3F) | 0x80);  // RFC 4122 variant
  char text[37];
  uuid_unparse_lower(raw, text);
  return text;
}

}  // namespace ebs
