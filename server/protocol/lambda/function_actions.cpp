// Codecs of the function actions: CreateFunction, GetFunction, GetFunctionConfiguration,
// ListFunctions, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction.
#include "core/aws_error.hpp"
#include "lambda/code_package.hpp"
#include "lambda/lambda_errors.hpp"
#include "protocol/json_members.hpp"
#include "protocol/lambda/lambda_api.hpp"

namespace ebs::protocol::lambda {
namespace {

using ebs::lambda::FunctionService;
using ebs::lambda::InvokeService;
using nlohmann::json;
using nlohmann::ordered_json;

std::optional<std::string> opt_string(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    throw ebs::lambda::validation(std::string("Value at '") + name + "' must be a string");
  }
  return it->get<std::string>();
}

std::optional<std::string> decode_zip(const json& code) {
  auto zip = opt_string(code, "ZipFile");
  if (!zip) return std::nullopt;
  auto bytes = ebs::lambda::base64_decode(*zip);
  if (!bytes) {
    throw ebs::lambda::invalid_parameter(
        "Could not unzip uploaded file. Please check your file, then try to upload again.");
  }
  return bytes;
}

ebs::lambda::FunctionConfigUpdate config_update(const json& body) {
  ebs::lambda::FunctionConfigUpdate c;
  c.runtime = opt_string(body, "Runtime");
  c.handler = opt_string(body, "Handler");
  c.role = opt_string(body, "Role");
  c.description = opt_string(body, "Description");
  c.timeout = opt_int(body, "Timeout");
  c.memory_size = opt_int(body, "MemorySize");
  c.revision_id = opt_string(body, "RevisionId");
  if (auto it = body.find("Environment"); it != body.end() && it->is_object()) {
    std::map<std::string, std::string> vars;
    if (auto v = it->find("Variables"); v != it->end() && v->is_object()) {
      for (auto e = v->begin(); e != v->end(); ++e) {
        vars[e.key()] = e.value().is_string() ? e.value().get<std::string>() : e.value().dump();
      }
    }
    c.environment = std::move(vars);
  }
  return c;
}

ordered_json get_function_body(const store::FunctionRow& f, const Config& config) {
  ordered_json body;
  body["Configuration"] = function_configuration(f);
  if (f.package_type == "Image") {
    body["Code"] = {
        {"RepositoryType", "ECR"}, {"ImageUri", f.image_uri}, {"ResolvedImageUri", f.image_uri}};
  } else {
    body["Code"] = {{"RepositoryType", "S3"},
                    {"Location", config.endpoint_url() + "/_emulator/lambda/code/" + f.account +
                                     "/" + f.region + "/" + f.name}};
  }
  auto tags = ordered_json::parse(f.tags_json, nullptr, false);
  if (tags.is_object() && !tags.empty()) body["Tags"] = tags;
  return body;
}

}  // namespace

void register_function_actions(RestApi& api, FunctionService& functions, InvokeService& invoker,
                               const Config& config) {
  api.add("POST", "/2015-03-31/functions",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            auto body = parse_body(req);
            ebs::lambda::CreateFunctionRequest r;
            auto name = opt_string(body, "FunctionName");
            if (!name) {
              throw ebs::lambda::validation(
                  "1 validation error detected: Value null at 'functionName' failed to satisfy "
                  "constraint: Member must not be null");
            }
            r.name = *name;
            r.config = config_update(body);
            r.package_type = opt_string(body, "PackageType").value_or("Zip");
            auto code = body.value("Code", json::object());
            r.zip_file = decode_zip(code);
            r.s3_code = code.contains("S3Bucket");
            r.image_uri = opt_string(code, "ImageUri");
            if (auto tags = body.find("Tags"); tags != body.end() && tags->is_object()) {
              for (auto t = tags->begin(); t != tags->end(); ++t) {
                r.tags[t.key()] = t.value().get<std::string>();
              }
            }
            return json_reply(201, function_configuration(functions.create(ctx, r)), ctx);
          });
  api.add("GET", "/2015-03-31/functions",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            auto page = functions.list(ctx, req.query.get("Marker"), req.query.get_int("MaxItems"));
            ordered_json list = ordered_json::array();
            for (const auto& f : page.functions) list.push_back(function_configuration(f));
            ordered_json body;
            body["Functions"] = list;
            if (page.next_marker) body["NextMarker"] = *page.next_marker;
            return json_reply(200, body, ctx);
          });
  api.add("GET", "/2015-03-31/functions/{FunctionName}",
          [&functions, &config](const RestRequest& req, const RequestContext& ctx) {
            auto f = functions.get(ctx, req.path.at("FunctionName"), req.query.get("Qualifier"));
            return json_reply(200, get_function_body(f, config), ctx);
          });
  api.add("GET", "/2015-03-31/functions/{FunctionName}/configuration",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            auto f = functions.get(ctx, req.path.at("FunctionName"), req.query.get("Qualifier"));
            return json_reply(200, function_configuration(f), ctx);
          });
  api.add("PUT", "/2015-03-31/functions/{FunctionName}/code",
          [&functions, &invoker](const RestRequest& req, const RequestContext& ctx) {
            auto body = parse_body(req);
            ebs::lambda::UpdateCodeRequest r;
            r.zip_file = decode_zip(body);
            r.s3_code = body.contains("S3Bucket");
            r.image_uri = opt_string(body, "ImageUri");
            r.revision_id = opt_string(body, "RevisionId");
            r.dry_run = body.value("DryRun", false);
            auto f = functions.update_code(ctx, req.path.at("FunctionName"), r);
            invoker.evict(f.name);
            return json_reply(200, function_configuration(f), ctx);
          });
  api.add("PUT", "/2015-03-31/functions/{FunctionName}/configuration",
          [&functions, &invoker](const RestRequest& req, const RequestContext& ctx) {
            auto body = parse_body(req);
            auto f = functions.update_configuration(ctx, req.path.at("FunctionName"),
                                                    config_update(body));
            invoker.evict(f.name);
            return json_reply(200, function_configuration(f), ctx);
          });
  api.add("DELETE", "/2015-03-31/functions/{FunctionName}",
          [&functions, &invoker](const RestRequest& req, const RequestContext& ctx) {
            auto name = req.path.at("FunctionName");
            functions.remove(ctx, name, req.query.get("Qualifier"));
            invoker.evict(FunctionService::resolve(ctx, name, std::nullopt).name);
            HttpResponse response;
            response.status = 204;
            response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
            return response;
          });
}

}  // namespace ebs::protocol::lambda
