// Public API of the EventBridge event-pattern engine (library `ebs_pattern`).
//
// A pattern is compiled once (`compile`) into an immutable `Pattern` that may be shared across
// threads and matched against any number of events (`matches`). `RuleSet` holds many compiled
// patterns under rule ids and finds every rule matching an event, with a cost per event that
// depends on the event and on the matching rules, not on the number of rules (rules are indexed
// by field path and value). `test_event_pattern` is the whole of EventBridge's TestEventPattern
// operation minus the HTTP wire format.
//
// Semantics follow Amazon EventBridge as recorded against the real service, which runs the
// open-source aws/event-ruler; docs/patterns.md lists the operators and every deliberate choice.
// Errors use AWS's exact wording. Nothing here throws: errors are values.
//
// Thread-safety: `compile`, `matches` and `test_event_pattern` are reentrant. A `RuleSet` may be
// matched from several threads at once; `add`/`remove` need exclusive access (like std
// containers).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace ebs::pattern {

class Pattern;  // immutable compiled pattern, shareable across threads

// EventPattern length limit of the EventBridge API model, counted in Unicode code points.
inline constexpr std::size_t kMaxPatternLength = 4096;

struct CompileResult {
  std::shared_ptr<const Pattern> pattern;  // null on error
  // On error: the full AWS message, e.g.
  // "Event pattern is not valid. Reason: \"source\" must be an object or an array"
  // (first line only, without Jackson's location suffix).
  std::string error;
};

// Validates (JSON syntax with Jackson's messages, operator syntax, length <= kMaxPatternLength,
// nesting depth, wildcard complexity, $or expansion) and compiles. Every error is AWS's
// InvalidEventPatternException message except the length one, which is AWS's
// ValidationException text: an API layer should test the length first to pick the error code.
CompileResult compile(std::string_view pattern_text);

// True when the event (a JSON object) matches the pattern.
bool matches(const Pattern& p, const nlohmann::json& event);

// Many patterns at once. Matching indexes the rules on field paths and values (exact values,
// prefixes, suffixes, case-folded values), so the cost per event grows with the number of
// candidate rules, not with the number of rules.
class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  void add(const std::string& rule_id, std::shared_ptr<const Pattern> p);  // replaces if present
  void remove(const std::string& rule_id);
  // Ids of the matching rules, each once, sorted.
  std::vector<std::string> match(const nlohmann::json& event) const;
  size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// For TestEventPattern: validates the event the way AWS does (not JSON, not an object, or
// missing any of id, account, source, time, region, detail-type -> ValidationException
// "Parameter Event is not valid."), then the pattern (InvalidEventPatternException, or
// ValidationException when it is longer than kMaxPatternLength), then matches.
struct TestResult {
  bool matched = false;
  std::string error_code;  // "", "InvalidEventPatternException" or "ValidationException"
  std::string error_message;
};
TestResult test_event_pattern(std::string_view pattern_text, std::string_view event_text);

}  // namespace ebs::pattern
