// Pattern compiler: walks the Jackson-compatible token stream exactly as event-ruler's
// JsonRuleCompiler does, so the first error found is the one AWS reports.
#include "pattern_parser.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "case_fold.hpp"
#include "json_tokenizer.hpp"

namespace ebs::pattern::detail {
namespace {

const char* const kReservedInOr[] = {
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "html",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
};

bool reserved_in_or(const std::string& name) {
  for (const char* r : kReservedInOr) {
    if (name == r) return true;
  }
  return false;
}

[[noreturn]] void barf(const std::string& msg) { throw PatternError(msg); }

[[noreturn]] void too_many_elements() { barf("Too many elements in numeric expression"); }

enum class AbKind { kPlain, kIgnoreCase, kPrefix, kSuffix, kWildcard };

// One leaf list as written: the value alternatives for one path.
struct Leaf {
  std::string path;
  FieldTest test;
};

using Rule = std::map<std::string, uint32_t>;  // path -> leaf index (sorted like event-ruler)

class Compiler {
 public:
  explicit Compiler(std::string_view text) : p_(text) {}

  std::shared_ptr<Pattern> run() {
    if (p_.next() != Tok::kStartObject) barf("Filter is not an object");
    std::vector<Rule> rules;
    parse_object(rules, false);
    return build(rules);
  }

 private:
  std::string extended_name(const std::string& step) const {
    std::string name;
    for (const std::string& s : path_) {
      name += s;
      name += '.';
    }
    return name + step;
  }

  void parse_object(std::vector<Rule>& rules, bool in_or) {
    bool fields_present = false;
    while (p_.next() != Tok::kEndObject) {
      fields_present = true;
      std::string step = p_.text();
      if (step == "$or") {
        parse_or(rules);
        continue;
      }
      if (in_or && reserved_in_or(step)) {
        barf(step + " is Ruler reserved fieldName which cannot be used inside $or.");
      }
      switch (p_.next()) {
        case Tok::kStartObject:
          path_.push_back(step);
          parse_object(rules, in_or);
          path_.pop_back();
          break;
        case Tok::kStartArray:
          write_rules(rules, extended_name(step));
          break;
        default:
          barf("\"" + step + "\" must be an object or an array");
      }
    }
    if (!fields_present) barf("Empty objects are not allowed");
  }

  void parse_or(std::vector<Rule>& rules) {
    std::vector<Rule> current = rules;
    rules.clear();
    if (p_.next() != Tok::kStartArray) barf("It must be an Array followed with $or.");
    int count = 0;
    Tok t;
    while ((t = p_.next()) != Tok::kEndArray) {
      ++count;
      if (t != Tok::kStartObject) {
        barf("Only JSON object is allowed in array of $or relationship.");
      }
      std::vector<Rule> fork = current;
      if (fork.empty()) fork.emplace_back();
      parse_object(fork, true);
      if (rules.size() + fork.size() > kMaxBranches) {
        barf("Rule is too complex - the $or expressions expand to more than " +
             std::to_string(kMaxBranches) + " combinations");
      }
      for (Rule& r : fork) rules.push_back(std::move(r));
    }
    if (count < 2) barf("There must have at least 2 Objects in $or relationship.");
  }

  void write_rules(std::vector<Rule>& rules, const std::string& name) {
    FieldTest test;
    Tok t;
    bool any = false;
    while ((t = p_.next()) != Tok::kEndArray) {
      any = true;
      switch (t) {
        case Tok::kStartObject:
          process_match_expression(test);
          break;
        case Tok::kString: {
          const std::string& s = p_.text();
          IpAddress ip;
          ValueMatcher m;
          if (parse_ip(s, ip) == IpParse::kOk) {
            m.kind = MatchKind::kExactIp;
            m.ip = IpRange::single(ip);
          } else {
            m.kind = MatchKind::kExactString;
          }
          m.text = s;
          test.matchers.push_back(std::move(m));
          break;
        }
        case Tok::kNumberInt:
        case Tok::kNumberFloat: {
          const std::string& s = p_.text();
          if (auto v = comparable_literal(s)) {
            ValueMatcher eq;
            eq.kind = MatchKind::kNumericEquals;
            eq.number = *v;
            test.matchers.push_back(std::move(eq));
          } else {
            ValueMatcher lit;
            lit.kind = MatchKind::kNumberLiteral;
            lit.text = s;
            test.matchers.push_back(std::move(lit));
          }
          break;
        }
        case Tok::kNull:
        case Tok::kTrue:
        case Tok::kFalse: {
          ValueMatcher m;
          m.kind = t == Tok::kNull   ? MatchKind::kNull
                   : t == Tok::kTrue ? MatchKind::kTrue
                                     : MatchKind::kFalse;
          test.matchers.push_back(std::move(m));
          break;
        }
        default:
          barf("Match value must be String, number, true, false, or null");
      }
    }
    if (!any) barf("Empty arrays are not allowed");
    auto index = static_cast<uint32_t>(leaves_.size());
    leaves_.push_back({name, std::move(test)});
    if (rules.empty()) rules.emplace_back();
    for (Rule& r : rules) r[name] = index;  // a later value for the same path wins
  }

