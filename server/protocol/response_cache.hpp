// ResponseCache: the encoded results of read-only actions (DescribeVolumes, DescribeInstances,
// DescribeTags), reused while the state they were read from is unchanged. Every entry belongs to
// one state version (the store's write generation, read *before* the action ran); when the version
// moves on, the whole cache is dropped, so a read never sees an older state than the last
// acknowledged write. Bounded in bytes; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ebs::protocol {

class ResponseCache {
 public:
  using Version = std::function<uint64_t()>;
  using Body = std::shared_ptr<const std::string>;

  explicit ResponseCache(Version version, size_t max_bytes = 2 * 1024 * 1024);

  // The current state version; pass it to find() and put().
  uint64_t version() const { return version_(); }
  // The body stored under `key` for `version`, or null.
  Body find(const std::string& key, uint64_t version);
  // Stores `body` if `version` is still current and it fits.
  void put(const std::string& key, uint64_t version, std::string body);

 private:
  void drop_if_stale(uint64_t version);

  Version version_;
  size_t max_bytes_;
  std::mutex mu_;
  uint64_t entries_version_ = 0;
  size_t bytes_ = 0;
  std::unordered_map<std::string, Body> entries_;
};

}  // namespace ebs::protocol
