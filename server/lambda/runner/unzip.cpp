// unzip: libzip extraction from memory with path containment, size limit, modes and symlinks.
#include "lambda/runner/unzip.hpp"

#include <sys/stat.h>
#include <zip.h>

#include <fstream>
#include <memory>
#include <system_error>
#include <vector>

namespace ebs::lambda {
namespace {

const char kCouldNotUnzip[] =
    "Could not unzip uploaded file. Please check your file, then try to upload again.";

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

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

std::optional<std::string> read_entry(zip_t* archive, zip_uint64_t index, zip_uint64_t size) {
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive, index, 0));
  if (!file) return std::nullopt;
  std::string data;
  data.resize(size);
  zip_uint64_t offset = 0;
  while (offset < size) {
    zip_int64_t n = zip_fread(file.get(), data.data() + offset, size - offset);
    if (n <= 0) return std::nullopt;
    offset += static_cast<zip_uint64_t>(n);
  }
  return data;
}

}  // namespace

std::optional<std::string> unzip_to(const std::string& zip_bytes,
                                    const std::filesystem::path& dest) {
  if (zip_bytes.empty()) return kCouldNotUnzip;  // libzip would take it for an empty archive
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return kCouldNotUnzip;
  }
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);
    return kCouldNotUnzip;
  }

  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  if (count < 0) return kCouldNotUnzip;
  uint64_t total = 0;
  std::vector<zip_stat_t> stats(static_cast<size_t>(count));
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_init(&stats[i]);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stats[i]) != 0 ||
        (stats[i].valid & ZIP_STAT_NAME) == 0 || (stats[i].valid & ZIP_STAT_SIZE) == 0) {
      return kCouldNotUnzip;
    }
    total += stats[i].size;
    if (total >= kMaxUnzippedBytes) {
      return "Unzipped size must be smaller than " + std::to_string(kMaxUnzippedBytes) + " bytes";
    }
  }

  std::error_code ec;
  std::filesystem::create_directories(dest, ec);
  if (ec) return "Could not create " + dest.string() + ": " + ec.message();

  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const std::string name = stats[i].name;
    auto relative = contained(name);
    if (!relative || passes_through_symlink(dest, *relative)) return kCouldNotUnzip;
    const std::filesystem::path target = dest / *relative;

    zip_uint8_t opsys = ZIP_OPSYS_DEFAULT;
    zip_uint32_t attributes = 0;
    zip_file_get_external_attributes(archive.get(), index, 0, &opsys, &attributes);
    const mode_t unix_mode = opsys == ZIP_OPSYS_UNIX ? static_cast<mode_t>(attributes >> 16) : 0;

    if (name.back() == '/' || S_ISDIR(unix_mode)) {
      std::filesystem::create_directories(target, ec);
      if (ec) return kCouldNotUnzip;
      continue;
    }
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) return kCouldNotUnzip;
    auto data = read_entry(archive.get(), index, stats[i].size);
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
