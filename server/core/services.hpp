// ServiceDeps: the shared objects every service works with, built once in main and passed in (no
// global singletons): the store, the clock, the id generator, the scheduler, the event sink and
// config.
#pragma once

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/event_sink.hpp"
#include "core/faults.hpp"
#include "core/ids.hpp"
#include "core/scheduler.hpp"
#include "store/database.hpp"

namespace ebs {

struct ServiceDeps {
  store::Database& db;
  Clock& clock;
  IdGenerator& ids;
  Scheduler& scheduler;
  EventSink& events;
  Config& config;
  FaultRegistry& faults;
};

}  // namespace ebs
