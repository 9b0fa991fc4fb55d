// zip_archive: zip files held in memory, on zlib's minizip (the only code that knows it). ZipReader
// lists and reads the entries of a package; zip_files() builds one (fixtures that give a function's
// code as files). Both work on std::string buffers through minizip's I/O callbacks: no temp files.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ebs::lambda {

struct ZipEntry {
  std::string name;
  uint64_t size = 0;     // uncompressed
  mode_t unix_mode = 0;  // 0 unless the zip was made on Unix
};

class ZipReader {
 public:
  // Null if `bytes` is not a readable zip. `bytes` must outlive the reader.
  static std::unique_ptr<ZipReader> open(const std::string& bytes);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  const std::vector<ZipEntry>& entries() const { return entries_; }
  // The content of entries()[index], or nothing if it is corrupt (bad data, bad CRC).
  std::optional<std::string> read(size_t index);

 private:
  struct Impl;
  explicit ZipReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<ZipEntry> entries_;
};

// A deflated zip of (path inside the zip, content) pairs; nothing if minizip fails.
std::optional<std::string> zip_files(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace ebs::lambda
