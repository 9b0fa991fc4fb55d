// The "wildcard" operator: parsing with event-ruler's escape rules and error messages, linear-time
// matching, and the rule-complexity measure EventBridge uses to refuse costly wildcard sets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ebs::pattern::detail {

class Wildcard {
 public:
  // Parses `text` ("\*" is a literal star, "\\" a backslash, any other escape and "**" are
  // errors). Returns the AWS reason text on error; positions count UTF-8 bytes and include the
  // opening quote, as event-ruler reports them.
  static std::optional<std::string> parse(std::string_view text, Wildcard& out);

  bool matches(std::string_view s) const;

  bool has_star() const { return segments_.size() > 1; }
  // Literal text before the first star / after the last star (the whole text when no star).
  const std::string& literal_prefix() const { return segments_.front(); }
  const std::string& literal_suffix() const { return segments_.back(); }
  // Bytes and stars (kStar) of the unescaped pattern, for the complexity measure.
  static constexpr int kStar = 256;
  const std::vector<int16_t>& tokens() const { return tokens_; }

 private:
  std::vector<std::string> segments_;  // literal runs between stars; size = stars + 1
  std::vector<int16_t> tokens_;
};

// Largest number of wildcard prefixes (of all the given patterns, counted per pattern) that one
// input string can match at once: event-ruler's MachineComplexityEvaluator measure. Stops early
// and returns `limit` once that is reached (also when the search space is too large to explore).
int wildcard_complexity(const std::vector<const Wildcard*>& patterns, int limit);

// EventBridge refuses a rule whose wildcard complexity exceeds this value (AWS accepts sets
// measuring 8 and refuses "*:*:*:*:*:event-bus/*", which measures 11).
inline constexpr int kMaxWildcardComplexity = 10;

}  // namespace ebs::pattern::detail
