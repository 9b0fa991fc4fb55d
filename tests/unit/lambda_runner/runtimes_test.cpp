// Tests for runtimes: the supported list and interpreter discovery on this machine.
#include "lambda/runner/runtimes.hpp"

#include <gtest/gtest.h>

namespace ebs::lambda {
namespace {

TEST(Runtimes, SupportedList) {
  static const struct {
    const char* runtime;
    bool supported;
  } kCases[] = {
      {"nodejs18.x", true},  {"nodejs20.x", true},   {"nodejs22.x", true}, {"python3.9", true},
      {"python3.10", true},  {"python3.11", true},   {"python3.12", true}, {"python3.13", true},
      {"nodejs16.x", false}, {"python2.7", false},   {"java21", false},    {"", false},
      {"python3.8", false},  {"nodejs20.x ", false},
  };
  for (const auto& c : kCases) EXPECT_EQ(runtime_supported(c.runtime), c.supported) << c.runtime;
}

TEST(Runtimes, FindsTheRealInterpreters) {
  auto node = resolve_interpreter("nodejs20.x");
  ASSERT_TRUE(node.has_value()) << "node is not installed";
  EXPECT_EQ(node->family, RuntimeFamily::kNode);
  EXPECT_TRUE(node->executable.is_absolute());
  EXPECT_TRUE(runtime_available("nodejs18.x"));

  auto python = resolve_interpreter("python3.12");
  ASSERT_TRUE(python.has_value()) << "python3 is not installed";
  EXPECT_EQ(python->family, RuntimeFamily::kPython);
  EXPECT_TRUE(python->executable.is_absolute());
  EXPECT_EQ(python->version.rfind("3.", 0), 0u);
  EXPECT_FALSE(runtime_available("java21"));
}

}  // namespace
}  // namespace ebs::lambda
