// unzip: the validation and extraction the Lambda API does on a deployment package (CreateFunction,
// UpdateFunctionCode). Entries that would land outside the destination (absolute paths, "..",
// symlinks pointing out) are refused, the unzipped size is limited as AWS limits it, and Unix modes
// (the executable bit) and relative symlinks are kept.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ebs::lambda {

// AWS: "Unzipped size must be smaller than 262144000 bytes".
inline constexpr uint64_t kMaxUnzippedBytes = 262144000;

// Extracts `zip_bytes` into `dest` (created if missing). Returns nothing on success, or the error
// text for an InvalidParameterValueException: for anything that is not a readable zip, AWS's "Could
// not unzip uploaded file. Please check your file, then try to upload again."
std::optional<std::string> unzip_to(const std::string& zip_bytes,
                                    const std::filesystem::path& dest);

}  // namespace ebs::lambda