  static ValueMatcher string_matcher(MatchKind kind, std::string text) {
    ValueMatcher m;
    m.kind = kind;
    m.text = std::move(text);
    return m;
  }

  void expect_end_object() {
    if (p_.next() != Tok::kEndObject) barf("Only one key allowed in match expression");
  }

  void process_match_expression(FieldTest& test) {
    if (p_.next() != Tok::kFieldName) barf("Match expression name not found");
    const std::string name = p_.text();
    if (name == "exactly") {
      if (p_.next() != Tok::kString) barf("exact match pattern must be a string");
      test.matchers.push_back(string_matcher(MatchKind::kExactString, p_.text()));
      expect_end_object();
    } else if (name == "prefix" || name == "suffix") {
      bool prefix = name == "prefix";
      Tok t = p_.next();
      if (t == Tok::kStartObject) {
        process_affix_ignore_case(test, prefix);
        return;
      }
      if (t != Tok::kString) barf(name + " match pattern must be a string");
      test.matchers.push_back(
          string_matcher(prefix ? MatchKind::kPrefix : MatchKind::kSuffix, p_.text()));
      expect_end_object();
    } else if (name == "numeric") {
      if (p_.next() != Tok::kStartArray) barf("Value of numeric must be an array.");
      test.matchers.push_back(process_numeric());
      if (p_.next() != Tok::kEndObject) too_many_elements();
    } else if (name == "anything-but") {
      test.matchers.push_back(process_anything_but());
    } else if (name == "exists") {
      Tok t = p_.next();
      if (t == Tok::kTrue) {
        ValueMatcher m;
        m.kind = MatchKind::kExists;
        test.matchers.push_back(std::move(m));
      } else if (t == Tok::kFalse) {
        test.allows_absent = true;
      } else {
        barf("exists match pattern must be either true or false.");
      }
      expect_end_object();
    } else if (name == "cidr") {
      if (p_.next() != Tok::kString) barf("prefix match pattern must be a string");
      ValueMatcher m;
      m.kind = MatchKind::kCidr;
      if (auto err = parse_cidr(p_.text(), m.ip)) barf(*err);
      test.matchers.push_back(std::move(m));
      expect_end_object();
    } else if (name == "equals-ignore-case") {
      if (p_.next() != Tok::kString) barf("equals-ignore-case match pattern must be a string");
      test.matchers.push_back(string_matcher(MatchKind::kEqualsIgnoreCase, fold_case(p_.text())));
      expect_end_object();
    } else if (name == "wildcard") {
      if (p_.next() != Tok::kString) barf("wildcard match pattern must be a string");
      ValueMatcher m;
      m.kind = MatchKind::kWildcard;
      m.wildcards.emplace_back();
      if (auto err = Wildcard::parse(p_.text(), m.wildcards.back())) barf(*err);
      m.text = p_.text();
      test.matchers.push_back(std::move(m));
      expect_end_object();
    } else {
      barf("Unrecognized match type " + name);
    }
  }

  void process_affix_ignore_case(FieldTest& test, bool prefix) {
    const char* what = prefix ? "Prefix" : "Suffix";
    if (p_.next() != Tok::kFieldName) barf(std::string(what) + " expression name not found");
    const std::string op = p_.text();
    if (op != "equals-ignore-case") {
      barf(std::string("Unsupported ") + (prefix ? "prefix" : "suffix") + " pattern: " + op);
    }
    if (p_.next() != Tok::kString) barf("equals-ignore-case match pattern must be a string");
    test.matchers.push_back(
        string_matcher(prefix ? MatchKind::kPrefixIgnoreCase : MatchKind::kSuffixIgnoreCase,
                       fold_case(p_.text())));
    expect_end_object();
    expect_end_object();
  }

