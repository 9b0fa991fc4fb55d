// control_message: header+body message pairs over the frame codec.
#include "lambda/runner/control_message.hpp"

#include <algorithm>

namespace ebs::lambda {

std::string encode_message(const nlohmann::json& header, std::string_view body) {
  std::string out;
  std::string header_text = header.dump();
  out.reserve(header_text.size() + body.size() + 8);
  append_frame(out, header_text);
  append_frame(out, body);
  return out;
}

MessageDecoder::MessageDecoder(size_t max_header_bytes, size_t max_body_bytes)
    : max_header_bytes_(max_header_bytes), frames_(std::max(max_header_bytes, max_body_bytes)) {}

void MessageDecoder::feed(std::string_view bytes) { frames_.feed(bytes); }

std::optional<ControlMessage> MessageDecoder::next() {
  if (failed()) return std::nullopt;
  if (!pending_header_) {
    auto frame = frames_.next();
    if (!frame) return std::nullopt;
    if (frame->size() > max_header_bytes_) {
      failed_ = true;
      return std::nullopt;
    }
    auto header = nlohmann::json::parse(*frame, nullptr, /*allow_exceptions=*/false);
    if (header.is_discarded() || !header.is_object() || !header.contains("type") ||
        !header["type"].is_string()) {
      failed_ = true;
      return std::nullopt;
    }
    pending_header_ = std::move(header);
  }
  auto body = frames_.next();
  if (!body) return std::nullopt;
  ControlMessage message{std::move(*pending_header_), std::move(*body)};
  pending_header_.reset();
  return message;
}

}  // namespace ebs::lambda
