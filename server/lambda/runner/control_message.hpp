// control_message: the messages of the control channel. Each message is two frames: a JSON header
// (its "type" says what it is) and a raw body (an event, a result, or an AWS error document), so
// payloads are never re-encoded and a Python function may return bytes that are not UTF-8.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "lambda/runner/frame_codec.hpp"

namespace ebs::lambda {

struct ControlMessage {
  nlohmann::json header;  // always an object
  std::string body;
};

std::string encode_message(const nlohmann::json& header, std::string_view body);

class MessageDecoder {
 public:
  MessageDecoder(size_t max_header_bytes, size_t max_body_bytes);

  void feed(std::string_view bytes);
  // The next complete message; sets failed() on a malformed one.
  std::optional<ControlMessage> next();
  bool failed() const { return failed_ || frames_.failed(); }
  bool has_partial() const { return pending_header_.has_value() || frames_.buffered() > 0; }

 private:
  size_t max_header_bytes_;
  FrameDecoder frames_;
  std::optional<nlohmann::json> pending_header_;
  bool failed_ = false;
};

}  // namespace ebs::lambda
