// Jackson-compatible streaming tokenizer (see json_tokenizer.hpp). Message texts follow
// jackson-core 2.13 (ReaderBasedJsonParser / ParserBase / ParserMinimalBase).
#include "json_tokenizer.hpp"

namespace ebs::pattern::detail {
namespace {

constexpr const char* kValidValues =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
constexpr size_t kMaxErrorTokenLength = 256;
constexpr size_t kMaxSnippetChars = 500;

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

void append_utf8(int cp, std::string& out) {
  auto c = static_cast<unsigned>(cp);
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Java's Character.isISOControl.
bool is_iso_control(int cp) { return (cp >= 0 && cp <= 0x1F) || (cp >= 0x7F && cp <= 0x9F); }

// Approximations of Character.isJavaIdentifierStart / isJavaIdentifierPart good for ASCII and
// for letters of other scripts.
bool is_java_identifier_start(int cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_' || cp == '$';
  }
  if (cp >= 0x2000 && cp <= 0x206F) return cp == 0x203F || cp == 0x2040 || cp == 0x2054;
  if ((cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x3004) ||
      (cp >= 0x3008 && cp <= 0x3020) || (cp >= 0xE000 && cp <= 0xF8FF) ||
      (cp >= 0xFF01 && cp <= 0xFF03) || (cp >= 0xFF05 && cp <= 0xFF0F) ||
      (cp >= 0x1F000 && cp <= 0x1FAFF)) {
    return false;  // punctuation, arrows, math, symbols, private use, emoji
  }
  if (cp >= 0xC0) return cp != 0xD7 && cp != 0xF7;
  return cp == 0xA2 || cp == 0xA3 || cp == 0xA4 || cp == 0xA5 || cp == 0xAA || cp == 0xB5 ||
         cp == 0xBA;
}

bool is_java_identifier_part(int cp) {
  if (is_java_identifier_start(cp)) return true;
  if (cp >= '0' && cp <= '9') return true;
  // identifier-ignorable controls
  return (cp >= 0 && cp <= 8) || (cp >= 0x0E && cp <= 0x1B) || (cp >= 0x7F && cp <= 0x9F) ||
         cp == 0xAD;
}

std::string char_desc(int cp) {
  if (is_iso_control(cp)) return "(CTRL-CHAR, code " + std::to_string(cp) + ")";
  std::string ch;
  append_utf8(cp, ch);
  if (cp > 255) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%x", static_cast<unsigned>(cp));
    return "'" + ch + "' (code " + std::to_string(cp) + " / 0x" + hex + ")";
  }
  return "'" + ch + "' (code " + std::to_string(cp) + ")";
}

int hex_digit(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

JsonTokenizer::JsonTokenizer(std::string_view src) : src_(src) { stack_.push_back({Ctx::kRoot}); }

void JsonTokenizer::fail(const std::string& msg) const { throw PatternError(msg); }

void JsonTokenizer::unexpected_char(int cp, const std::string& comment) const {
  std::string msg = "Unexpected character (" + char_desc(cp) + ")";
  if (!comment.empty()) msg += ": " + comment;
  fail(msg);
}

void JsonTokenizer::eof_error(const std::string& msg) const {
  fail("Unexpected end-of-input" + msg);
}

void JsonTokenizer::invalid_token(std::string matched) {
  while (pos_ < src_.size()) {
    size_t len = 0;
    int cp = peek_cp(pos_, &len);
    if (!is_java_identifier_part(cp)) break;
    matched.append(src_.substr(pos_, len));
    pos_ += len;
    size_t chars = 0;
    for (unsigned char b : matched) chars += is_continuation(b) ? 0 : 1;
    if (chars >= kMaxErrorTokenLength) {
      matched += "...";
      break;
    }
  }
  fail("Unrecognized token '" + matched + "': was expecting " + kValidValues);
}

int JsonTokenizer::peek_cp(size_t at, size_t* len) const {
  if (at >= src_.size()) {
    *len = 0;
    return -1;
  }
  auto b0 = static_cast<unsigned char>(src_[at]);
  *len = 1;
  if (b0 < 0x80) return b0;
  size_t n = 0;
  int cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return b0;  // stray byte: report it as Latin-1
  }
  if (at + n > src_.size()) return b0;
  for (size_t k = 1; k < n; ++k) {
    auto b = static_cast<unsigned char>(src_[at + k]);
    if (!is_continuation(b)) return b0;
    cp = (cp << 6) | (b & 0x3F);
  }
  *len = n;
  return cp;
}

int JsonTokenizer::skip_ws_or_end() {
  while (pos_ < src_.size()) {
    auto c = static_cast<unsigned char>(src_[pos_]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++pos_;
      continue;
    }
    if (c < 0x20) {
      fail("Illegal character (" + char_desc(c) +
           "): only regular white space (\\r, \\n, \\t) is allowed between tokens");
    }
    if (c == '/') {
      unexpected_char('/',
                      "maybe a (non-standard) comment? (not recognized as one since Feature "
                      "'ALLOW_COMMENTS' not enabled for parser)");
    }
    return c;
  }
  return -1;
}

std::string JsonTokenizer::location(size_t offset, bool root) const {
  size_t line = 1;
  size_t col = 1;
  for (size_t i = 0; i < offset && i < src_.size(); ++i) {
    auto b = static_cast<unsigned char>(src_[i]);
    if (b == '\n' || (b == '\r' && !(i + 1 < src_.size() && src_[i + 1] == '\n'))) {
      ++line;
      col = 1;
    } else if (!is_continuation(b)) {
      ++col;
    }
  }
  std::string snippet;
  size_t chars = 0;
  size_t i = 0;
  for (; i < src_.size(); ++i) {
    auto b = static_cast<unsigned char>(src_[i]);
    if (!is_continuation(b)) {
      if (chars == kMaxSnippetChars) break;
      ++chars;
    }
    snippet.push_back(static_cast<char>(b));
  }
  std::string desc = "[Source: (String)\"" + snippet + "\"";
  if (i < src_.size()) {
    size_t rest = 0;
    for (; i < src_.size(); ++i)
      rest += is_continuation(static_cast<unsigned char>(src_[i])) ? 0 : 1;
    desc += "[truncated " + std::to_string(rest) + " chars]";
  }
  // Jackson starts the root context at column 0.
  if (root) col = 0;
  return desc + "; line: " + std::to_string(line) + ", column: " + std::to_string(col) + "]";
}

std::string JsonTokenizer::ctx_desc(Ctx kind) const {
  switch (kind) {
    case Ctx::kArray:
      return "Array";
    case Ctx::kObject:
      return "Object";
    case Ctx::kRoot:
      break;
  }
  return "root";
}

void JsonTokenizer::push(Ctx kind, size_t start) {
  if (stack_.size() > kMaxDepth) {
    fail("Document nesting depth (" + std::to_string(stack_.size()) +
         ") exceeds the maximum allowed (" + std::to_string(kMaxDepth) +
         ", from `StreamReadConstraints.getMaxNestingDepth()`)");
  }
  stack_.push_back({kind, false, start});
}

std::string JsonTokenizer::parse_string_body(bool name) {
  std::string out;
  while (true) {
    if (pos_ >= src_.size()) {
      if (name) eof_error(" in field name");
      eof_error(": was expecting closing quote for a string value");
    }
    auto c = static_cast<unsigned char>(src_[pos_++]);
    if (c == '"') return out;
    if (c < 0x20) {
      fail("Illegal unquoted character (" + char_desc(c) +
           "): has to be escaped using backslash to be included in " +
           (name ? "name" : "string value"));
    }
    if (c != '\\') {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (pos_ >= src_.size()) eof_error(" in character escape sequence");
    size_t len = 0;
    int e = peek_cp(pos_, &len);
    pos_ += len;
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out.push_back(static_cast<char>(e));
        continue;
      case 'b':
        out.push_back('\b');
        continue;
      case 'f':
        out.push_back('\f');
        continue;
      case 'n':
        out.push_back('\n');
        continue;
      case 'r':
        out.push_back('\r');
        continue;
      case 't':
        out.push_back('\t');
        continue;
      case 'u':
        break;
      default:
        fail("Unrecognized character escape " + char_desc(e));
    }
    auto read_hex4 = [&]() {
      int v = 0;
      for (int k = 0; k < 4; ++k) {
        if (pos_ >= src_.size()) eof_error(" in character escape sequence");
        size_t l = 0;
        int h = peek_cp(pos_, &l);
        pos_ += l;
        int d = hex_digit(h);
        if (d < 0) unexpected_char(h, "expected a hex-digit for character escape sequence");
        v = (v << 4) | d;
      }
      return v;
    };
    int cp = read_hex4();
    // A surrogate pair written as two escapes becomes one code point (Java keeps the pair).
    if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < src_.size() && src_[pos_] == '\\' &&
        src_[pos_ + 1] == 'u') {
      size_t save = pos_;
      pos_ += 2;
      int lo = read_hex4();
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else {
        pos_ = save;
      }
    }
    append_utf8(cp, out);
  }
}

