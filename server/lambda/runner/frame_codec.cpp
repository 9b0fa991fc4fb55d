// frame_codec: 4-byte big-endian length prefix + payload; streaming decoder with a size limit.
#include "lambda/runner/frame_codec.hpp"

namespace ebs::lambda {

void append_frame(std::string& out, std::string_view payload) {
  auto length = static_cast<uint32_t>(payload.size());
  out.push_back(static_cast<char>((length >> 24) & 0xff));
  out.push_back(static_cast<char>((length >> 16) & 0xff));
  out.push_back(static_cast<char>((length >> 8) & 0xff));
  out.push_back(static_cast<char>(length & 0xff));
  out.append(payload);
}

void FrameDecoder::feed(std::string_view bytes) {
  if (failed_) return;
  buffer_.append(bytes);
  extract();
}

void FrameDecoder::extract() {
  size_t offset = 0;
  while (buffer_.size() - offset >= 4) {
    auto byte = [&](size_t i) {
      return static_cast<uint32_t>(static_cast<uint8_t>(buffer_[offset + i]));
    };
    uint32_t length = (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
    if (length > max_frame_bytes_) {
      failed_ = true;
      buffer_.clear();
      return;
    }
    if (buffer_.size() - offset - 4 < length) break;
    frames_.emplace_back(buffer_, offset + 4, length);
    offset += 4 + length;
  }
  buffer_.erase(0, offset);
}

std::optional<std::string> FrameDecoder::next() {
  if (frames_.empty()) return std::nullopt;
  std::string frame = std::move(frames_.front());
  frames_.pop_front();
  return frame;
}

}  // namespace ebs::lambda
