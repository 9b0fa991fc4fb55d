#include "core/filter.hpp"

#include <algorithm>
#include <iterator>

namespace ebs {

void narrow_candidates(std::optional<std::vector<std::string>>& candidates,
                       std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (!candidates) {
    candidates = std::move(ids);
    return;
  }
  std::vector<std::string> both;
  std::set_intersection(candidates->begin(), candidates->end(), ids.begin(), ids.end(),
                        std::back_inserter(both));
  candidates = std::move(both);
}

bool filter_value_matches(const std::string& pattern, const std::string& value) {
  // Iterative glob with backtracking on the last star: linear in practice, no recursion.
  size_t p = 0, v = 0, star_p = std::string::npos, star_v = 0;
  while (v < value.size()) {
    if (p < pattern.size() && pattern[p] == '\\' && p + 1 < pattern.size()) {
      if (pattern[p + 1] == value[v]) {
        p += 2;
        ++v;
        continue;
      }
    } else if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_v = v;
      continue;
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == value[v])) {
      ++p;
      ++v;
      continue;
    }
    if (star_p == std::string::npos) return false;
    p = star_p + 1;
    v = ++star_v;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace ebs
