// BoundedLog: output capped at a byte limit with a note of what was dropped; runtime lines always
// kept.
#include "lambda/runner/bounded_log.hpp"

namespace ebs::lambda {

void BoundedLog::append_output(std::string_view bytes) {
  size_t room = output_bytes_ < max_output_bytes_ ? max_output_bytes_ - output_bytes_ : 0;
  size_t kept = bytes.size() < room ? bytes.size() : room;
  text_.append(bytes.substr(0, kept));
  output_bytes_ += kept;
  dropped_ += bytes.size() - kept;
}

void BoundedLog::close_output() {
  if (dropped_ == 0 || truncation_noted_) return;
  if (!text_.empty() && text_.back() != '\n') text_ += '\n';
  text_ += "[ebs-emulator] log truncated: " + std::to_string(dropped_) +
           " bytes of function output dropped\n";
  truncation_noted_ = true;
}

void BoundedLog::append_runtime_line(std::string_view line) {
  close_output();
  if (!text_.empty() && text_.back() != '\n') text_ += '\n';
  text_.append(line);
}

}  // namespace ebs::lambda
