// Branch evaluation with array consistency (see branch_matcher.hpp).
#include "branch_matcher.hpp"

#include <algorithm>
#include <unordered_map>

#include "value_matcher.hpp"

namespace ebs::pattern::detail {
namespace {

class Search {
 public:
  Search(const std::vector<TestInput>& inputs, const ArrayStep* chains)
      : in_(inputs), chains_(chains) {}

  bool run() {
    const size_t n = in_.size();
    accepted_.clear();
    accepted_begin_.assign(n + 1, 0);
    bool any_chain = false;
    for (size_t k = 0; k < n; ++k) {
      accepted_begin_[k] = static_cast<uint32_t>(accepted_.size());
      const TestInput& ti = in_[k];
      for (size_t c = 0; c < ti.cands.size; ++c) {
        const Candidate& cand = ti.cands.data[c];
        if (cand.chain_len != 0) any_chain = true;
        if (test_accepts(*ti.test, cand.value)) accepted_.push_back(static_cast<uint32_t>(c));
      }
      bool has_value = accepted_.size() > accepted_begin_[k];
      if (!has_value && !ti.test->allows_absent) return false;
    }
    accepted_begin_[n] = static_cast<uint32_t>(accepted_.size());
    if (!any_chain) {
      // No arrays involved: every leaf is consistent with every other one.
      for (size_t k = 0; k < n; ++k) {
        bool has_value = accepted_begin_[k + 1] > accepted_begin_[k];
        bool absent_ok = in_[k].test->allows_absent && in_[k].cands.size == 0;
        if (!has_value && !absent_ok) return false;
      }
      return true;
    }
    compute_last_use();
    membership_.clear();
    // Deep arrays (long chains) would make the linear membership scans quadratic.
    size_t longest = 0;
    for (const TestInput& ti : in_) {
      for (const Candidate& c : ti.cands) longest = std::max<size_t>(longest, c.chain_len);
    }
    use_index_ = longest * n > 64;
    index_.clear();
    steps_ = 0;
    aborted_ = false;
    return dfs(0);
  }

 private:
  // For every array met by a leaf that a test may use, the last test index using it: after
  // test k, only arrays with last use > k can influence the rest of the search.
  void compute_last_use() {
    last_use_.clear();
    for (size_t k = 0; k < in_.size(); ++k) {
      const TestInput& ti = in_[k];
      auto note = [&](const Candidate& c) {
        for (uint32_t s = 0; s < c.chain_len; ++s) {
          last_use_.push_back({chains_[c.chain_begin + s].array, static_cast<uint32_t>(k)});
        }
      };
      if (ti.test->allows_absent) {
        for (const Candidate& c : ti.cands) note(c);
      } else {
        for (uint32_t a = accepted_begin_[k]; a < accepted_begin_[k + 1]; ++a) {
          note(ti.cands.data[accepted_[a]]);
        }
      }
    }
    std::sort(last_use_.begin(), last_use_.end(), [](const Use& a, const Use& b) {
      return a.array != b.array ? a.array < b.array : a.last > b.last;
    });
    last_use_.erase(std::unique(last_use_.begin(), last_use_.end(),
                                [](const Use& a, const Use& b) { return a.array == b.array; }),
                    last_use_.end());
  }

  bool used_after(const void* array, size_t k) const {
    auto it = std::lower_bound(last_use_.begin(), last_use_.end(), array,
                               [](const Use& u, const void* a) { return u.array < a; });
    return it != last_use_.end() && it->array == array && it->last > k;
  }

  // Index of the element chosen so far in `array`, or -1.
  int64_t chosen(const void* array) const {
    if (use_index_) {
      auto it = index_.find(array);
      return it == index_.end() ? -1 : static_cast<int64_t>(it->second);
    }
    for (const ArrayStep& m : membership_) {
      if (m.array == array) return m.index;
    }
    return -1;
  }

  bool consistent(const Candidate& c) const {
    for (uint32_t s = 0; s < c.chain_len; ++s) {
      const ArrayStep& step = chains_[c.chain_begin + s];
      int64_t at = chosen(step.array);
      if (at >= 0 && at != step.index) return false;
    }
    return true;
  }

  void truncate(size_t mark) {
    if (use_index_) {
      for (size_t i = mark; i < membership_.size(); ++i) index_.erase(membership_[i].array);
    }
    membership_.resize(mark);
  }

  // Appends the candidate's steps that the membership lacks; returns whether any of them can
  // matter to a later test.
  bool extend(const Candidate& c, size_t k) {
    bool relevant = false;
    for (uint32_t s = 0; s < c.chain_len; ++s) {
      const ArrayStep& step = chains_[c.chain_begin + s];
      if (chosen(step.array) < 0) {
        membership_.push_back(step);
        if (use_index_) index_.emplace(step.array, step.index);
        relevant = relevant || used_after(step.array, k);
      }
    }
    return relevant;
  }

  bool dfs(size_t k) {
    if (k == in_.size()) return true;
    if (++steps_ > kMaxSearchSteps) {
      aborted_ = true;
      return false;
    }
    const TestInput& ti = in_[k];
    if (ti.test->allows_absent) {
      bool present = false;
      for (const Candidate& c : ti.cands) {
        if (consistent(c)) {
          present = true;
          break;
        }
      }
      if (!present) {
        if (dfs(k + 1)) return true;
        if (aborted_) return false;
      }
    }
    bool tried_neutral = false;  // a choice that leaves the rest of the search unchanged
    for (uint32_t a = accepted_begin_[k]; a < accepted_begin_[k + 1]; ++a) {
      const Candidate& c = ti.cands.data[accepted_[a]];
      if (!consistent(c)) continue;
      size_t mark = membership_.size();
      bool relevant = extend(c, k);
      if (!relevant && tried_neutral) {
        truncate(mark);
        continue;
      }
      bool ok = dfs(k + 1);
      truncate(mark);
      if (ok) return true;
      if (aborted_) return false;
      if (!relevant) tried_neutral = true;
    }
    return false;
  }

  struct Use {
    const void* array;
    uint32_t last;
  };

  const std::vector<TestInput>& in_;
  const ArrayStep* chains_;
  // Reused per thread through the static scratch below.
  static thread_local std::vector<uint32_t> accepted_;
  static thread_local std::vector<uint32_t> accepted_begin_;
  static thread_local std::vector<ArrayStep> membership_;
  static thread_local std::vector<Use> last_use_;
  static thread_local std::unordered_map<const void*, uint32_t> index_;
  bool use_index_ = false;
  size_t steps_ = 0;
  bool aborted_ = false;
};

thread_local std::vector<uint32_t> Search::accepted_;
thread_local std::vector<uint32_t> Search::accepted_begin_;
thread_local std::vector<ArrayStep> Search::membership_;
thread_local std::vector<Search::Use> Search::last_use_;
thread_local std::unordered_map<const void*, uint32_t> Search::index_;

}  // namespace

bool eval_branch(const std::vector<TestInput>& inputs, const ArrayStep* chains) {
  Search search(inputs, chains);
  return search.run();
}

}  // namespace ebs::pattern::detail
