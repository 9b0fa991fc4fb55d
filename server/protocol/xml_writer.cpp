#include "protocol/xml_writer.hpp"

namespace ebs::protocol {

namespace {

// The escaped form of `c`, or null when it stands for itself.
const char* escaped(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    case '\r':
      return "&#13;";
    default:
      return nullptr;
  }
}

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t'; }

}  // namespace

void XmlWriter::escape_into(std::string& out, std::string_view text) {
  // Copies runs of plain characters at once: most values (ids, times, states) have nothing to
  // escape.
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    const char* entity = escaped(c);
    if (!entity && !is_control(c)) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    if (entity) {
      out += entity;
    } else {
      out += "&#";
      out += std::to_string(static_cast<int>(c));
      out += ';';
    }
  }
  out.append(text.data() + run, text.size() - run);
}

XmlWriter& XmlWriter::declaration() {
  out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  return *this;
}

XmlWriter& XmlWriter::open(std::string_view name, std::string_view xmlns) {
  out_ += '<';
  out_ += name;
  if (!xmlns.empty()) {
    out_ += " xmlns=\"";
    escape_into(out_, xmlns);
    out_ += '"';
  }
  out_ += '>';
  stack_.emplace_back(name);
  return *this;
}

XmlWriter& XmlWriter::close() {
  out_ += "</";
  out_ += stack_.back();
  out_ += '>';
  stack_.pop_back();
  return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, std::string_view text) {
  out_ += '<';
  out_ += name;
  out_ += '>';
  escape_into(out_, text);
  out_ += "</";
  out_ += name;
  out_ += '>';
  return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, int64_t value) {
  return element(name, std::string_view(std::to_string(value)));
}

XmlWriter& XmlWriter::element(std::string_view name, bool value) {
  return element(name, std::string_view(value ? "true" : "false"));
}

std::string XmlWriter::take() {
  while (!stack_.empty()) close();
  return std::move(out_);
}

}  // namespace ebs::protocol
