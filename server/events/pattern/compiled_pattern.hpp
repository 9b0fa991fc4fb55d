// The compiled form of a pattern (internal): a disjunction of branches (event-ruler's sub-rules,
// one per combination of $or alternatives), each a conjunction of field tests sorted by path;
// a field test ORs value matchers and may accept an absent field ({"exists": false}).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cidr.hpp"
#include "numeric.hpp"
#include "pattern.hpp"
#include "wildcard.hpp"

namespace ebs::pattern {
namespace detail {

enum class MatchKind : uint8_t {
  kExactString,    // "x" (also {"exactly": "x"})
  kExactIp,        // "10.0.0.1": any spelling of that address
  kNumberLiteral,  // 123456789012345678901: the number written the same way
  kNumericEquals,  // 300, 3e2, 300.0 (comparable numbers)
  kTrue,
  kFalse,
  kNull,
  kPrefix,
  kPrefixIgnoreCase,
  kSuffix,
  kSuffixIgnoreCase,
  kEqualsIgnoreCase,
  kWildcard,
  kNumericRange,
  kCidr,
  kExists,  // {"exists": true}
  kAnythingButStrings,
  kAnythingButNumbers,
  kAnythingButPrefix,
  kAnythingButSuffix,
  kAnythingButIgnoreCase,
  kAnythingButWildcard,
};

struct ValueMatcher {
  MatchKind kind = MatchKind::kExactString;
  std::string text;                  // string operand (case-folded for the ignore-case kinds)
  double number = 0;                 // kNumericEquals
  NumericRange range;                // kNumericRange
  IpRange ip;                        // kExactIp, kCidr
  std::vector<std::string> strings;  // anything-but sets, sorted (folded for ignore-case)
  std::vector<double> numbers;       // kAnythingButNumbers, sorted
  std::vector<Wildcard> wildcards;   // kWildcard (one), kAnythingButWildcard
};

struct FieldTest {
  uint32_t path_id = 0;
  std::vector<ValueMatcher> matchers;
  bool allows_absent = false;  // {"exists": false} among the alternatives
};

struct Branch {
  std::vector<uint32_t> tests;  // indexes into Pattern::tests, sorted by path
};

}  // namespace detail

class Pattern {
 public:
  std::vector<std::string> paths;  // distinct flattened paths ("detail.state")
  std::vector<detail::FieldTest> tests;
  std::vector<detail::Branch> branches;
};

namespace detail {
// Largest number of branches a pattern may expand to through $or.
inline constexpr size_t kMaxBranches = 1024;
}  // namespace detail

}  // namespace ebs::pattern
