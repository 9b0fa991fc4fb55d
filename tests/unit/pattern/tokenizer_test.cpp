// Jackson-compatible tokenizer: token stream, laziness and error texts.
#include <gtest/gtest.h>

#include "json_tokenizer.hpp"
#include "pattern.hpp"

namespace ebs::pattern::detail {
namespace {

std::string error_of(std::string_view text) {
  CompileResult r = compile(text);
  EXPECT_FALSE(r.pattern) << text;
  const std::string prefix = "Event pattern is not valid. Reason: ";
  if (r.error.rfind(prefix, 0) != 0) return "(no prefix) " + r.error;
  return r.error.substr(prefix.size());
}

TEST(Tokenizer, ProducesJacksonTokenStream) {
  JsonTokenizer t(R"({"a": [1, -2.5e3, "s\u00e9", true, false, null], "b": {}})");
  std::vector<Tok> toks;
  std::vector<std::string> texts;
  for (Tok k = t.next(); k != Tok::kEnd; k = t.next()) {
    toks.push_back(k);
    texts.push_back(t.text());
    if (toks.size() > 20) break;
  }
  std::vector<Tok> want = {Tok::kStartObject, Tok::kFieldName, Tok::kStartArray, Tok::kNumberInt,
                           Tok::kNumberFloat, Tok::kString,    Tok::kTrue,       Tok::kFalse,
                           Tok::kNull,        Tok::kEndArray,  Tok::kFieldName,  Tok::kStartObject,
                           Tok::kEndObject,   Tok::kEndObject};
  EXPECT_EQ(toks, want);
  EXPECT_EQ(texts[1], "a");
  EXPECT_EQ(texts[3], "1");
  EXPECT_EQ(texts[4], "-2.5e3");
  EXPECT_EQ(texts[5], "s\xc3\xa9");
  EXPECT_EQ(texts[2], "[");
}

TEST(Tokenizer, DecodesSurrogatePairsAndEscapes) {
  JsonTokenizer t(R"(["\ud83d\ude80 \" \\ \/ \b\f\n\r\t"])");
  ASSERT_EQ(t.next(), Tok::kStartArray);
  ASSERT_EQ(t.next(), Tok::kString);
  EXPECT_EQ(t.text(), "\xF0\x9F\x9A\x80 \" \\ / \b\f\n\r\t");
}

TEST(Tokenizer, InvalidJsonMessagesAreJacksons) {
  const std::string values =
      "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
  EXPECT_EQ(error_of("this is not json"), "Unrecognized token 'this': was expecting " + values);
  EXPECT_EQ(error_of("{'bad': 1}"),
            "Unexpected character (''' (code 39)): was expecting double-quote to start field name");
  EXPECT_EQ(error_of(R"({"a": tru})"), "Unrecognized token 'tru': was expecting " + values);
  EXPECT_EQ(error_of(R"({"a": truex})"), "Unrecognized token 'truex': was expecting " + values);
  EXPECT_EQ(error_of(R"({"a": [#]})"),
            "Unexpected character ('#' (code 35)): expected a valid value " + values);
  EXPECT_EQ(error_of(R"({"a": [1,]})"),
            "Unexpected character (']' (code 93)): expected a valid value " + values);
  EXPECT_EQ(
      error_of(R"({"a": [1], })"),
      "Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
  EXPECT_EQ(error_of(R"({"a" [1]})"),
            "Unexpected character ('[' (code 91)): was expecting a colon to separate field name "
            "and value");
  EXPECT_EQ(error_of(R"({"a": [1 2]})"),
            "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries");
  EXPECT_EQ(error_of(R"({"a": [1] "b": [2]})"),
            "Unexpected character ('\"' (code 34)): was expecting comma to separate Object "
            "entries");
  EXPECT_EQ(error_of(R"({"a": [01]})"), "Invalid numeric value: Leading zeroes not allowed");
  EXPECT_EQ(error_of(R"({"a": [-x]})"),
            "Unexpected character ('x' (code 120)) in numeric value: expected digit (0-9) to "
            "follow minus sign, for valid numeric value");
  EXPECT_EQ(error_of(R"({"a": [1.x]})"),
            "Unexpected character ('x' (code 120)) in numeric value: Decimal point not followed "
            "by a digit");
  EXPECT_EQ(error_of(R"({"a": [1ex]})"),
            "Unexpected character ('x' (code 120)) in numeric value: Exponent indicator not "
            "followed by a digit");
  EXPECT_EQ(error_of(R"({"a": [NaN]})"),
            "Non-standard token 'NaN': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to "
            "allow");
  EXPECT_EQ(error_of("{\"a\": [\"x\ny\"]}"),
            "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash "
            "to be included in string value");
  EXPECT_EQ(error_of(R"({"a": ["\q"]})"), "Unrecognized character escape 'q' (code 113)");
  EXPECT_EQ(error_of(R"({"a": ["\u12g4"]})"),
            "Unexpected character ('g' (code 103)): expected a hex-digit for character escape "
            "sequence");
  EXPECT_EQ(error_of(R"({"a": ["abc)"),
            "Unexpected end-of-input: was expecting closing quote for a string value");
  EXPECT_EQ(error_of(R"({"a)"), "Unexpected end-of-input in field name");
  EXPECT_EQ(error_of(R"({"a":)"), "Unexpected end-of-input within/between Object entries");
  EXPECT_EQ(error_of(R"({"a": /* c */ [1]})"),
            "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not "
            "recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)");
  EXPECT_EQ(error_of("{\x01}"),
            "Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) "
            "is allowed between tokens");
  EXPECT_EQ(error_of("{\"a\": [\"\xc3\xa9\", \xc3\xa9]}"),
            "Unrecognized token '\xc3\xa9': was expecting " + values);
}

TEST(Tokenizer, EndOfInputNamesTheOpenContainer) {
  EXPECT_EQ(error_of("{"),
            "Unexpected end-of-input: expected close marker for Object (start marker at "
            "[Source: (String)\"{\"; line: 1, column: 1])");
  EXPECT_EQ(error_of(R"({"a": [1)"),
            "Unexpected end-of-input: expected close marker for Array (start marker at [Source: "
            "(String)\"{\"a\": [1\"; line: 1, column: 7])");
  EXPECT_EQ(error_of("{\"a\": [1}"),
            "Unexpected close marker '}': expected ']' (for Array starting at [Source: "
            "(String)\"{\"a\": [1}\"; line: 1, column: 7])");
}

TEST(Tokenizer, ValueErrorsSurfaceWithTheFieldNameLikeJackson) {
  // Jackson reads a field's scalar value together with its name, so the syntax error wins over
  // the reserved-name check that follows the name.
  EXPECT_EQ(error_of(R"({"$or": [{"prefix": tru}, {"b": [1]}]})"),
            "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token "
            "'null', 'true' or 'false')");
  // String contents are decoded lazily: a structural error found first wins.
  EXPECT_EQ(error_of(R"({"a": "\q"})"), "\"a\" must be an object or an array");
}

TEST(Tokenizer, TrailingContentAfterTheRootObjectIsIgnored) {
  EXPECT_TRUE(compile(R"({"a": ["b"]} trailing garbage)").pattern);
  EXPECT_EQ(error_of(""), "Filter is not an object");
  EXPECT_EQ(error_of("   "), "Filter is not an object");
  EXPECT_EQ(error_of("42"), "Filter is not an object");
  EXPECT_EQ(error_of("\"x\""), "Filter is not an object");
}

TEST(Tokenizer, NestingDepthIsBounded) {
  std::string deep;
  for (int i = 0; i < 1010; ++i) deep += "{\"\":";  // fits in 4096 characters
  EXPECT_EQ(error_of(deep),
            "Document nesting depth (1001) exceeds the maximum allowed (1000, from "
            "`StreamReadConstraints.getMaxNestingDepth()`)");
}

}  // namespace
}  // namespace ebs::pattern::detail
