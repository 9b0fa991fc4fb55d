#include "admin/time_control.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "admin/admin_api.hpp"
#include "core/aws_error.hpp"
#include "core/time_format.hpp"

namespace ebs::admin {
namespace {

nlohmann::json clock_state(ServiceDeps& deps) {
  auto next = deps.scheduler.next_due_at();
  int64_t now = deps.clock.now_ms();
  return {{"now", iso8601_ms(now)},
          {"nowEpochMillis", now},
          {"mode", deps.clock.mode() == Clock::Mode::kManual ? "manual" : "real"},
          {"scale", deps.clock.scale()},
          {"nextDue", next ? nlohmann::json(iso8601_ms(*next)) : nlohmann::json(nullptr)}};
}

nlohmann::json parse_body(const protocol::RestRequest& req) {
  if (req.http.body.empty()) return nlohmann::json::object();
  auto body = nlohmann::json::parse(req.http.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw AwsError("InvalidRequest", "The body must be a JSON object.");
  }
  return body;
}

double number(const nlohmann::json& body, const char* key) {
  const auto& v = body.at(key);
  if (!v.is_number()) throw AwsError("InvalidRequest", std::string(key) + " must be a number.");
  return v.get<double>();
}

}  // namespace

void register_time_control(protocol::RestApi& api, ServiceDeps& deps, SettleProbes& probes) {
  api.add("GET", "/_emulator/clock", [&deps](const protocol::RestRequest&, const RequestContext&) {
    return json_response(clock_state(deps));
  });

  // {"mode":"manual"|"real", "at": ISO-8601, "scale": n, "advanceSeconds": n}; all optional. After
  // an advance, everything that became due has run before the response is sent.
  api.add("POST", "/_emulator/clock",
          [&deps](const protocol::RestRequest& req, const RequestContext&) {
            auto body = parse_body(req);
            if (body.contains("mode")) {
              std::string mode = body["mode"].get<std::string>();
              if (mode == "manual") {
                deps.clock.set_manual(deps.clock.now_ms());
              } else if (mode == "real") {
                deps.clock.set_real();
              } else {
                throw AwsError("InvalidRequest", "mode must be 'manual' or 'real'.");
              }
            }
            if (body.contains("at")) {
              auto at = parse_iso8601(body["at"].get<std::string>());
              if (!at) throw AwsError("InvalidRequest", "at must be an ISO-8601 time.");
              if (*at < deps.clock.now_ms())
                throw AwsError("InvalidRequest", "The clock cannot go back.");
              deps.clock.advance(*at - deps.clock.now_ms());
            }
            if (body.contains("scale")) {
              double scale = number(body, "scale");
              if (!(scale > 0)) throw AwsError("InvalidRequest", "scale must be positive.");
              deps.clock.set_scale(scale);
            }
            if (body.contains("advanceSeconds")) {
              double seconds = number(body, "advanceSeconds");
              if (seconds < 0) throw AwsError("InvalidRequest", "The clock cannot go back.");
              deps.clock.advance(static_cast<int64_t>(std::llround(seconds * 1000)));
            }
            size_t ran = deps.scheduler.run_due();
            deps.scheduler.wake();
            auto state = clock_state(deps);
            state["ran"] = ran;
            spdlog::info("clock now {} ({} due items ran)", state["now"].get<std::string>(), ran);
            return json_response(state);
          });

  // Returns when no scheduled work is due within horizonSeconds (default 0: due now) and every
  // probe is idle, or 408 after timeoutSeconds. With a real clock and a horizon, it waits for that
  // work.
  api.add("POST", "/_emulator/settle",
          [&deps, &probes](const protocol::RestRequest& req, const RequestContext&) {
            auto body = parse_body(req);
            double timeout =
                body.contains("timeoutSeconds") ? number(body, "timeoutSeconds") : 10.0;
            auto horizon_ms = static_cast<int64_t>(
                (body.contains("horizonSeconds") ? number(body, "horizonSeconds") : 0.0) * 1000);
            auto deadline = std::chrono::steady_clock::now() +
                            std::chrono::milliseconds(static_cast<int64_t>(timeout * 1000));
            auto started = std::chrono::steady_clock::now();
            while (true) {
              deps.scheduler.run_due();
              auto next = deps.scheduler.next_due_at();
              bool scheduler_idle = !next || *next > deps.clock.now_ms() + horizon_ms;
              if (scheduler_idle && probes.all_idle()) break;
              if (std::chrono::steady_clock::now() >= deadline) {
                auto state = clock_state(deps);
                state["settled"] = false;
                return json_response(state, 408);
              }
              std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            auto state = clock_state(deps);
            state["settled"] = true;
            state["waitedMillis"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::steady_clock::now() - started)
                                        .count();
            return json_response(state);
          });
}

}  // namespace ebs::admin
