#include "lambda/code_package.hpp"

#include <fstream>

#include "lambda_fixture.hpp"

namespace ebs::lambda {

namespace {
uint32_t crc32_of(const std::string& data) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}
void put16(std::string& out, uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}
void put32(std::string& out, uint32_t v) {
  put16(out, static_cast<uint16_t>(v & 0xffff));
  put16(out, static_cast<uint16_t>(v >> 16));
}
}  // namespace

std::string stored_zip(const std::string& name, const std::string& content) {
  uint32_t crc = crc32_of(content);
  auto size = static_cast<uint32_t>(content.size());
  std::string local;
  put32(local, 0x04034b50);
  put16(local, 20);
  put16(local, 0);
  put16(local, 0);  // stored
  put16(local, 0);
  put16(local, 0x21);
  put32(local, crc);
  put32(local, size);
  put32(local, size);
  put16(local, static_cast<uint16_t>(name.size()));
  put16(local, 0);
  local += name + content;
  std::string central;
  put32(central, 0x02014b50);
  put16(central, 0x031e);  // made by Unix
  put16(central, 20);
  put16(central, 0);
  put16(central, 0);
  put16(central, 0);
  put16(central, 0x21);
  put32(central, crc);
  put32(central, size);
  put32(central, size);
  put16(central, static_cast<uint16_t>(name.size()));
  put16(central, 0);
  put16(central, 0);
  put16(central, 0);
  put16(central, 0);
  put32(central, 0100644u << 16);
  put32(central, 0);
  central += name;
  std::string end;
  put32(end, 0x06054b50);
  put16(end, 0);
  put16(end, 0);
  put16(end, 1);
  put16(end, 1);
  put32(end, static_cast<uint32_t>(central.size()));
  put32(end, static_cast<uint32_t>(local.size()));
  put16(end, 0);
  return local + central + end;
}

namespace {

TEST(Base64, RoundTripsEveryLengthAndRejectsGarbage) {
  const std::pair<std::string, std::string> cases[] = {
      {"", ""},        {"f", "Zg=="},        {"fo", "Zm8="},
      {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {std::string("\0\xff\x10", 3), "AP8Q"}};
  for (const auto& [raw, encoded] : cases) {
    EXPECT_EQ(base64_encode(raw), encoded);
    EXPECT_EQ(base64_decode(encoded), raw);
  }
  EXPECT_FALSE(base64_decode("Zm9v!").has_value());
  EXPECT_FALSE(base64_decode("Zg==Zg").has_value());
}

TEST(CodeSha256, IsTheBase64OfTheSha256AsLambdaReportsIt) {
  EXPECT_EQ(code_sha256("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

using CodeStoreTest = LambdaFixture;

TEST_F(CodeStoreTest, UnzipsOnceIntoAFolderNamedByHashAndRefusesNonZips) {
  auto zip = stored_zip("index.js", "exports.handler = async () => 1;");
  std::string error;
  auto dir = code_.materialize(zip, code_sha256(zip), error);
  ASSERT_TRUE(dir.has_value()) << error;
  std::ifstream in(*dir / "index.js");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "exports.handler = async () => 1;");
  EXPECT_EQ(code_.materialize(zip, code_sha256(zip), error), dir);

  EXPECT_FALSE(code_.materialize("not a zip", code_sha256("not a zip"), error).has_value());
  EXPECT_EQ(error,
            "Could not unzip uploaded file. Please check your file, then try to upload "
            "again.");
}

}  // namespace
}  // namespace ebs::lambda
