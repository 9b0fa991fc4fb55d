// WarmPool: per-function idle processes keyed by spec fingerprint, with eviction generations.
#include "lambda/runner/warm_pool.hpp"

namespace ebs::lambda {

uint64_t WarmPool::generation(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_[name].generation;
}

std::unique_ptr<RuntimeProcess> WarmPool::take(const std::string& name,
                                               const std::string& fingerprint) {
  std::vector<Idle> stale;  // destroyed after the lock is released
  std::unique_ptr<RuntimeProcess> found;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& idle = entries_[name].idle;
    for (auto it = idle.begin(); it != idle.end();) {
      if (it->fingerprint != fingerprint || it->process->exited()) {
        stale.push_back(std::move(*it));
        it = idle.erase(it);
      } else if (!found) {
        found = std::move(it->process);
        it = idle.erase(it);
      } else {
        ++it;
      }
    }
  }
  return found;
}

void WarmPool::put(const std::string& name, const std::string& fingerprint, uint64_t generation,
                   std::unique_ptr<RuntimeProcess> process) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& entry = entries_[name];
    if (entry.generation == generation && entry.idle.size() < max_idle_per_function_) {
      entry.idle.push_back(Idle{fingerprint, std::move(process)});
      return;
    }
  }
  process.reset();  // outside the lock
}

void WarmPool::evict(const std::string& name) {
  std::vector<Idle> evicted;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& entry = entries_[name];
    ++entry.generation;
    evicted.swap(entry.idle);
  }
}

void WarmPool::clear() {
  std::map<std::string, Entry> all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [name, entry] : entries_) {
      ++entry.generation;
      all[name].idle.swap(entry.idle);
    }
  }
}

size_t WarmPool::idle_count(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(name);
  return it == entries_.end() ? 0 : it->second.idle.size();
}

}  // namespace ebs::lambda
