// A streaming JSON tokenizer that behaves like Jackson's ReaderBasedJsonParser, the parser behind
// EventBridge's pattern compiler: same token order, same laziness (a field's value is looked at
// when the field name is read; string contents only when asked for or skipped), same error
// messages (first line, e.g. "Unrecognized token 'this': was expecting (JSON String, Number,
// Array, Object or token 'null', 'true' or 'false')"). Input is UTF-8.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ebs::pattern::detail {

// Thrown for a syntax or validation error; what() is the AWS reason text (without the
// "Event pattern is not valid. Reason: " prefix). Never escapes the library.
class PatternError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Tok : uint8_t {
  kEnd,  // end of input at the root (Jackson returns null)
  kStartObject,
  kEndObject,
  kStartArray,
  kEndArray,
  kFieldName,
  kString,
  kNumberInt,
  kNumberFloat,
  kTrue,
  kFalse,
  kNull,
};

inline bool is_number(Tok t) { return t == Tok::kNumberInt || t == Tok::kNumberFloat; }

class JsonTokenizer {
 public:
  explicit JsonTokenizer(std::string_view src);

  Tok next();
  Tok current() const { return cur_; }
  // Jackson's getText(): decoded string or field name, number text as written, "true", "{"...
  const std::string& text();

  static constexpr size_t kMaxDepth = 1000;

 private:
  enum class Ctx : uint8_t { kRoot, kArray, kObject };
  struct Frame {
    Ctx kind;
    bool has_entries = false;
    size_t start = 0;  // byte offset of the start marker
  };

  [[noreturn]] void fail(const std::string& msg) const;
  [[noreturn]] void unexpected_char(int cp, const std::string& comment) const;
  [[noreturn]] void invalid_token(std::string matched);
  [[noreturn]] void eof_error(const std::string& msg) const;

  int peek_cp(size_t at, size_t* len) const;  // code point at `at`, -1 at end
  int skip_ws_or_end();                       // next significant byte, -1 at end
  void finish_pending_string();
  std::string parse_string_body(bool name);
  Tok parse_value_start(int c);  // c consumed; parses scalars fully
  Tok parse_number(int first);
  void match_literal(std::string_view word);
  Tok handle_odd_value(int c);
  void push(Ctx kind, size_t start);
  std::string location(size_t offset, bool root = false) const;
  std::string ctx_desc(Ctx kind) const;

  std::string_view src_;
  size_t pos_ = 0;
  std::vector<Frame> stack_;
  Tok cur_ = Tok::kEnd;
  std::string text_;
  bool string_pending_ = false;  // current kString token not yet decoded
  bool have_queued_ = false;     // value token read ahead after a field name
  Tok queued_ = Tok::kEnd;
  std::string queued_text_;
  bool queued_string_ = false;
  size_t value_start_ = 0;  // offset of the queued value's first byte
};

}  // namespace ebs::pattern::detail
