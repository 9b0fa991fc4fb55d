// Pattern validation and compilation: event-ruler's JsonRuleCompiler rules (structure, operator
// syntax, $or expansion, last-one-wins for a path given twice) and its error texts, plus the
// wildcard-complexity and size limits EventBridge applies.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "compiled_pattern.hpp"

namespace ebs::pattern::detail {

struct ParseOutcome {
  std::shared_ptr<Pattern> pattern;
  std::string reason;  // AWS reason text (after "Event pattern is not valid. Reason: ")
};

ParseOutcome parse_pattern(std::string_view text);

// Number of Unicode code points in UTF-8 text.
size_t code_points(std::string_view text);

}  // namespace ebs::pattern::detail
