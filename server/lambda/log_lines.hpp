// log_lines: turns a function's log text (the runner's output, framed by START / END / REPORT) into
// CloudWatch Logs events, one per log call as Lambda sends them: a line that starts a record
// (START, END, REPORT, INIT_START, or an ISO timestamp from console.log / the logging module) opens
// an event; other lines continue the previous one (multi-line messages, stack traces).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "logs/log_service.hpp"

namespace ebs::lambda {

std::vector<logs::InputLogEvent> split_log(const std::string& log, int64_t started_at,
                                           int64_t ended_at);

}  // namespace ebs::lambda
