// RuleSet index (see rule_index.hpp): anchor choice, registration and candidate lookup.
#include "rule_index.hpp"

#include <algorithm>
#include <limits>

#include "case_fold.hpp"

namespace ebs::pattern::detail {
namespace {

std::string exact_key(char tag, std::string_view bytes) {
  std::string k;
  k.reserve(bytes.size() + 1);
  k.push_back(tag);
  k.append(bytes);
  return k;
}

void erase_one(std::vector<BranchRef>& v, BranchRef ref) {
  auto it = std::find(v.begin(), v.end(), ref);
  if (it == v.end()) return;
  *it = v.back();
  v.pop_back();
}

constexpr size_t kPresencePenalty = size_t{1} << 32;

}  // namespace

IpKey ip_sort_key(const IpAddress& a) {
  IpKey k{};
  k[0] = a.size;
  for (size_t i = 0; i < a.size; ++i) k[i + 1] = a.bytes[i];
  return k;
}

bool RuleIndex::keys_of(const FieldTest& t, std::vector<Key>& keys) {
  keys.clear();
  if (t.allows_absent || t.matchers.empty()) return false;
  for (const ValueMatcher& m : t.matchers) {
    switch (m.kind) {
      case MatchKind::kExactString:
        keys.push_back({KeyKind::kExact, exact_key('s', m.text)});
        break;
      case MatchKind::kExactIp:
        keys.push_back({KeyKind::kExact, exact_key('i', ip_key(m.ip.bottom))});
        break;
      case MatchKind::kNumberLiteral:
        keys.push_back({KeyKind::kExact, exact_key('l', m.text)});
        break;
      case MatchKind::kNumericEquals:
        keys.push_back({KeyKind::kExact, exact_key('n', number_key(m.number))});
        break;
      case MatchKind::kTrue:
        keys.push_back({KeyKind::kExact, "t"});
        break;
      case MatchKind::kFalse:
        keys.push_back({KeyKind::kExact, "f"});
        break;
      case MatchKind::kNull:
        keys.push_back({KeyKind::kExact, "z"});
        break;
      case MatchKind::kPrefix:
        keys.push_back({KeyKind::kPrefix, m.text});
        break;
      case MatchKind::kPrefixIgnoreCase:
        keys.push_back({KeyKind::kPrefixFolded, m.text});
        break;
      case MatchKind::kSuffix:
        keys.push_back({KeyKind::kSuffix, m.text});
        break;
      case MatchKind::kSuffixIgnoreCase:
        keys.push_back({KeyKind::kSuffixFolded, m.text});
        break;
      case MatchKind::kEqualsIgnoreCase:
        keys.push_back({KeyKind::kFolded, m.text});
        break;
      case MatchKind::kNumericRange: {
        Key k{KeyKind::kNumberRange, {}};
        k.lo = m.range.bottom;
        k.hi = m.range.top;
        keys.push_back(std::move(k));
        break;
      }
      case MatchKind::kCidr: {
        Key k{KeyKind::kIpRange, {}};
        k.ip_lo = ip_sort_key(m.ip.bottom);
        k.ip_hi = ip_sort_key(m.ip.top);
        keys.push_back(std::move(k));
        break;
      }
      case MatchKind::kWildcard: {
        const Wildcard& w = m.wildcards.front();
        // Filed under the longer literal end: "arn:aws:ec2:*:volume/vol-1" by its tail.
        if (!w.has_star()) {
          keys.push_back({KeyKind::kExact, exact_key('s', w.literal_prefix())});
        } else if (w.literal_prefix().empty() && w.literal_suffix().empty()) {
          return false;
        } else if (w.literal_prefix().size() >= w.literal_suffix().size()) {
          keys.push_back({KeyKind::kPrefix, w.literal_prefix()});
        } else {
          keys.push_back({KeyKind::kSuffix, w.literal_suffix()});
        }
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

size_t RuleIndex::cost(const std::string& path, const std::vector<Key>& keys) const {
  auto pit = paths_.find(path);
  if (pit == paths_.end()) return 0;
  const PathIndex& pi = pit->second;
  size_t total = 0;
  for (const Key& k : keys) {
    switch (k.kind) {
      case KeyKind::kExact: {
        auto it = pi.exact.find(k.bytes);
        total += it == pi.exact.end() ? 0 : it->second.size();
        break;
      }
      case KeyKind::kFolded: {
        auto it = pi.folded.find(k.bytes);
        total += it == pi.folded.end() ? 0 : it->second.size();
        break;
      }
      case KeyKind::kPrefix:
        total += pi.prefix.refs_at(k.bytes) + 1;  // a prefix is a little less selective
        break;
      case KeyKind::kPrefixFolded:
        total += pi.prefix_folded.refs_at(k.bytes) + 1;
        break;
      case KeyKind::kSuffix:
        total += pi.suffix.refs_at(k.bytes) + 1;
        break;
      case KeyKind::kSuffixFolded:
        total += pi.suffix_folded.refs_at(k.bytes) + 1;
        break;
      case KeyKind::kNumberRange:
        total += pi.numbers.size() / 2 + 1;  // a guess: ranges are less selective than keys
        break;
      case KeyKind::kIpRange:
        total += pi.ips.size() / 2 + 1;
        break;
    }
  }
  return total;
}

Anchor RuleIndex::add(BranchRef ref, const Pattern& p) {
  const Branch& branch = p.branches[ref.branch];
  Anchor best;
  size_t best_cost = std::numeric_limits<size_t>::max();
  std::vector<Key> keys;
  for (uint32_t t : branch.tests) {
    const FieldTest& test = p.tests[t];
    const std::string& path = p.paths[test.path_id];
    size_t c = 0;
    Anchor a;
    a.test = t;
    if (keys_of(test, keys)) {
      a.kind = Anchor::Kind::kKeyed;
      c = cost(path, keys);
    } else if (!test.allows_absent) {
      a.kind = Anchor::Kind::kPresence;
      auto pit = paths_.find(path);
      c = kPresencePenalty + (pit == paths_.end() ? 0 : pit->second.presence.size());
    } else {
      continue;
    }
    if (c < best_cost) {
      best_cost = c;
      best = a;
    }
  }
  if (best.kind == Anchor::Kind::kAlways) {
    always_.push_back(ref);
    return best;
  }
  const FieldTest& test = p.tests[best.test];
  PathIndex& pi = paths_[p.paths[test.path_id]];
  ++pi.entries;
  if (best.kind == Anchor::Kind::kPresence) {
    pi.presence.push_back(ref);
    return best;
  }
  keys_of(test, keys);
  for (const Key& k : keys) {
    switch (k.kind) {
      case KeyKind::kExact:
        pi.exact[k.bytes].push_back(ref);
        break;
      case KeyKind::kFolded:
        pi.folded[k.bytes].push_back(ref);
        break;
      case KeyKind::kPrefix:
        pi.prefix.insert(k.bytes, ref);
        break;
      case KeyKind::kPrefixFolded:
        pi.prefix_folded.insert(k.bytes, ref);
        break;
      case KeyKind::kSuffix:
        pi.suffix.insert(k.bytes, ref);
        break;
      case KeyKind::kSuffixFolded:
        pi.suffix_folded.insert(k.bytes, ref);
        break;
      case KeyKind::kNumberRange:
        pi.numbers.insert(k.lo, k.hi, ref);
        break;
      case KeyKind::kIpRange:
        pi.ips.insert(k.ip_lo, k.ip_hi, ref);
        break;
    }
  }
  return best;
}

void RuleIndex::remove(BranchRef ref, const Pattern& p, const Anchor& anchor) {
  if (anchor.kind == Anchor::Kind::kAlways) {
    erase_one(always_, ref);
    return;
  }
  const FieldTest& test = p.tests[anchor.test];
  auto pit = paths_.find(p.paths[test.path_id]);
  if (pit == paths_.end()) return;
  PathIndex& pi = pit->second;
  if (anchor.kind == Anchor::Kind::kPresence) {
    erase_one(pi.presence, ref);
  } else {
    std::vector<Key> keys;
    keys_of(test, keys);
    auto erase_from = [&](RefMap& map, const std::string& key) {
      auto it = map.find(key);
      if (it == map.end()) return;
      erase_one(it->second, ref);
      if (it->second.empty()) map.erase(it);
    };
    for (const Key& k : keys) {
      switch (k.kind) {
        case KeyKind::kExact:
          erase_from(pi.exact, k.bytes);
          break;
        case KeyKind::kFolded:
          erase_from(pi.folded, k.bytes);
          break;
        case KeyKind::kPrefix:
          pi.prefix.erase(k.bytes, ref);
          break;
        case KeyKind::kPrefixFolded:
          pi.prefix_folded.erase(k.bytes, ref);
          break;
        case KeyKind::kSuffix:
          pi.suffix.erase(k.bytes, ref);
          break;
        case KeyKind::kSuffixFolded:
          pi.suffix_folded.erase(k.bytes, ref);
          break;
        case KeyKind::kNumberRange:
          pi.numbers.erase(k.lo, k.hi, ref);
          break;
        case KeyKind::kIpRange:
          pi.ips.erase(k.ip_lo, k.ip_hi, ref);
          break;
      }
    }
  }
  if (--pi.entries == 0) paths_.erase(pit);
}

void RuleIndex::lookup_value(const PathIndex& pi, const EventValue& v,
                             std::vector<BranchRef>& out) const {
  thread_local std::string key;
  auto find_exact = [&](const RefMap& map) {
    auto it = map.find(std::string_view(key));
    if (it != map.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  };
  switch (v.type) {
    case EventValue::Type::kString: {
      if (!pi.exact.empty()) {
        key.assign(1, 's');
        key.append(v.str);
        find_exact(pi.exact);
      }
      if (!pi.exact.empty() || !pi.ips.empty()) {
        IpAddress ip;
        if (parse_ip(v.str, ip) == IpParse::kOk) {
          if (!pi.exact.empty()) {
            key.assign(1, 'i');
            key.append(ip_key(ip));
            find_exact(pi.exact);
          }
          if (!pi.ips.empty()) pi.ips.collect(ip_sort_key(ip), out);
        }
      }
      if (!pi.prefix.empty()) pi.prefix.collect(v.str, out);
      if (!pi.suffix.empty()) pi.suffix.collect(v.str, out);
      if (!pi.folded.empty() || !pi.prefix_folded.empty() || !pi.suffix_folded.empty()) {
        key.clear();
        fold_case_append(v.str, key);
        if (!pi.prefix_folded.empty()) pi.prefix_folded.collect(key, out);
        if (!pi.suffix_folded.empty()) pi.suffix_folded.collect(key, out);
        find_exact(pi.folded);
      }
      return;
    }
    case EventValue::Type::kNumber: {
      auto n = comparable_number(*v.node);
      if (n && !pi.numbers.empty()) pi.numbers.collect(*n, out);
      if (pi.exact.empty()) return;
      if (n) {
        key.assign(1, 'n');
        key.append(number_key(*n));
        find_exact(pi.exact);
      }
      if (v.node->is_number_integer()) {
        key.assign(1, 'l');
        key.append(integer_text(*v.node));
        find_exact(pi.exact);
      }
      return;
    }
    case EventValue::Type::kTrue:
      key.assign(1, 't');
      break;
    case EventValue::Type::kFalse:
      key.assign(1, 'f');
      break;
    case EventValue::Type::kNull:
      key.assign(1, 'z');
      break;
  }
  find_exact(pi.exact);
}

void RuleIndex::collect(const FlatEvent& event, std::vector<BranchRef>& out) const {
  const auto& leaves = event.leaves();
  size_t i = 0;
  while (i < leaves.size()) {
    std::string_view path = event.path(leaves[i]);
    size_t j = i + 1;
    while (j < leaves.size() && event.path(leaves[j]) == path) ++j;
    auto it = paths_.find(path);
    if (it != paths_.end()) {
      const PathIndex& pi = it->second;
      out.insert(out.end(), pi.presence.begin(), pi.presence.end());
      for (size_t k = i; k < j; ++k) lookup_value(pi, leaves[k].cand.value, out);
    }
    i = j;
  }
  out.insert(out.end(), always_.begin(), always_.end());
}

}  // namespace ebs::pattern::detail
