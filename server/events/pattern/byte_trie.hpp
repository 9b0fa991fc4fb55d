// A byte trie from keys to rule-branch references, walked along an event string to find every
// registered prefix (or, built reversed, every suffix) of it in O(length of the string).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace ebs::pattern::detail {

struct BranchRef {
  uint32_t slot;
  uint32_t branch;
  friend bool operator==(const BranchRef& a, const BranchRef& b) {
    return a.slot == b.slot && a.branch == b.branch;
  }
  friend bool operator<(const BranchRef& a, const BranchRef& b) {
    return a.slot != b.slot ? a.slot < b.slot : a.branch < b.branch;
  }
};

class ByteTrie {
 public:
  explicit ByteTrie(bool reversed = false) : reversed_(reversed), nodes_(1) {}

  void insert(std::string_view key, BranchRef ref);
  void erase(std::string_view key, BranchRef ref);
  size_t refs_at(std::string_view key) const;
  bool empty() const { return count_ == 0; }

  // Appends the references of every key that is a prefix (suffix when reversed) of `s`.
  void collect(std::string_view s, std::vector<BranchRef>& out) const;

 private:
  struct Node {
    std::vector<std::pair<uint8_t, uint32_t>> kids;  // sorted by byte
    std::vector<BranchRef> refs;
  };
  uint8_t byte_at(std::string_view s, size_t i) const {
    return static_cast<uint8_t>(reversed_ ? s[s.size() - 1 - i] : s[i]);
  }
  int64_t child(uint32_t node, uint8_t b) const;
  int64_t find(std::string_view key) const;

  bool reversed_;
  std::vector<Node> nodes_;
  size_t count_ = 0;
};

}  // namespace ebs::pattern::detail
