// Config: the program's settings (flags and their environment variables, see interface.md), shared
// read-only by every service.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ebs {

struct Timing {
  // How long asynchronous EC2 work takes, in emulated milliseconds. 0 = at once (still
  // asynchronous: the API answers `creating`/`pending` first).
  int64_t volume_create_ms = 500;
  int64_t volume_delete_ms = 500;
  int64_t attach_ms = 300;
  int64_t detach_ms = 300;
  int64_t modify_ms = 1000;    // modifying -> optimizing; optimizing -> completed takes as long
  int64_t instance_ms = 500;   // pending -> running, stopping -> stopped, ...
  int64_t snapshot_ms = 1000;  // pending -> completed (progress moves in steps over it)
  int64_t snapshot_ms_per_gib = 0;  // added per GiB of volume size (proportional model)
  int64_t copy_ms = 1000;
  // Fast Snapshot Restore: enabling -> optimizing, optimizing -> enabled and disabling -> disabled
  // each take this long.
  int64_t fsr_ms = 1000;
  // A volume created from a snapshot (not fast-restored) finishes initializing this long after it
  // became available, plus initialize_ms_per_gib per GiB scaled by 100 / its
  // VolumeInitializationRate (100 MiB/s when none; 10240 gives AWS's real speed).
  int64_t initialize_ms = 1000;
  int64_t initialize_ms_per_gib = 0;
  bool manual = false;  // pending snapshot work completes only when a test says so
};

struct Config {
  std::string host = "127.0.0.1";
  int port = 4566;
  std::string db_path = "./.ebs-emulator/state.db";
  std::vector<std::string> fixtures;
  std::string log_level = "info";
  std::string default_account = "000000000000";
  bool fsync = false;
  double time_scale = 1.0;
  bool manual_clock = false;  // time moves only when a test advances it
  std::string lambda_bootstrap_dir;
  std::string lambda_work_dir;  // where unzipped function code lives; default beside the database
  // Folders added to NODE_PATH of Node.js functions (e.g. where the SDKs a Lambda runtime provides
  // are installed: @aws-sdk/* v3 for nodejs18.x and later).
  std::vector<std::string> lambda_node_path;
  // EventBridge delivery engine.
  double retry_scale = 1.0;     // multiplies retry backoff and MaximumEventAgeInSeconds
  int delivery_workers = 8;     // threads sending deliveries to targets
  int max_rules_per_bus = 300;  // the (adjustable) AWS quota
  Timing timing;
  std::string version = "0.1.0";
  std::string endpoint_url() const {
    return "http://" + (host == "0.0.0.0" ? std::string("127.0.0.1") : host) + ":" +
           std::to_string(port);
  }
};

}  // namespace ebs
