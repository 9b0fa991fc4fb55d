#include "net/http_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ebs::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

protocol::HttpRequest to_plain(http::request<http::string_body>&& req) {
  protocol::HttpRequest out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  out.headers.reserve(16);
  for (const auto& field : req) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(req.body());
  return out;
}

http::response<http::string_body> to_beast(protocol::HttpResponse&& res, unsigned version,
                                           bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  out.set(http::field::server, "ebs-emulator");
  out.set(http::field::content_type, res.content_type);
  for (auto& [k, v] : res.headers) out.set(k, v);
  out.keep_alive(keep_alive);
  out.body() = std::move(res.body);
  out.prepare_payload();
  return out;
}

struct Shared {
  ServerOptions options;
  HttpServer::Handler handler;
  HttpServer::MayBlock may_block;
  asio::thread_pool* workers;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<Shared> shared)
      : stream_(std::move(socket)), shared_(std::move(shared)) {}

  void run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::do_read, shared_from_this()));
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(shared_->options.body_limit);
    parser_->header_limit(64 * 1024);
    stream_.expires_after(std::chrono::seconds(shared_->options.read_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return do_close();
    if (ec == http::error::body_limit) {
      protocol::HttpResponse res;
      res.status = 413;
      res.body =
          R"({"__type":"RequestEntityTooLargeException","message":"Request must be smaller than the body limit"})";
      return send(to_beast(std::move(res), 11, false));
    }
    if (ec) {
      if (ec != beast::error::timeout && ec != asio::error::operation_aborted &&
          ec != asio::error::connection_reset) {
        spdlog::debug("http read: {}", ec.message());
      }
      return do_close();
    }
    auto req = parser_->release();
    unsigned version = req.version();
    bool keep_alive = req.keep_alive();
    auto plain = to_plain(std::move(req));
    if (shared_->may_block && shared_->may_block(plain)) {
      auto self = shared_from_this();
      asio::post(*shared_->workers,
                 [self, plain = std::move(plain), version, keep_alive]() mutable {
                   auto res = self->shared_->handler(plain);
                   asio::post(self->stream_.get_executor(),
                              [self, res = std::move(res), version, keep_alive]() mutable {
                                self->send(to_beast(std::move(res), version, keep_alive));
                              });
                 });
      return;
    }
    send(to_beast(shared_->handler(plain), version, keep_alive));
  }

  void send(http::response<http::string_body>&& res) {
    auto sp = std::make_shared<http::response<http::string_body>>(std::move(res));
    bool close = !sp->keep_alive();
    stream_.expires_after(std::chrono::seconds(shared_->options.read_timeout_seconds));
    http::async_write(stream_, *sp,
                      [self = shared_from_this(), sp, close](beast::error_code ec, std::size_t) {
                        self->on_write(close, ec);
                      });
  }

  void on_write(bool close, beast::error_code ec) {
    if (ec) return do_close();
    if (close) return do_close();
    do_read();
  }

  void do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Shared> shared_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::acceptor&& acceptor, std::shared_ptr<Shared> shared)
      : ioc_(ioc), acceptor_(std::move(acceptor)), shared_(std::move(shared)) {}

  void run() { do_accept(); }
  void close() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  void do_accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Session>(std::move(socket), shared_)->run();
    }
    do_accept();
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  asio::io_context ioc;
  asio::thread_pool workers;
  std::shared_ptr<Shared> shared;
  std::shared_ptr<Listener> listener;

  explicit Impl(ServerOptions o)
      : options(o), ioc(o.io_threads), workers(static_cast<size_t>(o.worker_threads)) {}
};

HttpServer::HttpServer(ServerOptions options, Handler handler, MayBlock may_block)
    : impl_(std::make_unique<Impl>(options)) {
  impl_->shared = std::make_shared<Shared>(
      Shared{options, std::move(handler), std::move(may_block), &impl_->workers});
}

HttpServer::~HttpServer() {
  stop();
  impl_->workers.join();
}

unsigned short HttpServer::listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) throw std::runtime_error("invalid listen address " + impl_->options.host);
  tcp::endpoint endpoint{address, impl_->options.port};
  tcp::acceptor acceptor(impl_->ioc);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" +
                             std::to_string(impl_->options.port) + ": " + ec.message());
  }
  unsigned short port = acceptor.local_endpoint().port();
  impl_->listener = std::make_shared<Listener>(impl_->ioc, std::move(acceptor), impl_->shared);
  impl_->listener->run();
  return port;
}

void HttpServer::run() {
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.io_threads; ++i) {
    threads.emplace_back([this] { impl_->ioc.run(); });
  }
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void HttpServer::stop() {
  asio::post(impl_->ioc, [this] {
    if (impl_->listener) impl_->listener->close();
  });
  impl_->ioc.stop();
}

}  // namespace ebs::net
