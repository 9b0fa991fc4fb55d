// frame_codec: the length-prefixed frames of the runner <-> bootstrap control channel. A frame is a
// 4-byte big-endian length followed by that many bytes. Pure functions and a streaming decoder that
// rejects frames above a size limit (a runtime writing garbage must not make the runner allocate
// gigabytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace ebs::lambda {

void append_frame(std::string& out, std::string_view payload);

class FrameDecoder {
 public:
  explicit FrameDecoder(size_t max_frame_bytes) : max_frame_bytes_(max_frame_bytes) {}

  // Feeds bytes as they arrive; complete frames become available through next().
  void feed(std::string_view bytes);
  std::optional<std::string> next();
  // A frame announced a length above the limit: the stream is unusable from here on.
  bool failed() const { return failed_; }
  // Bytes received that do not yet form a complete frame.
  size_t buffered() const { return buffer_.size(); }

 private:
  void extract();

  size_t max_frame_bytes_;
  std::string buffer_;
  std::deque<std::string> frames_;
  bool failed_ = false;
};

}  // namespace ebs::lambda
