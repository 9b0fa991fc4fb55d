// Tests for unzip_to: valid packages, garbage, and entries that try to leave the destination.
#include "lambda/runner/unzip.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zip.h>

#include "test_support.hpp"

namespace ebs::lambda {
namespace {

using testing::read_file;
using testing::TempDir;

struct Entry {
  std::string name;
  std::string content;
  mode_t mode = 0100644;  // regular file, rw-r--r--
};

// Builds a zip in memory with libzip.
std::string make_zip(const std::vector<Entry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& entry : entries) {
    zip_int64_t index;
    if (entry.name.back() == '/') {
      index = zip_dir_add(archive, entry.name.c_str(), ZIP_FL_ENC_UTF_8);
    } else {
      zip_source_t* data =
          zip_source_buffer(archive, entry.content.data(), entry.content.size(), 0);
      index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    }
    zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                     static_cast<zip_uint32_t>(entry.mode) << 16);
  }
  zip_close(archive);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string bytes(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

const char kCouldNotUnzip[] =
    "Could not unzip uploaded file. Please check your file, then try to upload again.";

TEST(Unzip, ExtractsFilesFoldersAndExecutableBits) {
  TempDir dir;
  auto zip = make_zip({{"index.js", "exports.handler = 1;"},
                       {"lib/", ""},
                       {"lib/util.js", "module.exports = 2;"},
                       {"bin/tool", "#!/bin/sh\n", 0100755}});
  EXPECT_EQ(unzip_to(zip, dir.path() / "code"), std::nullopt);
  EXPECT_EQ(read_file(dir.path() / "code/index.js"), "exports.handler = 1;");
  EXPECT_EQ(read_file(dir.path() / "code/lib/util.js"), "module.exports = 2;");
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() / "code/bin/tool").c_str(), &st), 0);
  EXPECT_NE(st.st_mode & 0100, 0u);
  ASSERT_EQ(::stat((dir.path() / "code/index.js").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0111, 0u);
}

TEST(Unzip, KeepsRelativeSymlinksInside) {
  TempDir dir;
  auto zip = make_zip({{"real.js", "x"}, {"link.js", "real.js", 0120777}});
  EXPECT_EQ(unzip_to(zip, dir.path() / "code"), std::nullopt);
  EXPECT_TRUE(std::filesystem::is_symlink(dir.path() / "code/link.js"));
  EXPECT_EQ(read_file(dir.path() / "code/link.js"), "x");
}

TEST(Unzip, RejectsWhatIsNotAZip) {
  static const std::string kCases[] = {"", "hello world", std::string("PK\x03\x04garbage", 11)};
  for (const auto& bytes : kCases) {
    TempDir dir;
    EXPECT_EQ(unzip_to(bytes, dir.path() / "code"), kCouldNotUnzip) << bytes;
  }
}

TEST(Unzip, RejectsEntriesThatLeaveTheDestination) {
  static const std::vector<Entry> kCases[] = {
      {{"../evil.js", "x"}},      {{"a/../../evil.js", "x"}},
      {{"/etc/evil.js", "x"}},    {{"out", "../..", 0120777}},
      {{"out", "/etc", 0120777}}, {{"d/", ""}, {"d/up", "..", 0120777}, {"d/up/x", "y"}},
  };
  for (const auto& entries : kCases) {
    TempDir dir;
    auto zip = make_zip(entries);
    EXPECT_EQ(unzip_to(zip, dir.path() / "code"), kCouldNotUnzip) << entries.back().name;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "evil.js"));
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "x"));
  }
}

}  // namespace
}  // namespace ebs::lambda
