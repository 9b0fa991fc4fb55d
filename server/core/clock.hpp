// Clock: the emulator's one source of time. Real time, real time scaled (so a 24 h retry window can
// pass in minutes), or manual (time moves only when a test advances it). Thread-safe. Times are
// milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <mutex>

namespace ebs {

class Clock {
 public:
  enum class Mode { kReal, kManual };

  Clock();
  int64_t now_ms() const;
  // Speed of emulated time relative to real time (1.0 = real). Only for kReal.
  void set_scale(double scale);
  double scale() const;
  void set_manual(int64_t at_ms);
  void set_real();
  Mode mode() const;
  // Moves a manual clock forward (or a real one, by shifting its offset).
  void advance(int64_t delta_ms);
  // How long, in real milliseconds, until emulated time reaches `at_ms` (<0 means never: manual
  // mode).
  int64_t real_wait_ms(int64_t at_ms) const;

 private:
  static int64_t system_now_ms();
  int64_t now_locked() const;

  mutable std::mutex mu_;
  Mode mode_ = Mode::kReal;
  double scale_ = 1.0;
  int64_t base_real_ms_ = 0;  // real time at the last re-basing
  int64_t base_emul_ms_ = 0;  // emulated time at the last re-basing
};

}  // namespace ebs
