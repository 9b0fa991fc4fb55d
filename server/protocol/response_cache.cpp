#include "protocol/response_cache.hpp"

namespace ebs::protocol {

ResponseCache::ResponseCache(Version version, size_t max_bytes)
    : version_(std::move(version)), max_bytes_(max_bytes) {}

void ResponseCache::drop_if_stale(uint64_t version) {
  if (version == entries_version_) return;
  entries_.clear();
  bytes_ = 0;
  entries_version_ = version;
}

ResponseCache::Body ResponseCache::find(const std::string& key, uint64_t version) {
  std::lock_guard lock(mu_);
  if (version != entries_version_) return nullptr;
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void ResponseCache::put(const std::string& key, uint64_t version, std::string body) {
  std::lock_guard lock(mu_);
  if (version < entries_version_) return;  // read before a newer write: don't keep it
  drop_if_stale(version);
  size_t size = key.size() + body.size();
  if (size > max_bytes_) return;
  if (bytes_ + size > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  auto [it, inserted] = entries_.try_emplace(key, nullptr);
  if (!inserted) return;
  it->second = std::make_shared<const std::string>(std::move(body));
  bytes_ += size;
}

}  // namespace ebs::protocol