void JsonTokenizer::finish_pending_string() {
  string_pending_ = false;
  text_ = parse_string_body(false);
}

const std::string& JsonTokenizer::text() {
  if (string_pending_) finish_pending_string();
  return text_;
}

void JsonTokenizer::match_literal(std::string_view word) {
  // word[0] already consumed
  for (size_t i = 1; i < word.size(); ++i) {
    if (pos_ >= src_.size() || src_[pos_] != word[i]) invalid_token(std::string(word.substr(0, i)));
    ++pos_;
  }
  size_t len = 0;
  int cp = peek_cp(pos_, &len);
  if (cp >= 0 && is_java_identifier_part(cp)) invalid_token(std::string(word));
}

Tok JsonTokenizer::parse_number(int first) {
  size_t start = pos_ - 1;
  auto at = [&](size_t i) -> int {
    return i < src_.size() ? static_cast<unsigned char>(src_[i]) : -1;
  };
  auto number_char_error = [&](const std::string& comment) {
    size_t len = 0;
    int cp = peek_cp(pos_, &len);
    fail("Unexpected character (" + char_desc(cp) + ") in numeric value: " + comment);
  };
  int c = first;
  if (first == '-') {
    c = at(pos_);
    if (c < 0) eof_error(" in a Number value");
    if (c < '0' || c > '9') {
      if (c == 'I' && src_.substr(pos_, 8) == "Infinity") {
        fail(
            "Non-standard token '-Infinity': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS "
            "to allow");
      }
      number_char_error("expected digit (0-9) to follow minus sign, for valid numeric value");
    }
    ++pos_;
  }
  if (c == '0' && at(pos_) >= '0' && at(pos_) <= '9') {
    fail("Invalid numeric value: Leading zeroes not allowed");
  }
  while (at(pos_) >= '0' && at(pos_) <= '9') ++pos_;
  bool is_float = false;
  if (at(pos_) == '.') {
    is_float = true;
    ++pos_;
    if (!(at(pos_) >= '0' && at(pos_) <= '9')) {
      if (at(pos_) < 0) {
        fail(
            "Unexpected character ('.' (code 46)) in numeric value: Decimal point not followed "
            "by a digit");
      }
      number_char_error("Decimal point not followed by a digit");
    }
    while (at(pos_) >= '0' && at(pos_) <= '9') ++pos_;
  }
  if (at(pos_) == 'e' || at(pos_) == 'E') {
    is_float = true;
    ++pos_;
    if (at(pos_) == '+' || at(pos_) == '-') ++pos_;
    if (!(at(pos_) >= '0' && at(pos_) <= '9')) {
      if (at(pos_) < 0) {
        int last = static_cast<unsigned char>(src_[pos_ - 1]);
        fail("Unexpected character (" + char_desc(last) +
             ") in numeric value: Exponent indicator not followed by a digit");
      }
      number_char_error("Exponent indicator not followed by a digit");
    }
    while (at(pos_) >= '0' && at(pos_) <= '9') ++pos_;
  }
  if (stack_.back().kind == Ctx::kRoot) {
    int n = at(pos_);
    if (n >= 0 && n != ' ' && n != '\t' && n != '\n' && n != '\r') {
      size_t len = 0;
      unexpected_char(peek_cp(pos_, &len), "Expected space separating root-level values");
    }
  }
  text_.assign(src_.substr(start, pos_ - start));
  return is_float ? Tok::kNumberFloat : Tok::kNumberInt;
}

