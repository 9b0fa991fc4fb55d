// unzip: extraction from memory with path containment, size limit, modes and symlinks.
#include "lambda/runner/unzip.hpp"

#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <system_error>
#include <vector>

#include "lambda/runner/zip_archive.hpp"

namespace ebs::lambda {
namespace {

const char kCouldNotUnzip[] =
    "Could not unzip uploaded file. Please check your file, then try to upload again.";

// The entry's path below the destination, or nothing if it would escape it.
std::optional<std::filesystem::path> contained(const std::string& name) {
  if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos) return std::nullopt;
  std::filesystem::path relative = std::filesystem::path(name).lexically_normal();
  if (relative.empty()) return std::nullopt;
  for (const auto& part : relative) {
    if (part == "..") return std::nullopt;
  }
  return relative;
}

bool target_stays_inside(const std::filesystem::path& link_relative, const std::string& target) {
  if (target.empty() || target[0] == '/') return false;
  std::filesystem::path resolved = (link_relative.parent_path() / target).lexically_normal();
  for (const auto& part : resolved) {
    if (part == "..") return false;
  }
  return true;
}

// True if a folder on the way to `relative` is a symlink: writing through it could leave `dest`
// (a link that points inside, placed where a later link resolves differently, can still escape).
bool passes_through_symlink(const std::filesystem::path& dest,
                            const std::filesystem::path& relative) {
  std::filesystem::path at = dest;
  for (const auto& part : relative.parent_path()) {
    at /= part;
    std::error_code ec;
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(at, ec))) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> unzip_to(const std::string& zip_bytes,
                                    const std::filesystem::path& dest) {
  auto archive = ZipReader::open(zip_bytes);
  if (!archive) return kCouldNotUnzip;
  const auto& entries = archive->entries();
  uint64_t total = 0;
  for (const auto& entry : entries) {
    total += entry.size;
    if (total >= kMaxUnzippedBytes) {
      return "Unzipped size must be smaller than " + std::to_string(kMaxUnzippedBytes) + " bytes";
    }
  }

  std::error_code ec;
  std::filesystem::create_directories(dest, ec);
  if (ec) return "Could not create " + dest.string() + ": " + ec.message();

  for (size_t index = 0; index < entries.size(); ++index) {
    const std::string& name = entries[index].name;
    auto relative = contained(name);
    if (!relative || passes_through_symlink(dest, *relative)) return kCouldNotUnzip;
    const std::filesystem::path target = dest / *relative;

    const mode_t unix_mode = entries[index].unix_mode;

    if (name.back() == '/' || S_ISDIR(unix_mode)) {
      std::filesystem::create_directories(target, ec);
      if (ec) return kCouldNotUnzip;
      continue;
    }
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) return kCouldNotUnzip;
    auto data = archive->read(index);
    if (!data) return kCouldNotUnzip;

    std::filesystem::remove(target, ec);
    if (S_ISLNK(unix_mode)) {
      if (!target_stays_inside(*relative, *data)) return kCouldNotUnzip;
      std::filesystem::create_symlink(*data, target, ec);
      if (ec) return kCouldNotUnzip;
      continue;
    }
    {
      std::ofstream out(target, std::ios::binary | std::ios::trunc);
      out.write(data->data(), static_cast<std::streamsize>(data->size()));
      if (!out) return "Could not write " + target.string();
    }
    // Lambda makes files readable by the function; keep the executable bits the zip recorded.
    mode_t mode = (unix_mode & 0111) != 0 ? 0755 : 0644;
    ::chmod(target.c_str(), mode);
  }
  return std::nullopt;
}

}  // namespace ebs::lambda
