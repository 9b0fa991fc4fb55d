// HttpServer: the Boost.Beast HTTP/1.1 server. A listener owns the acceptor; a session owns one
// connection (keep-alive, a body limit, a read timeout). Requests are handed to a plain handler
// function that knows nothing about sockets; requests that may block (a Lambda invoke, a settle
// wait) run on a worker pool so they never hold an I/O thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "protocol/http_types.hpp"

namespace ebs::net {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 4566;
  int io_threads = 2;
  int worker_threads = 8;
  size_t body_limit = 64 * 1024 * 1024;  // Lambda zip uploads reach 50 MB
  int read_timeout_seconds = 60;
};

class HttpServer {
 public:
  using Handler = std::function<protocol::HttpResponse(const protocol::HttpRequest&)>;
  using MayBlock = std::function<bool(const protocol::HttpRequest&)>;

  HttpServer(ServerOptions options, Handler handler, MayBlock may_block);
  ~HttpServer();
  // Binds and listens; throws std::runtime_error (e.g. port in use). Returns the bound port.
  unsigned short listen();
  // Serves until stop() is called (from any thread, e.g. a signal handler).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebs::net
