#include "lambda/runner/zip_archive.hpp"

#include <minizip/unzip.h>
#include <minizip/zip.h>

#include <algorithm>
#include <cstring>

namespace ebs::lambda {
namespace {

// A file in memory for minizip's I/O callbacks: reads `bytes`; writes go to `sink` (which is
// `bytes` when writing).
struct MemoryFile {
  const std::string* bytes;
  std::string* sink = nullptr;
  uint64_t position = 0;
};

voidpf ZCALLBACK memory_open(voidpf opaque, const void*, int) { return opaque; }

uLong ZCALLBACK memory_read(voidpf, voidpf stream, void* buffer, uLong size) {
  auto* file = static_cast<MemoryFile*>(stream);
  uint64_t end = file->bytes->size();
  uint64_t available = file->position < end ? end - file->position : 0;
  uLong n = static_cast<uLong>(std::min<uint64_t>(size, available));
  std::memcpy(buffer, file->bytes->data() + file->position, n);
  file->position += n;
  return n;
}

uLong ZCALLBACK memory_write(voidpf, voidpf stream, const void* buffer, uLong size) {
  auto* file = static_cast<MemoryFile*>(stream);
  if (!file->sink) return 0;
  if (file->position + size > file->sink->size()) file->sink->resize(file->position + size);
  std::memcpy(file->sink->data() + file->position, buffer, size);
  file->position += size;
  return size;
}

ZPOS64_T ZCALLBACK memory_tell(voidpf, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->position;
}

long ZCALLBACK memory_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* file = static_cast<MemoryFile*>(stream);
  uint64_t base = origin == ZLIB_FILEFUNC_SEEK_CUR   ? file->position
                  : origin == ZLIB_FILEFUNC_SEEK_END ? file->bytes->size()
                                                     : 0;
  if (base + offset > file->bytes->size()) return -1;
  file->position = base + offset;
  return 0;
}

int ZCALLBACK memory_close(voidpf, voidpf) { return 0; }
int ZCALLBACK memory_error(voidpf, voidpf) { return 0; }

zlib_filefunc64_def memory_io(MemoryFile& file) {
  zlib_filefunc64_def io{};
  io.zopen64_file = memory_open;
  io.zread_file = memory_read;
  io.zwrite_file = memory_write;
  io.ztell64_file = memory_tell;
  io.zseek64_file = memory_seek;
  io.zclose_file = memory_close;
  io.zerror_file = memory_error;
  io.opaque = &file;
  return io;
}

constexpr int kMadeOnUnix = 3;  // "version made by" high byte

}  // namespace

struct ZipReader::Impl {
  MemoryFile file;
  unzFile zip = nullptr;
  std::vector<unz64_file_pos> positions;
};

ZipReader::ZipReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ZipReader::~ZipReader() {
  if (impl_ && impl_->zip) unzClose(impl_->zip);
}

std::unique_ptr<ZipReader> ZipReader::open(const std::string& bytes) {
  auto impl = std::make_unique<Impl>();
  impl->file.bytes = &bytes;
  auto io = memory_io(impl->file);
  impl->zip = unzOpen2_64("memory", &io);
  if (!impl->zip) return nullptr;
  std::unique_ptr<ZipReader> reader(new ZipReader(std::move(impl)));
  unzFile zip = reader->impl_->zip;
  for (int at = unzGoToFirstFile(zip); at == UNZ_OK; at = unzGoToNextFile(zip)) {
    unz_file_info64 info{};
    char name[4096];
    if (unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) {
      return nullptr;
    }
    unz64_file_pos position{};
    if (unzGetFilePos64(zip, &position) != UNZ_OK) return nullptr;
    ZipEntry entry;
    entry.name = name;
    entry.size = info.uncompressed_size;
    if ((info.version >> 8) == kMadeOnUnix)
      entry.unix_mode = static_cast<mode_t>(info.external_fa >> 16);
    reader->entries_.push_back(std::move(entry));
    reader->impl_->positions.push_back(position);
  }
  unz_global_info64 global{};
  if (unzGetGlobalInfo64(zip, &global) != UNZ_OK ||
      global.number_entry != reader->entries_.size()) {
    return nullptr;
  }
  return reader;
}

std::optional<std::string> ZipReader::read(size_t index) {
  unzFile zip = impl_->zip;
  if (index >= entries_.size() || unzGoToFilePos64(zip, &impl_->positions[index]) != UNZ_OK ||
      unzOpenCurrentFile(zip) != UNZ_OK) {
    return std::nullopt;
  }
  std::string data(entries_[index].size, '\0');
  uint64_t offset = 0;
  bool ok = true;
  while (offset < data.size()) {
    unsigned chunk = static_cast<unsigned>(std::min<uint64_t>(data.size() - offset, 1 << 20));
    int n = unzReadCurrentFile(zip, data.data() + offset, chunk);
    if (n <= 0) {
      ok = false;
      break;
    }
    offset += static_cast<uint64_t>(n);
  }
  char extra;
  if (ok && unzReadCurrentFile(zip, &extra, 1) != 0) ok = false;  // longer than it said
  if (unzCloseCurrentFile(zip) != UNZ_OK) ok = false;             // UNZ_CRCERROR
  if (!ok) return std::nullopt;
  return data;
}

std::optional<std::string> zip_files(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out;
  MemoryFile file{&out, &out};
  auto io = memory_io(file);
  zipFile zip = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &io);
  if (!zip) return std::nullopt;
  bool ok = true;
  for (const auto& [name, content] : files) {
    zip_fileinfo info{};
    info.external_fa = static_cast<uLong>(0100644) << 16;
    constexpr uLong kUtf8Names = 1 << 11;
    ok =
        zipOpenNewFileInZip4_64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0, -MAX_WBITS, DEF_MEM_LEVEL,
                                Z_DEFAULT_STRATEGY, nullptr, 0, kMadeOnUnix << 8 | 20, kUtf8Names,
                                0) == ZIP_OK &&
        zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size())) == ZIP_OK &&
        zipCloseFileInZip(zip) == ZIP_OK;
    if (!ok) break;
  }
  if (zipClose(zip, nullptr) != ZIP_OK) ok = false;
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace ebs::lambda
