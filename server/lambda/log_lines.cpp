#include "lambda/log_lines.hpp"

#include "core/time_format.hpp"

namespace ebs::lambda {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// "2025-04-10T15:03:09.123Z..." -> its time.
std::optional<int64_t> leading_timestamp(const std::string& line) {
  if (line.size() < 20 || line[4] != '-' || line[7] != '-' || line[10] != 'T') return std::nullopt;
  auto end = line.find_first_of(" \t");
  return parse_iso8601(std::string_view(line).substr(0, end));
}

}  // namespace

std::vector<logs::InputLogEvent> split_log(const std::string& log, int64_t started_at,
                                           int64_t ended_at) {
  std::vector<logs::InputLogEvent> events;
  size_t pos = 0;
  while (pos < log.size()) {
    auto nl = log.find('\n', pos);
    std::string line = log.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? log.size() : nl + 1;
    bool framing = starts_with(line, "START ") || starts_with(line, "INIT_START ");
    bool closing = starts_with(line, "END ") || starts_with(line, "REPORT ");
    auto stamp = leading_timestamp(line);
    if (framing || closing || stamp || events.empty()) {
      int64_t at = stamp ? *stamp : (closing ? ended_at : started_at);
      at = std::max(started_at, std::min(at, ended_at));
      events.push_back({at, line + "\n"});
    } else {
      events.back().message += line + "\n";
    }
  }
  // CloudWatch Logs requires chronological order within a batch.
  for (size_t i = 1; i < events.size(); ++i) {
    if (events[i].timestamp < events[i - 1].timestamp)
      events[i].timestamp = events[i - 1].timestamp;
  }
  return events;
}

}  // namespace ebs::lambda
