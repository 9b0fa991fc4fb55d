// Byte trie (see byte_trie.hpp).
#include "byte_trie.hpp"

#include <algorithm>

namespace ebs::pattern::detail {

int64_t ByteTrie::child(uint32_t node, uint8_t b) const {
  const auto& kids = nodes_[node].kids;
  auto it = std::lower_bound(
      kids.begin(), kids.end(), b,
      [](const std::pair<uint8_t, uint32_t>& k, uint8_t v) { return k.first < v; });
  if (it == kids.end() || it->first != b) return -1;
  return it->second;
}

int64_t ByteTrie::find(std::string_view key) const {
  int64_t node = 0;
  for (size_t i = 0; i < key.size() && node >= 0; ++i) {
    node = child(static_cast<uint32_t>(node), byte_at(key, i));
  }
  return node;
}

void ByteTrie::insert(std::string_view key, BranchRef ref) {
  uint32_t node = 0;
  for (size_t i = 0; i < key.size(); ++i) {
    uint8_t b = byte_at(key, i);
    int64_t next = child(node, b);
    if (next < 0) {
      next = static_cast<int64_t>(nodes_.size());
      auto& kids = nodes_[node].kids;
      auto it = std::lower_bound(
          kids.begin(), kids.end(), b,
          [](const std::pair<uint8_t, uint32_t>& k, uint8_t v) { return k.first < v; });
      kids.insert(it, {b, static_cast<uint32_t>(next)});
      nodes_.emplace_back();
    }
    node = static_cast<uint32_t>(next);
  }
  nodes_[node].refs.push_back(ref);
  ++count_;
}

void ByteTrie::erase(std::string_view key, BranchRef ref) {
  int64_t node = find(key);
  if (node < 0) return;
  auto& refs = nodes_[static_cast<size_t>(node)].refs;
  auto it = std::find(refs.begin(), refs.end(), ref);
  if (it == refs.end()) return;
  *it = refs.back();
  refs.pop_back();
  --count_;
}

size_t ByteTrie::refs_at(std::string_view key) const {
  int64_t node = find(key);
  return node < 0 ? 0 : nodes_[static_cast<size_t>(node)].refs.size();
}

void ByteTrie::collect(std::string_view s, std::vector<BranchRef>& out) const {
  int64_t node = 0;
  for (size_t i = 0;; ++i) {
    const auto& refs = nodes_[static_cast<size_t>(node)].refs;
    out.insert(out.end(), refs.begin(), refs.end());
    if (i == s.size()) break;
    node = child(static_cast<uint32_t>(node), byte_at(s, i));
    if (node < 0) break;
  }
}

}  // namespace ebs::pattern::detail
