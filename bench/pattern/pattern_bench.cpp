// Matching throughput of the event-pattern engine: one pattern on an EBS notification, and
// RuleSets of 1 to 10,000 rules of each operator kind against an EBS notification (about 500
// bytes, aws-facts A.6) and a generic event of about 1 KB. Reports events/s (items/s).
//
// Every RuleSet benchmark also checks, once before timing, how many rules match the event, so a
// broken index cannot produce a fast but wrong figure.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pattern.hpp"

namespace {

using ebs::pattern::compile;
using ebs::pattern::RuleSet;
using nlohmann::json;

const json& ebs_event() {
  static const json e = json::parse(R"({
    "version": "0", "id": "6f1c0a7e-1111-4222-8333-444455556666",
    "detail-type": "EBS Volume Notification", "source": "aws.ec2", "account": "111111111111",
    "time": "2025-01-02T03:04:05Z", "region": "us-east-1",
    "resources": ["arn:aws:ec2:us-east-1:111111111111:volume/vol-00000"],
    "detail": {"result": "failed",
               "cause": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab is disabled.",
               "event": "createVolume", "request-id": "req-00000"}})");
  return e;
}

const json& generic_event() {
  static const json e = json::parse(R"({
    "version": "0", "id": "1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b", "detail-type": "Order Placed",
    "source": "com.example.orders", "account": "222222222222", "time": "2025-03-14T17:05:46Z",
    "region": "eu-west-1", "resources": ["arn:aws:dynamodb:eu-west-1:222222222222:table/orders"],
    "detail": {
      "order-id": "ord-00000", "customer": {"id": "cus-81723", "tier": "gold", "country": "FR",
                                            "email": "someone@example.com"},
      "total": 129.95, "currency": "EUR", "size": 0.5, "items": [
        {"sku": "SKU-123", "qty": 2, "price": 19.99, "category": "books"},
        {"sku": "SKU-456", "qty": 1, "price": 89.97, "category": "electronics"}],
      "shipping": {"method": "express", "address": {"city": "Lyon", "zip": "69002",
                                                    "street": "12 rue de la République"}},
      "source-ip": "10.0.0.33", "state": "created", "flags": ["gift", "priority"],
      "notes": "Leave the parcel at the reception desk if nobody answers the door bell.",
      "created-by": "checkout-service", "trace": "Root=1-65f3a1b2-3c4d5e6f7a8b9c0d1e2f3a4b"}})");
  return e;
}

std::string fmt(const char* f, int i) {
  char buf[256];
  std::snprintf(buf, sizeof buf, f, i, i + 1, i / 256, i % 256);
  return buf;
}

struct Kind {
  const char* name;
  // Pattern text of rule i for each event; rule 0 matches the event, the others do not.
  const char* ebs;
  const char* generic;
};

