#include "lambda/code_package.hpp"

#include <nettle/base64.h>
#include <nettle/sha2.h>
#include <unistd.h>

#include <array>
#include <atomic>

#include "lambda/runner/unzip.hpp"

namespace ebs::lambda {
namespace {

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
  std::string out(BASE64_ENCODE_RAW_LENGTH(bytes.size()), '\0');
  base64_encode_raw(out.data(), bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
  std::string out(BASE64_DECODE_LENGTH(text.size()), '\0');
  base64_decode_ctx ctx;
  base64_decode_init(&ctx);
  size_t length = out.size();
  if (!base64_decode_update(&ctx, &length, reinterpret_cast<uint8_t*>(out.data()), text.size(),
                            text.data()) ||
      !base64_decode_final(&ctx)) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string code_sha256(const std::string& zip_bytes) {
  std::array<uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, zip_bytes.size(), reinterpret_cast<const uint8_t*>(zip_bytes.data()));
  sha256_digest(&ctx, digest.size(), digest.data());
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
