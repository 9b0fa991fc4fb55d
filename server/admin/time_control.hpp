// Time control for tests: read and move the emulator's clock (`/_emulator/clock`), and wait until
// no asynchronous work is due (`/_emulator/settle`), so tests wait for conditions instead of
// sleeping. Other parts of the emulator (the delivery engine) add their own idleness probes.
#pragma once

#include <functional>
#include <vector>

#include "core/services.hpp"
#include "protocol/rest_api.hpp"

namespace ebs::admin {

// Returns true when that part of the emulator has nothing due now.
using IdleProbe = std::function<bool()>;

class SettleProbes {
 public:
  void add(IdleProbe probe) { probes_.push_back(std::move(probe)); }
  bool all_idle() const {
    for (const auto& p : probes_) {
      if (!p()) return false;
    }
    return true;
  }

 private:
  std::vector<IdleProbe> probes_;
};

void register_time_control(protocol::RestApi& api, ServiceDeps& deps, SettleProbes& probes);

}  // namespace ebs::admin
