// IdGenerator: AWS-shaped resource ids (vol-, snap-, i-, r- with 17 hex digits) and request/event
// UUIDs. Injected so that tests can make ids predictable. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

namespace ebs {

class IdGenerator {
 public:
  IdGenerator();
  explicit IdGenerator(uint64_t seed);
  // "<prefix>-" followed by 17 lowercase hex digits, e.g. resource_id("vol").
  std::string resource_id(std::string_view prefix);
  // A random (version 4) UUID in its canonical lowercase form.
  std::string uuid();
  // n random lowercase hex digits.
  std::string hex(size_t n);

 private:
  std::mutex mu_;
  std::mt19937_64 rng_;
};

}  // namespace ebs
