// test_support: what the lambda runner tests share: a temporary folder, writing a function's files,
// FunctionSpec / RunnerConfig builders pointing at the source tree's bootstrap files, and a tiny
// HTTP listener on 127.0.0.1:0 that records requests (a stand-in for the emulator endpoint).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lambda/runner/function_spec.hpp"
#include "lambda/runner/runner_config.hpp"

namespace ebs::lambda::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

// A config for tests: the source tree's bootstrap files, an endpoint nobody listens on.
RunnerConfig test_config();

// A function `name` whose code folder (under `root`) holds `files` (relative path -> content).
FunctionSpec make_function(const std::filesystem::path& root, const std::string& name,
                           const std::string& runtime, const std::string& handler,
                           const std::map<std::string, std::string>& files);

// Polls `condition` until it holds or `timeout` passes.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

struct RecordedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// Accepts HTTP/1.1 requests on 127.0.0.1 (a free port), records them and answers each with
// `response_body` (status 200, Connection: close).
class RecordingHttpServer {
 public:
  RecordingHttpServer(std::string content_type, std::string response_body);
  ~RecordingHttpServer();
  RecordingHttpServer(const RecordingHttpServer&) = delete;
  RecordingHttpServer& operator=(const RecordingHttpServer&) = delete;

  unsigned short port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<RecordedRequest> requests();

 private:
  void serve();
  void handle(int connection);

  std::string content_type_;
  std::string response_body_;
  int listener_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

}  // namespace ebs::lambda::testing
