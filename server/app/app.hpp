// App: builds every object of the emulator from a Config (store, clock, ids, scheduler, event bus,
// services, dispatch tables, HTTP server), runs it, and stops it cleanly. main() is a thin shell
// around it, and in-process integration tests can use it directly.
#pragma once

#include <memory>

#include "core/config.hpp"

namespace ebs {

class App {
 public:
  explicit App(Config config);  // opens the store, migrates, loads fixtures; throws on bad config
  ~App();
  // Binds the port; returns the bound port (the real one when config.port is 0).
  unsigned short listen();
  // Serves until stop().
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebs
