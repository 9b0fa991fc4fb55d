// An index of closed intervals (numeric ranges, IP address blocks) to rule-branch references.
// A lookup for a point scans whichever is smaller: the intervals starting at or below the point
// (sorted by lower bound) or those ending at or above it (sorted by upper bound), so its cost
// follows the answer for the usual layouts (disjoint ranges, thresholds) rather than the total.
// Intervals may be wider than the real test (open bounds are stored closed): candidates are
// always verified exactly.
#pragma once

#include <algorithm>
#include <vector>

#include "byte_trie.hpp"

namespace ebs::pattern::detail {

template <class K>
class IntervalIndex {
 public:
  void insert(const K& lo, const K& hi, BranchRef ref) {
    Entry e{lo, hi, ref};
    by_lo_.insert(std::upper_bound(by_lo_.begin(), by_lo_.end(), e, lo_less), e);
    by_hi_.insert(std::upper_bound(by_hi_.begin(), by_hi_.end(), e, hi_less), e);
  }

  void erase(const K& lo, const K& hi, BranchRef ref) {
    Entry e{lo, hi, ref};
    erase_from(by_lo_, e, lo_less);
    erase_from(by_hi_, e, hi_less);
  }

  bool empty() const { return by_lo_.empty(); }
  size_t size() const { return by_lo_.size(); }

  void collect(const K& x, std::vector<BranchRef>& out) const {
    auto lo_end = std::upper_bound(by_lo_.begin(), by_lo_.end(), x,
                                   [](const K& v, const Entry& e) { return v < e.lo; });
    auto hi_begin = std::lower_bound(by_hi_.begin(), by_hi_.end(), x,
                                     [](const Entry& e, const K& v) { return e.hi < v; });
    if (lo_end - by_lo_.begin() <= by_hi_.end() - hi_begin) {
      for (auto it = by_lo_.begin(); it != lo_end; ++it) {
        if (!(it->hi < x)) out.push_back(it->ref);
      }
    } else {
      for (auto it = hi_begin; it != by_hi_.end(); ++it) {
        if (!(x < it->lo)) out.push_back(it->ref);
      }
    }
  }

 private:
  struct Entry {
    K lo;
    K hi;
    BranchRef ref;
  };
  static bool lo_less(const Entry& a, const Entry& b) { return a.lo < b.lo; }
  static bool hi_less(const Entry& a, const Entry& b) { return a.hi < b.hi; }

  template <class Less>
  static void erase_from(std::vector<Entry>& v, const Entry& e, Less less) {
    auto range = std::equal_range(v.begin(), v.end(), e, less);
    for (auto it = range.first; it != range.second; ++it) {
      if (it->ref == e.ref && !(it->lo < e.lo) && !(e.lo < it->lo) && !(it->hi < e.hi) &&
          !(e.hi < it->hi)) {
        v.erase(it);
        return;
      }
    }
  }

  std::vector<Entry> by_lo_;
  std::vector<Entry> by_hi_;
};

}  // namespace ebs::pattern::detail