  static double comparable_or_barf(const std::string& text) {
    auto v = comparable_literal(text);
    if (!v) barf("Cannot compare number : " + text);
    return *v;
  }

  ValueMatcher process_numeric() {
    Tok t = p_.next();
    if (t != Tok::kString) barf("Invalid member in numeric match: " + p_.text());
    const std::string op = p_.text();
    t = p_.next();
    ValueMatcher m;
    m.kind = MatchKind::kNumericRange;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    if (op == "=") {
      if (!is_number(t)) barf("Value of equals must be numeric");
      std::string val = p_.text();
      if (p_.next() != Tok::kEndArray) too_many_elements();
      m.kind = MatchKind::kNumericEquals;
      m.number = comparable_or_barf(val);
      return m;
    }
    if (op == ">=" || op == ">") {
      if (!is_number(t)) barf("Value of " + op + " must be numeric");
      std::string val = p_.text();
      t = p_.next();
      if (t == Tok::kEndArray) {
        m.range = {comparable_or_barf(val), kInf, op == ">", false};
        return m;
      }
      return complete_range(t, val, op == ">");
    }
    if (op == "<=" || op == "<") {
      if (!is_number(t)) barf("Value of " + op + " must be numeric");
      std::string top = p_.text();
      if (p_.next() != Tok::kEndArray) too_many_elements();
      m.range = {-kInf, comparable_or_barf(top), false, op == "<"};
      return m;
    }
    barf("Unrecognized numeric range operator: " + op);
  }

  ValueMatcher complete_range(Tok t, const std::string& bottom, bool open_bottom) {
    if (t != Tok::kString) barf("Bad value in numeric range: " + p_.text());
    const std::string op = p_.text();
    bool open_top = false;
    if (op == "<") {
      open_top = true;
    } else if (op != "<=") {
      barf("Bad numeric range operator: " + op);
    }
    if (!is_number(p_.next())) barf("Value of " + op + " must be numeric");
    std::string top = p_.text();
    if (p_.next() != Tok::kEndArray) barf("Too many terms in numeric range expression");
    ValueMatcher m;
    m.kind = MatchKind::kNumericRange;
    double b = comparable_or_barf(bottom);
    double tp = comparable_or_barf(top);
    if (b >= tp) barf("Bottom must be less than top");
    m.range = {b, tp, open_bottom, open_top};
    return m;
  }

  ValueMatcher process_anything_but() {
    AbKind kind = AbKind::kPlain;
    Tok t = p_.next();
    if (t == Tok::kStartObject) {
      if (p_.next() != Tok::kFieldName) barf("Anything-But expression name not found");
      const std::string op = p_.text();
      if (op == "equals-ignore-case") {
        kind = AbKind::kIgnoreCase;
      } else if (op == "prefix") {
        kind = AbKind::kPrefix;
      } else if (op == "suffix") {
        kind = AbKind::kSuffix;
      } else if (op == "wildcard") {
        kind = AbKind::kWildcard;
      } else {
        barf("Unsupported anything-but pattern: " + op);
      }
      t = p_.next();
    }
    if (t != Tok::kStartArray && t != Tok::kString && !is_number(t)) {
      barf("Value of anything-but must be an array or single string/number value.");
    }
    ValueMatcher m;
    if (kind == AbKind::kPlain) {
      if (t == Tok::kStartArray) {
        anything_but_list(m);
      } else if (t == Tok::kString) {
        m.kind = MatchKind::kAnythingButStrings;
        m.strings.push_back(p_.text());
      } else {
        m.kind = MatchKind::kAnythingButNumbers;
        m.numbers.push_back(comparable_or_barf(p_.text()));
      }
    } else {
      std::vector<std::string> values;
      if (t == Tok::kStartArray) {
        while ((t = p_.next()) != Tok::kEndArray) values.push_back(set_value(t, kind));
      } else {
        values.push_back(set_value(t, kind));
      }
      finish_set(m, kind, std::move(values));
    }
    if (p_.next() != Tok::kEndObject) too_many_elements();
    if (kind != AbKind::kPlain && p_.next() != Tok::kEndObject) too_many_elements();
    std::sort(m.strings.begin(), m.strings.end());
    m.strings.erase(std::unique(m.strings.begin(), m.strings.end()), m.strings.end());
    std::sort(m.numbers.begin(), m.numbers.end());
    return m;
  }

