// Wildcard parsing, matching (greedy segment search, linear in the input) and complexity
// (subset simulation of the wildcard prefixes' NFA).
#include "wildcard.hpp"

#include <string.h>

#include <algorithm>
#include <set>
#include <unordered_set>

namespace ebs::pattern::detail {

std::optional<std::string> Wildcard::parse(std::string_view text, Wildcard& out) {
  out.segments_.assign(1, std::string());
  out.tokens_.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '*') {
      if (i + 1 < text.size() && text[i + 1] == '*') {
        return "Consecutive wildcard characters at pos " + std::to_string(i + 1);
      }
      out.segments_.emplace_back();
      out.tokens_.push_back(kStar);
    } else if (c == '\\') {
      if (i + 1 < text.size() && (text[i + 1] == '*' || text[i + 1] == '\\')) {
        out.segments_.back().push_back(text[i + 1]);
        out.tokens_.push_back(static_cast<unsigned char>(text[i + 1]));
        ++i;
        continue;
      }
      return "Invalid escape character at pos " + std::to_string(i + 1);
    } else {
      out.segments_.back().push_back(c);
      out.tokens_.push_back(static_cast<unsigned char>(c));
    }
  }
  return std::nullopt;
}

bool Wildcard::matches(std::string_view s) const {
  if (segments_.size() == 1) return s == segments_.front();
  const std::string& head = segments_.front();
  const std::string& tail = segments_.back();
  if (s.size() < head.size() + tail.size()) return false;
  if (s.compare(0, head.size(), head) != 0) return false;
  if (s.compare(s.size() - tail.size(), tail.size(), tail) != 0) return false;
  // Middle segments, leftmost-first, inside the window between head and tail. Greedy leftmost
  // placement is optimal for '*' (any run), and memmem is linear, so this is O(|s|).
  const char* pos = s.data() + head.size();
  const char* end = s.data() + s.size() - tail.size();
  for (size_t k = 1; k + 1 < segments_.size(); ++k) {
    const std::string& seg = segments_[k];
    if (seg.empty()) continue;
    if (static_cast<size_t>(end - pos) < seg.size()) return false;
    const void* hit = memmem(pos, static_cast<size_t>(end - pos), seg.data(), seg.size());
    if (hit == nullptr) return false;
    pos = static_cast<const char*>(hit) + seg.size();
  }
  return true;
}

namespace {

// A state of the simulation: the set of (pattern, prefix length) pairs matched by the input read
// so far, as sorted global position ids. Position ids: offset[p] + prefix length.
using StateSet = std::vector<uint32_t>;

struct StateHash {
  size_t operator()(const StateSet& s) const {
    size_t h = 1469598103934665603ull;
    for (uint32_t v : s) h = (h ^ v) * 1099511628211ull;
    return h;
  }
};

}  // namespace

int wildcard_complexity(const std::vector<const Wildcard*>& patterns, int limit) {
  // Deduplicate identical patterns: event-ruler counts a repeated pattern once.
  std::vector<const std::vector<int16_t>*> toks;
  {
    std::set<std::vector<int16_t>> seen;
    for (const Wildcard* w : patterns) {
      if (seen.insert(w->tokens()).second) toks.push_back(&w->tokens());
    }
  }
  if (toks.empty()) return 0;
  std::vector<uint32_t> offset;
  std::vector<uint32_t> owner;  // position id -> pattern index
  for (size_t p = 0; p < toks.size(); ++p) {
    offset.push_back(static_cast<uint32_t>(owner.size()));
    for (size_t i = 0; i <= toks[p]->size(); ++i) owner.push_back(static_cast<uint32_t>(p));
  }
  auto token_at = [&](uint32_t pos_id, uint32_t len) -> int {
    // token number `len` (1-based) of the pattern owning pos_id
    const auto& t = *toks[owner[pos_id]];
    return t[len - 1];
  };
  auto length_of = [&](uint32_t pos_id) { return pos_id - offset[owner[pos_id]]; };
  auto size_of = [&](uint32_t pos_id) {
    return static_cast<uint32_t>(toks[owner[pos_id]]->size());
  };

  // Closure: a star can match the empty string.
  auto close = [&](StateSet& s) {
    for (size_t k = 0; k < s.size(); ++k) {
      uint32_t id = s[k];
      uint32_t len = length_of(id);
      if (len < size_of(id) && token_at(id, len + 1) == Wildcard::kStar) s.push_back(id + 1);
    }
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  };
  auto weight = [&](const StateSet& s) {
    int w = 0;
    for (uint32_t id : s) w += length_of(id) != 0 ? 1 : 0;
    return w;
  };

  std::vector<int> alphabet;
  {
    bool present[256] = {};
    for (const auto* t : toks) {
      for (int16_t tok : *t) {
        if (tok != Wildcard::kStar) present[tok] = true;
      }
    }
    int other = -1;
    for (int c = 0; c < 256; ++c) {
      if (present[c]) {
        alphabet.push_back(c);
      } else if (other < 0) {
        other = c;
      }
    }
    if (other >= 0) alphabet.push_back(other);
  }

  StateSet start;
  for (size_t p = 0; p < toks.size(); ++p) start.push_back(offset[p]);
  close(start);
  int best = weight(start);
  if (best >= limit) return limit;

  constexpr size_t kMaxStates = 20000;
  std::unordered_set<StateSet, StateHash> visited;
  std::vector<StateSet> queue;
  visited.insert(start);
  queue.push_back(std::move(start));
  StateSet next;
  while (!queue.empty()) {
    StateSet cur = std::move(queue.back());
    queue.pop_back();
    for (int c : alphabet) {
      next.clear();
      for (uint32_t id : cur) {
        uint32_t len = length_of(id);
        if (len > 0 && token_at(id, len) == Wildcard::kStar) next.push_back(id);  // star eats c
        if (len < size_of(id) && token_at(id, len + 1) == c) next.push_back(id + 1);
      }
      if (next.empty()) continue;
      close(next);
      int w = weight(next);
      if (w >= limit) return limit;
      best = std::max(best, w);
      if (visited.size() >= kMaxStates) return limit;
      if (visited.insert(next).second) queue.push_back(next);
    }
  }
  return best;
}

}  // namespace ebs::pattern::detail