// %1$d is i, %2$d is i + 1, %3$d and %4$d are i / 256 and i % 256.
const Kind kKinds[] = {
    {"exact",
     R"({"source": ["aws.ec2"], "detail-type": ["EBS Volume Notification"], "resources": ["arn:aws:ec2:us-east-1:111111111111:volume/vol-%1$05d"]})",
     R"({"source": ["com.example.orders"], "detail": {"order-id": ["ord-%1$05d"]}})"},
    {"prefix",
     R"({"resources": [{"prefix": "arn:aws:ec2:us-east-1:111111111111:volume/vol-%1$05d"}]})",
     R"({"detail": {"order-id": [{"prefix": "ord-%1$05d"}]}})"},
    {"suffix", R"({"resources": [{"suffix": "vol-%1$05d"}]})",
     R"({"detail": {"order-id": [{"suffix": "-%1$05d"}]}})"},
    {"equals_ignore_case", R"({"detail": {"request-id": [{"equals-ignore-case": "REQ-%1$05d"}]}})",
     R"({"detail": {"order-id": [{"equals-ignore-case": "ORD-%1$05d"}]}})"},
    {"wildcard", R"({"resources": [{"wildcard": "arn:aws:ec2:*:volume/vol-%1$05d"}]})",
     R"({"detail": {"trace": [{"wildcard": "Root=1-*"}], "order-id": [{"wildcard": "ord-*%1$05d"}]}})"},
    {"numeric",
     R"({"detail": {"request-id": [{"exists": true}], "size": [{"numeric": [">", %1$d, "<=", %2$d]}]}})",
     R"({"detail": {"size": [{"numeric": [">=", %1$d, "<", %2$d]}]}})"},
    {"anything_but", R"({"detail": {"event": [{"anything-but": ["op-%1$d", "createVolume"]}]}})",
     R"({"detail": {"state": [{"anything-but": ["created", "state-%1$d"]}]}})"},
    {"exists", R"({"detail": {"field-%1$d": [{"exists": true}]}})",
     R"({"detail": {"customer": {"attr-%1$d": [{"exists": true}]}}})"},
    {"cidr",
     R"({"detail": {"request-id": [{"exists": true}], "ip": [{"cidr": "10.%3$d.%4$d.0/24"}]}})",
     R"({"detail": {"source-ip": [{"cidr": "10.%3$d.%4$d.0/24"}]}})"},
};

void BM_MatchOneRule(benchmark::State& state, const char* pattern) {
  auto compiled = compile(pattern);
  if (!compiled.pattern) {
    state.SkipWithError(compiled.error.c_str());
    return;
  }
  const json& event = ebs_event();
  if (!ebs::pattern::matches(*compiled.pattern, event)) {
    state.SkipWithError("rule does not match");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(ebs::pattern::matches(*compiled.pattern, event));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RuleSet(benchmark::State& state, const Kind* kind, bool generic) {
  const int n = static_cast<int>(state.range(0));
  const json& event = generic ? generic_event() : ebs_event();
  RuleSet rules;
  for (int i = 0; i < n; ++i) {
    std::string text = fmt(generic ? kind->generic : kind->ebs, i);
    auto compiled = compile(text);
    if (!compiled.pattern) {
      state.SkipWithError((text + ": " + compiled.error).c_str());
      return;
    }
    rules.add("rule-" + std::to_string(i), compiled.pattern);
  }
  // Rule 0 matches the event, except: anything-but (every rule excludes the event's value),
  // exists (the event has none of the fields), and numeric / cidr on the EBS notification, which
  // has no number or address (the index then rules them all out at once).
  size_t matched = rules.match(event).size();
  state.counters["matched_rules"] = static_cast<double>(matched);
  for (auto _ : state) {
    benchmark::DoNotOptimize(rules.match(event));
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::RegisterBenchmark("MatchOneRule/exact_source/ebs", BM_MatchOneRule,
                               R"({"source": ["aws.ec2"]})");
  benchmark::RegisterBenchmark(
      "MatchOneRule/exact_3_fields/ebs", BM_MatchOneRule,
      R"({"source": ["aws.ec2"], "detail-type": ["EBS Volume Notification"], "detail": {"event": ["createVolume"]}})");
  benchmark::RegisterBenchmark(
      "MatchOneRule/mixed_operators/ebs", BM_MatchOneRule,
      R"({"source": [{"prefix": "aws."}], "resources": [{"wildcard": "arn:aws:ec2:*:volume/*"}], "detail": {"result": [{"anything-but": "succeeded"}], "cause": [{"suffix": " is disabled."}], "request-id": [{"exists": true}]}})");
  for (const Kind& kind : kKinds) {
    for (bool generic : {false, true}) {
      std::string name = std::string("RuleSet/") + kind.name + (generic ? "/generic_1kb" : "/ebs");
      benchmark::RegisterBenchmark(name.c_str(), BM_RuleSet, &kind, generic)
          ->Arg(1)
          ->Arg(10)
          ->Arg(100)
          ->Arg(1000)
          ->Arg(10000);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
