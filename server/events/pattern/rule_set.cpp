// RuleSet: rule ids -> compiled patterns, the index over their branches, and matching.
#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "branch_matcher.hpp"
#include "compiled_pattern.hpp"
#include "event_source.hpp"
#include "pattern.hpp"
#include "rule_index.hpp"

namespace ebs::pattern {

struct RuleSet::Impl {
  struct Slot {
    std::string id;
    std::shared_ptr<const Pattern> pattern;
    std::vector<detail::Anchor> anchors;  // one per branch
  };
  std::vector<Slot> slots;
  std::vector<uint32_t> free_slots;
  std::unordered_map<std::string, uint32_t> by_id;
  detail::RuleIndex index;
};

RuleSet::RuleSet() : impl_(std::make_unique<Impl>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

void RuleSet::add(const std::string& rule_id, std::shared_ptr<const Pattern> p) {
  remove(rule_id);
  if (!p) return;
  uint32_t slot = 0;
  if (!impl_->free_slots.empty()) {
    slot = impl_->free_slots.back();
    impl_->free_slots.pop_back();
  } else {
    slot = static_cast<uint32_t>(impl_->slots.size());
    impl_->slots.emplace_back();
  }
  Impl::Slot& s = impl_->slots[slot];
  s.id = rule_id;
  s.pattern = std::move(p);
  s.anchors.clear();
  for (uint32_t b = 0; b < s.pattern->branches.size(); ++b) {
    s.anchors.push_back(impl_->index.add({slot, b}, *s.pattern));
  }
  impl_->by_id.emplace(rule_id, slot);
}

void RuleSet::remove(const std::string& rule_id) {
  auto it = impl_->by_id.find(rule_id);
  if (it == impl_->by_id.end()) return;
  uint32_t slot = it->second;
  Impl::Slot& s = impl_->slots[slot];
  for (uint32_t b = 0; b < s.anchors.size(); ++b) {
    impl_->index.remove({slot, b}, *s.pattern, s.anchors[b]);
  }
  s = Impl::Slot{};
  impl_->free_slots.push_back(slot);
  impl_->by_id.erase(it);
}

size_t RuleSet::size() const { return impl_->by_id.size(); }

std::vector<std::string> RuleSet::match(const nlohmann::json& event) const {
  thread_local detail::FlatEvent flat;
  thread_local std::vector<detail::BranchRef> candidates;
  thread_local std::vector<detail::TestInput> inputs;
  thread_local std::vector<uint32_t> stamps;  // slot -> epoch at which it matched
  thread_local uint32_t epoch = 0;

  std::vector<std::string> result;
  if (impl_->by_id.empty()) return result;
  flat.build(event);
  candidates.clear();
  impl_->index.collect(flat, candidates);
  if (candidates.empty()) return result;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  if (++epoch == 0) {
    std::fill(stamps.begin(), stamps.end(), 0);
    epoch = 1;
  }
  if (stamps.size() < impl_->slots.size()) stamps.resize(impl_->slots.size(), 0);
  for (const detail::BranchRef& ref : candidates) {
    if (stamps[ref.slot] == epoch) continue;
    const Impl::Slot& slot = impl_->slots[ref.slot];
    const Pattern& p = *slot.pattern;
    inputs.clear();
    for (uint32_t t : p.branches[ref.branch].tests) {
      inputs.push_back({&p.tests[t], flat.candidates(p.paths[p.tests[t].path_id])});
    }
    if (detail::eval_branch(inputs, flat.chains())) {
      stamps[ref.slot] = epoch;
      result.push_back(slot.id);
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

}  // namespace ebs::pattern
