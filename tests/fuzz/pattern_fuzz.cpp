// libFuzzer target for the pattern engine: compile arbitrary pattern text, then match it against
// the input's event (and fixed EBS events) through matches(), RuleSet and TestEventPattern,
// trapping if the direct matcher and the RuleSet index ever disagree.
//
// Input layout: <pattern text> [ "\n--\n" <event text> ].
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pattern.hpp"

namespace {

constexpr std::string_view kSeparator = "\n--\n";

const nlohmann::json& fixed_events() {
  static const nlohmann::json events = nlohmann::json::parse(R"([
    {"version": "0", "id": "6f1c0a7e-0000-4000-8000-000000000001",
     "detail-type": "EBS Volume Notification", "source": "aws.ec2", "account": "111111111111",
     "time": "2025-01-02T03:04:05Z", "region": "us-east-1",
     "resources": ["arn:aws:ec2:us-east-1:111111111111:volume/vol-0abc"],
     "detail": {"result": "failed", "cause": "arn:aws:kms:us-east-1:111111111111:key/k is disabled.",
                "event": "createVolume", "request-id": "r-1"}},
    {"version": "0", "id": "2", "detail-type": "EBS Snapshot Notification", "source": "aws.ec2",
     "account": "111111111111", "time": "2025-01-02T03:04:05Z", "region": "us-east-1",
     "resources": ["arn:aws:ec2::us-east-1:snapshot/snap-0abc"],
     "detail": {"event": "createSnapshots", "result": "succeeded", "cause": "", "request-id": "",
                "snapshots": [{"snapshot_id": "arn:aws:ec2::us-east-1:snapshot/snap-1",
                               "source": "arn:aws:ec2::us-east-1:volume/vol-1", "status": "completed"},
                              {"snapshot_id": "arn:aws:ec2::us-east-1:snapshot/snap-2",
                               "source": "arn:aws:ec2::us-east-1:volume/vol-2", "status": "error"}],
                "n": 300.0, "ip": "10.0.0.1", "nil": null, "flag": true, "a.b": {"c": [1, [2, "x"]]}}}
  ])");
  return events;
}

void check(const ebs::pattern::Pattern& p, const nlohmann::json& event) {
  bool direct = ebs::pattern::matches(p, event);
  ebs::pattern::RuleSet rules;
  rules.add("r", std::shared_ptr<const ebs::pattern::Pattern>(&p, [](const auto*) {}));
  bool indexed = !rules.match(event).empty();
  if (direct != indexed) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view pattern_text = input;
  std::string_view event_text;
  if (size_t sep = input.find(kSeparator); sep != std::string_view::npos) {
    pattern_text = input.substr(0, sep);
    event_text = input.substr(sep + kSeparator.size());
  }
  ebs::pattern::CompileResult compiled = ebs::pattern::compile(pattern_text);
  if (compiled.pattern == nullptr) {
    if (compiled.error.empty()) __builtin_trap();
  } else {
    for (const nlohmann::json& event : fixed_events()) check(*compiled.pattern, event);
  }
  if (!event_text.empty()) {
    nlohmann::json event = nlohmann::json::parse(event_text, nullptr, false);
    if (compiled.pattern && !event.is_discarded()) check(*compiled.pattern, event);
    ebs::pattern::TestResult r = ebs::pattern::test_event_pattern(pattern_text, event_text);
    if (!r.error_code.empty() && r.matched) __builtin_trap();
  }
  return 0;
}
