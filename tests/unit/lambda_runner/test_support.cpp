// test_support: temp folders, function builders and a recording HTTP listener for the runner tests.
#include "test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace ebs::lambda::testing {

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (;;) {
    path_ = base / ("ebs-lambda-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

RunnerConfig test_config() {
  RunnerConfig config;
  config.bootstrap_dir = EBS_TEST_BOOTSTRAP_DIR;
  config.endpoint_url = "http://127.0.0.1:9";
  return config;
}

FunctionSpec make_function(const std::filesystem::path& root, const std::string& name,
                           const std::string& runtime, const std::string& handler,
                           const std::map<std::string, std::string>& files) {
  FunctionSpec spec;
  spec.name = name;
  spec.runtime = runtime;
  spec.handler = handler;
  spec.code_dir = root / name;
  std::filesystem::create_directories(spec.code_dir);
  for (const auto& [relative, content] : files) write_file(spec.code_dir / relative, content);
  spec.account = "123456789012";
  spec.region = "us-east-2";
  spec.function_arn = "arn:aws:lambda:us-east-2:123456789012:function:" + name;
  return spec;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

RecordingHttpServer::RecordingHttpServer(std::string content_type, std::string response_body)
    : content_type_(std::move(content_type)), response_body_(std::move(response_body)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  ::listen(listener_, 16);
  socklen_t len = sizeof(addr);
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

RecordingHttpServer::~RecordingHttpServer() {
  stop_ = true;
  thread_.join();
  ::close(listener_);
}

std::vector<RecordedRequest> RecordingHttpServer::requests() {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

void RecordingHttpServer::serve() {
  while (!stop_) {
    pollfd pfd{listener_, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) continue;
    handle(connection);
    ::close(connection);
  }
}

void RecordingHttpServer::handle(int connection) {
  std::string data;
  char buffer[8192];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  size_t header_end = std::string::npos;
  size_t content_length = 0;
  RecordedRequest request;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd pfd{connection, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    ssize_t n = ::read(connection, buffer, sizeof(buffer));
    if (n <= 0) return;
    data.append(buffer, static_cast<size_t>(n));
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end == std::string::npos) continue;
      std::istringstream head(data.substr(0, header_end));
      std::string line;
      std::getline(head, line);
      std::istringstream request_line(line);
      request_line >> request.method >> request.target;
      while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), ::tolower);
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        request.headers[name] = value;
      }
      if (auto it = request.headers.find("content-length"); it != request.headers.end()) {
        content_length = std::stoul(it->second);
      }
    }
    if (data.size() >= header_end + 4 + content_length) break;
  }
  if (header_end == std::string::npos) return;
  request.body = data.substr(header_end + 4, content_length);
  {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
  }
  std::string response = "HTTP/1.1 200 OK\r\nContent-Type: " + content_type_ +
                         "\r\nContent-Length: " + std::to_string(response_body_.size()) +
                         "\r\nConnection: close\r\n\r\n" + response_body_;
  size_t sent = 0;
  while (sent < response.size()) {
    ssize_t n = ::send(connection, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

}  // namespace ebs::lambda::testing
