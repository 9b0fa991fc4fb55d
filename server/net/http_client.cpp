#include "net/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

namespace ebs::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

HttpCallResult http_call(const std::string& method, const std::string& url,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         const std::string& body, int timeout_ms) {
  HttpCallResult result;
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) {
    result.error = "invalid URL: " + url;
    return result;
  }
  if (parsed->scheme() != "http") {
    result.error = "unsupported scheme " + std::string(parsed->scheme()) + " (only http)";
    return result;
  }
  std::string host(parsed->host());
  std::string port = parsed->has_port() ? std::string(parsed->port()) : "80";
  std::string target(parsed->encoded_path());
  if (target.empty()) target = "/";
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  try {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    tcp::resolver resolver(ioc);
    beast::error_code ec;
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) {
      result.error = "cannot resolve " + host + ": " + ec.message();
      return result;
    }
    stream.expires_after(std::chrono::milliseconds(timeout_ms));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, host + ":" + port);
    req.set(http::field::user_agent, "ebs-emulator");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();

    bool done = false;
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    beast::flat_buffer buffer;
    stream.async_connect(endpoints, [&](beast::error_code cec, const tcp::endpoint&) {
      if (cec) {
        ec = cec;
        done = true;
        return;
      }
      http::async_write(stream, req, [&](beast::error_code wec, std::size_t) {
        if (wec) {
          ec = wec;
          done = true;
          return;
        }
        http::async_read(stream, buffer, parser, [&](beast::error_code rec, std::size_t) {
          ec = rec;
          done = true;
        });
      });
    });
    ioc.run();
    if (!done || ec) {
      result.error = ec == beast::error::timeout
                         ? "timed out after " + std::to_string(timeout_ms) + " ms"
                         : ec.message();
      return result;
    }
    auto res = parser.release();
    result.ok = true;
    result.status = static_cast<int>(res.result_int());
    result.body = std::move(res.body());
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace ebs::net
