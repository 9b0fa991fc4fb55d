#include "protocol/xml_writer.hpp"

namespace ebs::protocol {

void XmlWriter::escape_into(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += "&#";
          out += std::to_string(static_cast<int>(c));
          out += ';';
        } else {
          out += c;
        }
    }
  }
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
