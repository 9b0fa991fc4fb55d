// Evaluation of one value matcher (an operator of a pattern leaf) against one event value.
#pragma once

#include "compiled_pattern.hpp"
#include "event_value.hpp"

namespace ebs::pattern::detail {

bool value_matches(const ValueMatcher& m, const EventValue& v);

// True when any of the test's value matchers accepts the value (absence is handled elsewhere).
inline bool test_accepts(const FieldTest& t, const EventValue& v) {
  for (const ValueMatcher& m : t.matchers) {
    if (value_matches(m, v)) return true;
  }
  return false;
}

}  // namespace ebs::pattern::detail
