// XmlWriter: builds XML structurally, always escaping text, so no response is ever assembled from
// unescaped templates. Used by the EC2 and IAM Query codecs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ebs::protocol {

class XmlWriter {
 public:
  XmlWriter() { out_.reserve(1024); }
  // Opens <name> (with an optional xmlns). Every open() needs a close().
  XmlWriter& open(std::string_view name, std::string_view xmlns = {});
  XmlWriter& close();
  // <name>text</name>, escaped.
  XmlWriter& element(std::string_view name, std::string_view text);
  XmlWriter& element(std::string_view name, const char* text) {
    return element(name, std::string_view(text));
  }
  XmlWriter& element(std::string_view name, const std::string& text) {
    return element(name, std::string_view(text));
  }
  XmlWriter& element(std::string_view name, int64_t value);
  XmlWriter& element(std::string_view name, int value) {
    return element(name, static_cast<int64_t>(value));
  }
  XmlWriter& element(std::string_view name, bool value);
  XmlWriter& declaration();
  // Appends XML that an XmlWriter produced earlier (balanced, already escaped): a cached result.
  XmlWriter& append_encoded(std::string_view xml) {
    out_ += xml;
    return *this;
  }
  size_t depth() const { return stack_.size(); }
  void reserve(size_t bytes) { out_.reserve(bytes); }
  std::string take();
  const std::string& str() const { return out_; }

  static void escape_into(std::string& out, std::string_view text);

 private:
  std::string out_;
  std::vector<std::string> stack_;
};

}  // namespace ebs::protocol
