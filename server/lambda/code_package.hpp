// code_package: what the Lambda service does with deployment packages: base64 (the store keeps the
// package as text), CodeSha256 (base64 of its SHA-256, as AWS reports it), and CodeStore, which
// unzips a package once into a folder of the work directory named after its hash (re-unzipping it
// on demand after a restart, since only the store is durable).
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

namespace ebs::lambda {

std::string base64_encode(const std::string& bytes);
std::optional<std::string> base64_decode(const std::string& text);
std::string code_sha256(const std::string& zip_bytes);

class CodeStore {
 public:
  explicit CodeStore(std::filesystem::path work_dir);
  // Unzips the package (if not already there) and returns its folder; on an invalid package returns
  // nothing and sets `error` to the InvalidParameterValueException message.
  std::optional<std::filesystem::path> materialize(const std::string& zip_bytes,
                                                   const std::string& sha256, std::string& error);
  const std::filesystem::path& work_dir() const { return work_dir_; }

 private:
  std::filesystem::path work_dir_;
  std::mutex mu_;
};

// The work directory for a database path: <dir of db>/lambda, or a fresh temporary folder for
// ":memory:".
std::filesystem::path default_work_dir(const std::string& db_path);

}  // namespace ebs::lambda
