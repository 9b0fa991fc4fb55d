// ebs-emulator: reads flags (each with an environment variable; the flag wins), builds the App,
// prints the ready line, serves until SIGINT/SIGTERM, and stops cleanly.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <malloc.h>
#include <pthread.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "app/app.hpp"

int main(int argc, char** argv) {
  ebs::Config config;
  CLI::App cli{
      "ebs-emulator: a local emulator of Amazon EBS, its events, KMS key states, EventBridge "
      "and Lambda"};
  cli.set_version_flag("--version", config.version);
  cli.add_option("--host", config.host, "listen address")->envname("EBS_EMULATOR_HOST");
  cli.add_option("--port", config.port, "listen port; 0 picks a free one")
      ->envname("EBS_EMULATOR_PORT");
  cli.add_option("--db", config.db_path, "SQLite file; :memory: for none")
      ->envname("EBS_EMULATOR_DB");
  cli.add_option("--fixtures", config.fixtures, "fixture file or folder (repeatable)")
      ->envname("EBS_EMULATOR_FIXTURES")
      ->delimiter(',');
  cli.add_option("--log-level", config.log_level, "debug, info, warn, error")
      ->envname("EBS_EMULATOR_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
  cli.add_option("--default-account", config.default_account,
                 "account for access keys that are not 12 digits")
      ->envname("EBS_EMULATOR_DEFAULT_ACCOUNT");
  cli.add_flag("--fsync", config.fsync, "fsync every commit (power-loss durability)")
      ->envname("EBS_EMULATOR_FSYNC");
  cli.add_option("--time-scale", config.time_scale,
                 "speed of emulated time (e.g. 60: an hour of retries passes in a minute)")
      ->envname("EBS_EMULATOR_TIME_SCALE");
  cli.add_option("--snapshot-ms", config.timing.snapshot_ms,
                 "how long a snapshot stays pending (emulated ms)")
      ->envname("EBS_EMULATOR_SNAPSHOT_MS");
  cli.add_option("--snapshot-ms-per-gib", config.timing.snapshot_ms_per_gib,
                 "extra pending time per GiB of volume (proportional model)")
      ->envname("EBS_EMULATOR_SNAPSHOT_MS_PER_GIB");
  int64_t copy_ms = -1;
  cli.add_option("--copy-ms", copy_ms,
                 "how long a snapshot copy stays pending (emulated ms; default: --snapshot-ms)")
      ->envname("EBS_EMULATOR_COPY_MS");
  cli.add_option("--fsr-ms", config.timing.fsr_ms,
                 "how long each Fast Snapshot Restore step (enabling, optimizing, disabling) "
                 "takes (emulated ms)")
      ->envname("EBS_EMULATOR_FSR_MS");
  cli.add_option("--initialize-ms", config.timing.initialize_ms,
                 "how long a volume created from a snapshot initializes after it became "
                 "available (emulated ms)")
      ->envname("EBS_EMULATOR_INITIALIZE_MS");
  cli.add_option("--initialize-ms-per-gib", config.timing.initialize_ms_per_gib,
                 "extra initialization time per GiB at 100 MiB/s, scaled by "
                 "VolumeInitializationRate (10240: AWS's real speed)")
      ->envname("EBS_EMULATOR_INITIALIZE_MS_PER_GIB");
  std::string completion = "auto";
  cli.add_option("--snapshot-completion", completion,
                 "auto, or manual: pending snapshots and copies complete only through "
                 "POST /_emulator/snapshots/{id}/complete or /fail")
      ->envname("EBS_EMULATOR_SNAPSHOT_COMPLETION")
      ->check(CLI::IsMember({"auto", "manual"}));
  std::string clock_mode = "real";
  cli.add_option("--clock", clock_mode,
                 "real, or manual: emulated time moves only through POST /_emulator/clock")
      ->envname("EBS_EMULATOR_CLOCK")
      ->check(CLI::IsMember({"real", "manual"}));
  cli.add_option("--volume-ms", config.timing.volume_create_ms,
                 "how long a volume stays creating (emulated ms)")
      ->envname("EBS_EMULATOR_VOLUME_MS");
  cli.add_option("--modify-ms", config.timing.modify_ms,
                 "how long each volume modification step (modifying, optimizing) takes")
      ->envname("EBS_EMULATOR_MODIFY_MS");
  cli.add_option("--instance-ms", config.timing.instance_ms,
                 "how long instance transitions (pending, stopping, shutting-down) take")
      ->envname("EBS_EMULATOR_INSTANCE_MS");
  cli.add_option("--attach-ms", config.timing.attach_ms, "how long attaching/detaching takes")
      ->envname("EBS_EMULATOR_ATTACH_MS");
  cli.add_option("--lambda-bootstrap-dir", config.lambda_bootstrap_dir,
                 "folder of the Lambda runtime bootstraps")
      ->envname("EBS_EMULATOR_LAMBDA_BOOTSTRAP_DIR");
  cli.add_option("--lambda-work-dir", config.lambda_work_dir,
                 "where unzipped Lambda code lives (default: <dir of --db>/lambda)")
      ->envname("EBS_EMULATOR_LAMBDA_WORK_DIR");
  cli.add_option("--lambda-node-path", config.lambda_node_path,
                 "folder added to NODE_PATH of Node.js functions, e.g. one holding @aws-sdk/* "
                 "(repeatable)")
      ->envname("EBS_EMULATOR_LAMBDA_NODE_PATH")
      ->delimiter(',');
  cli.add_option("--retry-scale", config.retry_scale,
                 "multiplies EventBridge retry delays and event ages (0.001: 24 h pass in 86 s)")
      ->envname("EBS_EMULATOR_RETRY_SCALE");
  cli.add_option("--delivery-workers", config.delivery_workers,
                 "threads delivering EventBridge events to targets")
      ->envname("EBS_EMULATOR_DELIVERY_WORKERS");
  cli.add_option("--max-rules-per-bus", config.max_rules_per_bus,
                 "EventBridge rules allowed per event bus (AWS default quota: 300)")
      ->envname("EBS_EMULATOR_MAX_RULES_PER_BUS");
  CLI11_PARSE(cli, argc, argv);

  config.timing.detach_ms = config.timing.attach_ms;
  config.timing.volume_delete_ms = config.timing.volume_create_ms;
  config.timing.copy_ms = copy_ms >= 0 ? copy_ms : config.timing.snapshot_ms;
  config.timing.manual = completion == "manual";
  config.manual_clock = clock_mode == "manual";

  auto logger = spdlog::stderr_color_mt("ebs-emulator");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc);
  spdlog::set_level(spdlog::level::from_str(config.log_level));

  // SIGINT/SIGTERM are taken by one thread with sigwait (not in a signal handler), which stops the
  // server; threads started later inherit the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    ebs::App app(config);
    unsigned short port = app.listen();
    std::thread signal_thread([&] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      if (sig == SIGINT || sig == SIGTERM) spdlog::info("signal {}: stopping", sig);
      app.stop();
    });
    // Start-up (migrations, fixtures) leaves freed heap behind: give it back before idling.
    malloc_trim(0);
    std::cout << "ebs-emulator listening on http://" << config.host << ":" << port << std::endl;
    app.run();
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    spdlog::info("stopped");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ebs-emulator: %s\n", e.what());
    return 1;
  }
  return 0;
}
