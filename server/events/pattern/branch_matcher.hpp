// Decides whether an event satisfies one branch of a pattern: every field test must be met by
// some leaf (or by the absence of the field), and all the leaves used must be array-consistent
// (taken from the same element of any array they share), exactly like event-ruler's
// rulesForJSONEvent. Tests are visited in path order; an {"exists": false} test looks only at
// leaves consistent with the leaves chosen for earlier paths, as event-ruler does.
//
// The search backtracks only over leaves inside arrays, skips choices that cannot change the
// outcome of later tests, and is bounded (kMaxSearchSteps); a search that hits the bound counts
// as no match.
#pragma once

#include <cstddef>
#include <vector>

#include "compiled_pattern.hpp"
#include "event_source.hpp"

namespace ebs::pattern::detail {

inline constexpr size_t kMaxSearchSteps = size_t{1} << 20;

// Leaves available to one test of the branch being evaluated.
struct TestInput {
  const FieldTest* test;
  CandidateSpan cands;
};

// Evaluates a branch whose tests' candidates are already gathered (in test order).
bool eval_branch(const std::vector<TestInput>& inputs, const ArrayStep* chains);

}  // namespace ebs::pattern::detail
