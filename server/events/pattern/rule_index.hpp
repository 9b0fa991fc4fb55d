// The index behind RuleSet: each branch of each rule is filed under one "anchor" field test,
// chosen among the branch's tests to be as selective as possible:
//  - keyed: every alternative of the test has a key (exact value, prefix, suffix, case-folded
//    value or affix, the longer literal end of a wildcard, a numeric range or an IP block):
//    filed under (path, key);
//  - presence: filed under the path; checked whenever the event has a leaf there;
//  - always: no usable test (e.g. only {"exists": false}); checked for every event.
// An event then yields the candidate branches of its own (path, value) pairs, which are verified
// exactly; the number of rules stored does not enter the cost of a lookup.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <array>

#include "byte_trie.hpp"
#include "compiled_pattern.hpp"
#include "event_source.hpp"
#include "interval_index.hpp"

namespace ebs::pattern::detail {

struct Anchor {
  enum class Kind : uint8_t { kKeyed, kPresence, kAlways };
  Kind kind = Kind::kAlways;
  uint32_t test = 0;  // index into Pattern::tests (kKeyed, kPresence)
};

// An address as a comparable key: its size (4 or 16) then its bytes, so IPv4 and IPv6 never mix.
using IpKey = std::array<uint8_t, 17>;
IpKey ip_sort_key(const IpAddress& a);

class RuleIndex {
 public:
  Anchor add(BranchRef ref, const Pattern& p);
  void remove(BranchRef ref, const Pattern& p, const Anchor& anchor);
  // Appends the candidate branches for the event (unsorted, possibly repeated).
  void collect(const FlatEvent& event, std::vector<BranchRef>& out) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using RefMap = std::unordered_map<std::string, std::vector<BranchRef>, Hash, std::equal_to<>>;

  struct PathIndex {
    RefMap exact;   // typed value keys
    RefMap folded;  // equals-ignore-case
    ByteTrie prefix{false};
    ByteTrie prefix_folded{false};
    ByteTrie suffix{true};
    ByteTrie suffix_folded{true};
    IntervalIndex<double> numbers;
    IntervalIndex<IpKey> ips;
    std::vector<BranchRef> presence;
    size_t entries = 0;
  };

  enum class KeyKind : uint8_t {
    kExact,
    kFolded,
    kPrefix,
    kPrefixFolded,
    kSuffix,
    kSuffixFolded,
    kNumberRange,
    kIpRange,
  };
  struct Key {
    KeyKind kind;
    std::string bytes;
    double lo = 0;
    double hi = 0;
    IpKey ip_lo{};
    IpKey ip_hi{};
  };
  // Keys of a test, or false when some alternative cannot be keyed.
  static bool keys_of(const FieldTest& t, std::vector<Key>& keys);
  size_t cost(const std::string& path, const std::vector<Key>& keys) const;
  void lookup_value(const PathIndex& pi, const EventValue& v, std::vector<BranchRef>& out) const;

  std::unordered_map<std::string, PathIndex, Hash, std::equal_to<>> paths_;
  std::vector<BranchRef> always_;
};

}  // namespace ebs::pattern::detail
