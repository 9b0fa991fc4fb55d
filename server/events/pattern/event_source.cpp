// Event traversal for matching: on-demand navigation along a path, and full flattening.
// Both are iterative (no recursion), so deeply nested events cannot exhaust the stack.
#include "event_source.hpp"

#include <algorithm>

namespace ebs::pattern::detail {

void TreeNavigator::reset(const nlohmann::json& event, size_t path_count) {
  event_ = &event;
  ranges_.assign(path_count, Range{});
  cands_.clear();
  chains_.clear();
}

void TreeNavigator::emit(const nlohmann::json& leaf, int32_t chain) {
  Candidate c;
  c.value = EventValue::of(leaf);
  c.chain_begin = static_cast<uint32_t>(chains_.size());
  for (int32_t n = chain; n >= 0; n = nodes_[static_cast<size_t>(n)].parent) {
    chains_.push_back({nodes_[static_cast<size_t>(n)].array, nodes_[static_cast<size_t>(n)].index});
  }
  c.chain_len = static_cast<uint32_t>(chains_.size()) - c.chain_begin;
  cands_.push_back(c);
}

void TreeNavigator::collect(uint32_t path_id, std::string_view path) {
  Range& r = ranges_[path_id];
  if (r.done) return;
  r.done = true;
  r.begin = static_cast<uint32_t>(cands_.size());
  const auto consumed = static_cast<uint32_t>(path.size() + 1);
  nodes_.clear();
  work_.clear();
  if (event_->is_object()) work_.push_back({event_, 0, -1});
  while (!work_.empty()) {
    Work w = work_.back();
    work_.pop_back();
    const nlohmann::json& node = *w.node;
    if (node.is_array()) {
      // Arrays are transparent for paths: each element continues at the same path position.
      uint32_t i = 0;
      for (const nlohmann::json& elem : node) {
        if (w.key_start == consumed ? (elem.is_object() || (elem.is_array() && elem.empty()))
                                    : !elem.is_structured()) {
          ++i;
          continue;
        }
        nodes_.push_back({&node, i, w.chain});
        int32_t chain = static_cast<int32_t>(nodes_.size()) - 1;
        if (w.key_start == consumed && !elem.is_array()) {
          emit(elem, chain);
        } else {
          work_.push_back({&elem, w.key_start, chain});
        }
        ++i;
      }
      continue;
    }
    if (!node.is_object() || w.key_start == consumed) continue;
    const auto& obj = node.get_ref<const nlohmann::json::object_t&>();
    // The key may run to the end of the path or to any later '.', because "a.b" in a pattern
    // also matches an event key "a.b" (event-ruler joins keys with dots).
    size_t end = w.key_start;
    while (true) {
      end = path.find('.', end);
      size_t key_end = end == std::string_view::npos ? path.size() : end;
      auto it = obj.find(path.substr(w.key_start, key_end - w.key_start));
      if (it != obj.end()) {
        const nlohmann::json& child = it->second;
        if (key_end == path.size()) {
          if (is_leaf(child)) {
            emit(child, w.chain);
          } else if (child.is_array()) {
            work_.push_back({&child, consumed, w.chain});
          }
        } else if (child.is_structured()) {
          work_.push_back({&child, static_cast<uint32_t>(key_end + 1), w.chain});
        }
      }
      if (end == std::string_view::npos) break;
      ++end;
    }
  }
  r.end = static_cast<uint32_t>(cands_.size());
}

CandidateSpan TreeNavigator::candidates(uint32_t path_id) const {
  const Range& r = ranges_[path_id];
  return {cands_.data() + r.begin, r.end - r.begin};
}

void FlatEvent::build(const nlohmann::json& event) {
  paths_.clear();
  leaves_.clear();
  chains_.clear();
  sorted_cands_.clear();
  cur_path_.clear();
  cur_chain_.clear();
  stack_.clear();
  if (!event.is_object() || event.empty()) return;
  stack_.push_back({&event, event.cbegin(), 0, 0, 0, true});
  while (!stack_.empty()) {
    Frame& f = stack_.back();
    if (f.it == f.node->cend()) {
      stack_.pop_back();
      continue;
    }
    const nlohmann::json& child = *f.it;
    cur_path_.resize(f.path_len);
    cur_chain_.resize(f.chain_len);
    if (f.node->is_object()) {
      if (!f.root) cur_path_.push_back('.');
      cur_path_ += f.it.key();
    } else {
      cur_chain_.push_back({f.node, f.index});
    }
    ++f.it;
    ++f.index;
    if (child.is_structured()) {
      if (!child.empty()) {
        stack_.push_back({&child, child.cbegin(), 0, static_cast<uint32_t>(cur_path_.size()),
                          static_cast<uint32_t>(cur_chain_.size()), false});
      }
      continue;
    }
    Leaf leaf;
    leaf.path_begin = static_cast<uint32_t>(paths_.size());
    leaf.path_len = static_cast<uint32_t>(cur_path_.size());
    paths_ += cur_path_;
    leaf.cand.value = EventValue::of(child);
    leaf.cand.chain_begin = static_cast<uint32_t>(chains_.size());
    leaf.cand.chain_len = static_cast<uint32_t>(cur_chain_.size());
    chains_.insert(chains_.end(), cur_chain_.begin(), cur_chain_.end());
    leaves_.push_back(leaf);
  }
  std::stable_sort(leaves_.begin(), leaves_.end(),
                   [this](const Leaf& a, const Leaf& b) { return path(a) < path(b); });
  sorted_cands_.reserve(leaves_.size());
  for (const Leaf& l : leaves_) sorted_cands_.push_back(l.cand);
}

CandidateSpan FlatEvent::candidates(std::string_view p) const {
  auto lo = std::lower_bound(leaves_.begin(), leaves_.end(), p,
                             [this](const Leaf& l, std::string_view key) { return path(l) < key; });
  auto hi = lo;
  while (hi != leaves_.end() && path(*hi) == p) ++hi;
  auto first = static_cast<size_t>(lo - leaves_.begin());
  return {sorted_cands_.data() + first, static_cast<size_t>(hi - lo)};
}

}  // namespace ebs::pattern::detail
