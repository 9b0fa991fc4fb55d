#include "core/clock.hpp"

#include <chrono>
#include <cmath>

namespace ebs {

Clock::Clock() {
  base_real_ms_ = system_now_ms();
  base_emul_ms_ = base_real_ms_;
}

int64_t Clock::system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t Clock::now_locked() const {
  if (mode_ == Mode::kManual) return base_emul_ms_;
  int64_t real_elapsed = system_now_ms() - base_real_ms_;
  return base_emul_ms_ + static_cast<int64_t>(std::llround(real_elapsed * scale_));
}

int64_t Clock::now_ms() const {
  std::lock_guard lock(mu_);
  return now_locked();
}

void Clock::set_scale(double scale) {
  std::lock_guard lock(mu_);
  base_emul_ms_ = now_locked();
  base_real_ms_ = system_now_ms();
  scale_ = scale > 0 ? scale : 1.0;
}

double Clock::scale() const {
  std::lock_guard lock(mu_);
  return scale_;
}

void Clock::set_manual(int64_t at_ms) {
  std::lock_guard lock(mu_);
  mode_ = Mode::kManual;
  base_emul_ms_ = at_ms;
}

void Clock::set_real() {
  std::lock_guard lock(mu_);
  base_emul_ms_ = now_locked();
  base_real_ms_ = system_now_ms();
  mode_ = Mode::kReal;
}

Clock::Mode Clock::mode() const {
  std::lock_guard lock(mu_);
  return mode_;
}

void Clock::advance(int64_t delta_ms) {
  std::lock_guard lock(mu_);
  base_emul_ms_ += delta_ms;
}

int64_t Clock::real_wait_ms(int64_t at_ms) const {
  std::lock_guard lock(mu_);
  int64_t remaining = at_ms - now_locked();
  if (remaining <= 0) return 0;
  if (mode_ == Mode::kManual) return -1;
  return static_cast<int64_t>(std::ceil(remaining / scale_));
}

}  // namespace ebs