  void anything_but_list(ValueMatcher& m) {
    bool has_number = false;
    bool has_string = false;
    Tok t;
    while ((t = p_.next()) != Tok::kEndArray) {
      if (t == Tok::kString) {
        m.strings.push_back(p_.text());
        has_string = true;
      } else if (is_number(t)) {
        m.numbers.push_back(comparable_or_barf(p_.text()));
        has_number = true;
      } else {
        barf("Inside anything but list, start|null|boolean is not supported.");
      }
    }
    if (has_number == has_string) {
      barf(
          "Inside anything but list, either all values are number or string, mixed type is not "
          "supported");
    }
    m.kind = has_number ? MatchKind::kAnythingButNumbers : MatchKind::kAnythingButStrings;
  }

  std::string set_value(Tok t, AbKind kind) {
    if (t != Tok::kString) {
      if (kind == AbKind::kIgnoreCase) {
        barf(
            "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not "
            "supported.");
      }
      if (kind == AbKind::kWildcard) barf("wildcard match pattern must be a string");
      barf("prefix/suffix match pattern must be a string");
    }
    std::string text = p_.text();
    if ((kind == AbKind::kPrefix || kind == AbKind::kSuffix) && text.empty()) {
      barf("Null prefix/suffix not allowed");
    }
    return text;
  }

  static void finish_set(ValueMatcher& m, AbKind kind, std::vector<std::string> values) {
    switch (kind) {
      case AbKind::kIgnoreCase:
        m.kind = MatchKind::kAnythingButIgnoreCase;
        for (const std::string& v : values) m.strings.push_back(fold_case(v));
        return;
      case AbKind::kPrefix:
        m.kind = MatchKind::kAnythingButPrefix;
        m.strings = std::move(values);
        return;
      case AbKind::kSuffix:
        m.kind = MatchKind::kAnythingButSuffix;
        m.strings = std::move(values);
        return;
      case AbKind::kWildcard:
        m.kind = MatchKind::kAnythingButWildcard;
        for (const std::string& v : values) {
          Wildcard w;
          if (auto err = Wildcard::parse(v, w)) barf(*err);
          m.wildcards.push_back(std::move(w));
        }
        m.strings = std::move(values);
        return;
      case AbKind::kPlain:
        break;
    }
  }

  std::shared_ptr<Pattern> build(const std::vector<Rule>& rules) {
    auto pattern = std::make_shared<Pattern>();
    std::map<std::string, uint32_t> path_ids;
    std::map<uint32_t, uint32_t> test_ids;  // leaf index -> test index
    std::map<std::vector<uint32_t>, bool> seen_branches;
    for (const Rule& rule : rules) {
      Branch branch;
      for (const auto& [path, leaf_index] : rule) {
        auto [tit, inserted] =
            test_ids.emplace(leaf_index, static_cast<uint32_t>(pattern->tests.size()));
        if (inserted) {
          auto [pit, new_path] =
              path_ids.emplace(path, static_cast<uint32_t>(pattern->paths.size()));
          if (new_path) pattern->paths.push_back(path);
          FieldTest test = leaves_[leaf_index].test;
          test.path_id = pit->second;
          pattern->tests.push_back(std::move(test));
        }
        branch.tests.push_back(tit->second);
      }
      if (seen_branches.emplace(branch.tests, true).second) {
        pattern->branches.push_back(std::move(branch));
      }
    }
    check_wildcard_complexity(*pattern);
    return pattern;
  }

  static void check_wildcard_complexity(const Pattern& pattern) {
    for (const FieldTest& test : pattern.tests) {
      std::vector<const Wildcard*> wildcards;
      for (const ValueMatcher& m : test.matchers) {
        if (m.kind == MatchKind::kWildcard) wildcards.push_back(&m.wildcards.front());
      }
      if (wildcards.empty()) continue;
      if (wildcard_complexity(wildcards, kMaxWildcardComplexity + 1) > kMaxWildcardComplexity) {
        barf(
            "Rule is too complex - try using fewer wildcard characters or fewer repeating "
            "character sequences after a wildcard character");
      }
    }
  }

  JsonTokenizer p_;
  std::vector<std::string> path_;
  std::vector<Leaf> leaves_;
};

}  // namespace

size_t code_points(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

ParseOutcome parse_pattern(std::string_view text) {
  ParseOutcome out;
  try {
    Compiler compiler(text);
    out.pattern = compiler.run();
  } catch (const PatternError& e) {
    out.reason = e.what();
  }
  return out;
}

}  // namespace ebs::pattern::detail
