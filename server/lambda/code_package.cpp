#include "lambda/code_package.hpp"

#include <openssl/sha.h>
#include <unistd.h>

#include <array>
#include <atomic>

#include "lambda/runner/unzip.hpp"

namespace ebs::lambda {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int decode_char(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// A folder name from a base64 hash: '/' and '+' are not welcome in paths.
std::string folder_name(const std::string& sha256) {
  std::string out;
  for (char c : sha256) {
    if (c == '/')
      out += '_';
    else if (c == '+')
      out += '-';
    else if (c != '=')
      out += c;
  }
  return out;
}

}  // namespace

std::string base64_encode(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (char c : text) {
    if (c == '=') {
      ++padding;
      continue;
    }
    if (c == '\n' || c == '\r') continue;
    if (padding) return std::nullopt;
    int v = decode_char(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if (padding > 2) return std::nullopt;
  return out;
}

std::string code_sha256(const std::string& zip_bytes) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(zip_bytes.data()), zip_bytes.size(), digest.data());
  return base64_encode(std::string(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

CodeStore::CodeStore(std::filesystem::path work_dir) : work_dir_(std::move(work_dir)) {}

std::optional<std::filesystem::path> CodeStore::materialize(const std::string& zip_bytes,
                                                            const std::string& sha256,
                                                            std::string& error) {
  static std::atomic<uint64_t> counter{0};
  auto target = work_dir_ / "code" / folder_name(sha256);
  std::lock_guard lock(mu_);
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) return target;
  std::filesystem::create_directories(work_dir_ / "code", ec);
  auto staging = work_dir_ / "code" /
                 (".staging-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(staging, ec);
  if (auto failure = unzip_to(zip_bytes, staging)) {
    std::filesystem::remove_all(staging, ec);
    error = *failure;
    return std::nullopt;
  }
  std::filesystem::rename(staging, target, ec);
  if (ec) {
    std::filesystem::remove_all(staging, ec);
    if (!std::filesystem::is_directory(target, ec)) {
      error = "Could not store the unzipped code in " + target.string();
      return std::nullopt;
    }
  }
  return target;
}

std::filesystem::path default_work_dir(const std::string& db_path) {
  if (db_path.empty() || db_path == ":memory:") {
    auto base = std::filesystem::temp_directory_path() /
                ("ebs-emulator-lambda-" + std::to_string(::getpid()));
    return base;
  }
  auto parent = std::filesystem::absolute(db_path).parent_path();
  return parent / "lambda";
}

}  // namespace ebs::lambda
