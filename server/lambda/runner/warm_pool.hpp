// WarmPool: idle execution environments kept between invocations, per function name. A process is
// handed out only for a spec with the same fingerprint (same code and configuration), to one
// invocation at a time; stale ones (other fingerprint, or evicted while they ran) are killed rather
// than reused. Thread-safe. Processes are destroyed (killed and reaped) outside the pool's lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lambda/runner/runtime_process.hpp"

namespace ebs::lambda {

class WarmPool {
 public:
  explicit WarmPool(size_t max_idle_per_function) : max_idle_per_function_(max_idle_per_function) {}

  // Current eviction generation of `name`; pass it back to put() so that a process that was running
  // while its function was evicted is not kept.
  uint64_t generation(const std::string& name);
  // An idle process for this fingerprint, or null. Idle processes of other fingerprints are killed.
  std::unique_ptr<RuntimeProcess> take(const std::string& name, const std::string& fingerprint);
  // Returns a process after a clean invocation; killed instead if stale or the pool is full.
  void put(const std::string& name, const std::string& fingerprint, uint64_t generation,
           std::unique_ptr<RuntimeProcess> process);
  // Kills the idle processes of `name`; processes now running for it will not be kept.
  void evict(const std::string& name);
  // Kills every idle process.
  void clear();
  size_t idle_count(const std::string& name);

 private:
  struct Idle {
    std::string fingerprint;
    std::unique_ptr<RuntimeProcess> process;
  };
  struct Entry {
    uint64_t generation = 0;
    std::vector<Idle> idle;
  };

  size_t max_idle_per_function_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace ebs::lambda