Tok JsonTokenizer::handle_odd_value(int cp) {
  // cp consumed
  if (cp == 'N') {
    match_literal("NaN");
    fail("Non-standard token 'NaN': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow");
  }
  if (cp == 'I') {
    match_literal("Infinity");
    fail(
        "Non-standard token 'Infinity': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to "
        "allow");
  }
  if (cp == '+') {
    if (pos_ >= src_.size()) eof_error(" in a Number value");
    size_t len = 0;
    int n = peek_cp(pos_, &len);
    if (n == 'I' && src_.substr(pos_, 8) == "Infinity") {
      fail(
          "Non-standard token '+Infinity': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS "
          "to allow");
    }
    fail("Unexpected character (" + char_desc(n) +
         ") in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value");
  }
  if (is_java_identifier_start(cp)) {
    std::string s;
    append_utf8(cp, s);
    invalid_token(s);
  }
  unexpected_char(cp, std::string("expected a valid value ") + kValidValues);
}

Tok JsonTokenizer::parse_value_start(int c) {
  // The first byte is at pos_ (not consumed yet).
  size_t len = 0;
  int cp = peek_cp(pos_, &len);
  pos_ += len;
  switch (c) {
    case '[':
      return Tok::kStartArray;
    case '{':
      return Tok::kStartObject;
    case 't':
      match_literal("true");
      text_ = "true";
      return Tok::kTrue;
    case 'f':
      match_literal("false");
      text_ = "false";
      return Tok::kFalse;
    case 'n':
      match_literal("null");
      text_ = "null";
      return Tok::kNull;
    default:
      break;
  }
  if (c == '-' || (c >= '0' && c <= '9')) return parse_number(c);
  return handle_odd_value(cp);
}

