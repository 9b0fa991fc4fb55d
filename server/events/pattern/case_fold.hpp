// Case-insensitive comparison for equals-ignore-case and the ignore-case forms of prefix,
// suffix and anything-but: simple (one code point to one code point) lowercase folding of
// ASCII, Latin-1, Latin Extended-A/Additional, Greek, Cyrillic, Armenian and fullwidth Latin.
#pragma once

#include <string>
#include <string_view>

namespace ebs::pattern::detail {

// Appends the folded form of UTF-8 `s` to `out`. Invalid UTF-8 bytes are copied unchanged.
void fold_case_append(std::string_view s, std::string& out);

inline std::string fold_case(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  fold_case_append(s, out);
  return out;
}

}  // namespace ebs::pattern::detail
