// Formatting and parsing of the timestamps AWS puts on the wire (ISO-8601 UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ebs {

// 2025-04-10T15:03:09.000Z (EC2 XML timestamps).
std::string iso8601_ms(int64_t epoch_ms);
// 2025-04-10T15:03:09Z (event envelopes and EBS event detail times).
std::string iso8601_s(int64_t epoch_ms);
// Parses 2025-04-10T15:03:09Z, with optional fractional seconds and a Z or +hh:mm offset.
std::optional<int64_t> parse_iso8601(std::string_view text);

}  // namespace ebs