Tok JsonTokenizer::next() {
  if (string_pending_) finish_pending_string();
  if (have_queued_) {
    have_queued_ = false;
    cur_ = queued_;
    if (cur_ == Tok::kStartObject) {
      push(Ctx::kObject, value_start_);
      text_.assign(1, '{');
    } else if (cur_ == Tok::kStartArray) {
      push(Ctx::kArray, value_start_);
      text_.assign(1, '[');
    } else if (queued_string_) {
      string_pending_ = true;
    } else {
      text_ = queued_text_;
    }
    return cur_;
  }
  int c = skip_ws_or_end();
  Frame& f = stack_.back();
  if (c < 0) {
    if (f.kind != Ctx::kRoot) {
      eof_error(": expected close marker for " + ctx_desc(f.kind) + " (start marker at " +
                location(f.start) + ")");
    }
    text_ = "null";
    return cur_ = Tok::kEnd;
  }
  if (c == ']' || c == '}') {
    bool want_array = c == ']';
    if ((want_array && f.kind != Ctx::kArray) || (!want_array && f.kind != Ctx::kObject)) {
      std::string msg = "Unexpected close marker '";
      msg.push_back(static_cast<char>(c));
      msg += "': expected '";
      msg.push_back(want_array ? '}' : ']');
      msg += "' (for " + ctx_desc(f.kind) + " starting at " +
             location(f.start, f.kind == Ctx::kRoot) + ")";
      fail(msg);
    }
    ++pos_;
    stack_.pop_back();
    stack_.back().has_entries = true;
    text_.assign(1, want_array ? ']' : '}');
    return cur_ = want_array ? Tok::kEndArray : Tok::kEndObject;
  }
  if (f.has_entries && f.kind != Ctx::kRoot) {
    if (c != ',') {
      size_t len = 0;
      unexpected_char(peek_cp(pos_, &len),
                      "was expecting comma to separate " + ctx_desc(f.kind) + " entries");
    }
    ++pos_;
    c = skip_ws_or_end();
    if (c < 0) eof_error(" within/between " + ctx_desc(f.kind) + " entries");
  }
  f.has_entries = true;
  if (f.kind == Ctx::kObject) {
    if (c != '"') {
      size_t len = 0;
      unexpected_char(peek_cp(pos_, &len), "was expecting double-quote to start field name");
    }
    ++pos_;
    std::string name = parse_string_body(true);
    c = skip_ws_or_end();
    if (c < 0) eof_error(" within/between Object entries");
    if (c != ':') {
      size_t len = 0;
      unexpected_char(peek_cp(pos_, &len),
                      "was expecting a colon to separate field name and value");
    }
    ++pos_;
    c = skip_ws_or_end();
    if (c < 0) eof_error(" within/between Object entries");
    // Jackson reads the value's first token together with the name.
    value_start_ = pos_;
    have_queued_ = true;
    queued_string_ = false;
    if (c == '"') {
      ++pos_;
      queued_ = Tok::kString;
      queued_string_ = true;
    } else {
      queued_ = parse_value_start(c);
      queued_text_ = text_;
    }
    text_ = std::move(name);
    return cur_ = Tok::kFieldName;
  }
  if (c == '"') {
    ++pos_;
    string_pending_ = true;
    return cur_ = Tok::kString;
  }
  size_t start = pos_;
  Tok t = parse_value_start(c);
  if (t == Tok::kStartObject) {
    push(Ctx::kObject, start);
    text_.assign(1, '{');
  } else if (t == Tok::kStartArray) {
    push(Ctx::kArray, start);
    text_.assign(1, '[');
  }
  return cur_ = t;
}

}  // namespace ebs::pattern::detail
