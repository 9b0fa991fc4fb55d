// BoundedLog: the log of one invocation. Function output is kept up to a byte limit (the rest is
// counted and dropped, so a function that floods stdout costs the runner nothing but reading);
// the runtime's own lines (START, END, REPORT, timeout notices) are always kept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ebs::lambda {

class BoundedLog {
 public:
  explicit BoundedLog(size_t max_output_bytes) : max_output_bytes_(max_output_bytes) {}

  // Output of the function (bounded).
  void append_output(std::string_view bytes);
  // A line the runtime writes (unbounded; `line` should end with '\n').
  void append_runtime_line(std::string_view line);

  size_t dropped_bytes() const { return dropped_; }
  const std::string& text() const { return text_; }
  std::string take() { return std::move(text_); }

 private:
  void close_output();

  size_t max_output_bytes_;
  size_t output_bytes_ = 0;
  size_t dropped_ = 0;
  bool truncation_noted_ = false;
  std::string text_;
};

}  // namespace ebs::lambda
