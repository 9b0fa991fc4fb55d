// EventBridge's error codes and AWS's exact messages, as named factories of AwsError, plus the
// smithy "N validation error(s) detected" collector used for member constraints.
#pragma once

#include <cctype>
#include <string>
#include <vector>

#include "core/aws_error.hpp"

namespace ebs::events {

inline AwsError validation(const std::string& message) {
  return AwsError("ValidationException", message);
}
inline AwsError not_found(const std::string& message) {
  return AwsError("ResourceNotFoundException", message);
}
inline AwsError bus_not_found(const std::string& bus) {
  return not_found("Event bus " + bus + " does not exist.");
}
inline AwsError rule_not_found(const std::string& rule, const std::string& bus) {
  return not_found("Rule " + rule + " does not exist on EventBus " + bus + ".");
}
inline AwsError already_exists(const std::string& message) {
  return AwsError("ResourceAlreadyExistsException", message);
}
inline AwsError limit_exceeded(const std::string& message) {
  return AwsError("LimitExceededException", message);
}
inline AwsError invalid_pattern(const std::string& message) {
  return AwsError("InvalidEventPatternException", message);
}

// Collects smithy member-constraint violations and throws them as one ValidationException:
// "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must ...".
class Violations {
 public:
  void add(const std::string& value, const std::string& member, const std::string& constraint) {
    items_.push_back("Value '" + value + "' at '" + member +
                     "' failed to satisfy constraint: Member must " + constraint);
  }
  void null_value(const std::string& member) {
    items_.push_back("Value null at '" + member +
                     "' failed to satisfy constraint: Member must not be null");
  }
  // Name-like members: length and the regular expression.
  void name(const std::string& value, const std::string& member, size_t max_len,
            const std::string& regex_text, bool (*valid)(const std::string&)) {
    if (value.size() > max_len) {
      add(value, member, "have length less than or equal to " + std::to_string(max_len));
    }
    if (value.empty()) add(value, member, "have length greater than or equal to 1");
    if (!valid(value)) add(value, member, "satisfy regular expression pattern: " + regex_text);
  }
  bool empty() const { return items_.empty(); }
  void throw_if_any() const {
    if (items_.empty()) return;
    std::string message =
        std::to_string(items_.size()) +
        (items_.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (size_t i = 0; i < items_.size(); ++i) {
      if (i) message += "; ";
      message += items_[i];
    }
    throw validation(message);
  }

 private:
  std::vector<std::string> items_;
};

// [\.\-_A-Za-z0-9]+ (rule names, target ids)
inline bool is_rule_name(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'))
      return false;
  }
  return true;
}
// [/\.\-_A-Za-z0-9]+ (event bus names)
inline bool is_bus_name(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
          c == '/'))
      return false;
  }
  return true;
}

inline constexpr const char* kRuleNameRegex = "[\\.\\-_A-Za-z0-9]+";
inline constexpr const char* kBusNameRegex = "[/\\.\\-_A-Za-z0-9]+";

}  // namespace ebs::events
