// error_of(): the AwsError code a call throws, for unit tests that check refusals by code.
#pragma once

#include <string>

#include "core/aws_error.hpp"

namespace ebs::test {

// The AwsError code a call throws ("" when it succeeds); its message in *message.
template <typename F>
std::string error_of(F&& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const AwsError& e) {
    if (message) *message = e.message();
    return e.code();
  }
  return "";
}

}  // namespace ebs::test
