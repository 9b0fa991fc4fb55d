#include "protocol/query_api.hpp"

#include <spdlog/spdlog.h>

#include "core/aws_error.hpp"

namespace ebs::protocol {

QueryApi::QueryApi(std::string service, std::string xmlns, Style style)
    : service_(std::move(service)), xmlns_(std::move(xmlns)), style_(style) {}

void QueryApi::add(const std::string& action, Action handler) {
  actions_[action] = Entry{std::move(handler), false};
}

void QueryApi::add_read(const std::string& action, Action handler) {
  actions_[action] = Entry{std::move(handler), true};
}

namespace {

// Everything a cacheable read's result depends on besides the state: who asks, where, and what.
std::string cache_key(const std::string& service, const QueryParams& params,
                      const RequestContext& ctx) {
  std::string key;
  key.reserve(128);
  key.append(service).append(1, '\n').append(ctx.account).append(1, '\n').append(ctx.region);
  for (const auto& [name, value] : params.all()) {
    key.append(1, '\n').append(name).append(1, '=').append(value);
  }
  return key;
}

}  // namespace

void QueryApi::run_action(const Entry& entry, const QueryParams& params, const RequestContext& ctx,
                          XmlWriter& xml) const {
  if (!entry.cacheable || !cache_) return entry.run(params, ctx, xml);
  auto key = cache_key(service_, params, ctx);
  uint64_t version = cache_->version();  // before the read: the result is at least this new
  if (auto body = cache_->find(key, version)) {
    xml.reserve(xml.str().size() + body->size() + 64);  // one allocation for the whole response
    xml.append_encoded(*body);
    return;
  }
  size_t mark = xml.str().size();
  size_t depth = xml.depth();
  entry.run(params, ctx, xml);
  if (xml.depth() == depth) cache_->put(key, version, xml.str().substr(mark));
}

HttpResponse QueryApi::error(const std::string& code, const std::string& message, int status,
                             const RequestContext& ctx) const {
  XmlWriter xml;
  xml.declaration();
  if (style_ == Style::kEc2) {
    xml.open("Response").open("Errors").open("Error");
    xml.element("Code", code).element("Message", message);
    xml.close().close().element("RequestID", ctx.request_id).close();
  } else {
    xml.open("ErrorResponse", xmlns_).open("Error");
    xml.element("Type", status >= 500 ? "Receiver" : "Sender");
    xml.element("Code", code).element("Message", message).close();
    xml.element("RequestId", ctx.request_id).close();
  }
  HttpResponse response;
  response.status = status;
  response.content_type = "text/xml;charset=UTF-8";
  response.body = xml.take();
  return response;
}

HttpResponse QueryApi::handle(const QueryParams& params, const RequestContext& ctx) const {
  auto action = params.get("Action").value_or("");
  auto it = actions_.find(action);
  if (it == actions_.end()) {
    return error("InvalidAction", "The action " + action + " is not valid for this web service.",
                 400, ctx);
  }
  if (faults_) {
    if (auto fault = faults_->api_fault(service_, action, ctx.account, ctx.region)) {
      return error(fault->code(), fault->message(), fault->http_status(), ctx);
    }
  }
  try {
    XmlWriter xml;
    xml.declaration();
    xml.open(action + "Response", xmlns_);
    if (style_ == Style::kEc2) {
      xml.element("requestId", ctx.request_id);
      run_action(it->second, params, ctx, xml);
    } else {
      xml.open(action + "Result");
      run_action(it->second, params, ctx, xml);
      xml.close();
      xml.open("ResponseMetadata").element("RequestId", ctx.request_id).close();
    }
    HttpResponse response;
    response.content_type = "text/xml;charset=UTF-8";
    response.body = xml.take();
    return response;
  } catch (const AwsError& e) {
    return error(e.code(), e.message(), e.http_status(), ctx);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: internal error: {}", service_, action, e.what());
    return error("InternalError", "An internal error has occurred", 500, ctx);
  }
}

}  // namespace ebs::protocol
