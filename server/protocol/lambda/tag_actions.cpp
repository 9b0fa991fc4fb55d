// Codecs of the tag actions on functions: TagResource, UntagResource, ListTags
// (`/2017-03-31/tags/{ARN}`).
#include <boost/url/parse_query.hpp>

#include "lambda/lambda_errors.hpp"
#include "protocol/lambda/lambda_api.hpp"

namespace ebs::protocol::lambda {
namespace {

// UntagResource repeats `tagKeys` in the query string.
std::vector<std::string> tag_keys(std::string_view query) {
  std::vector<std::string> keys;
  auto parsed = boost::urls::parse_query(query);
  if (!parsed) return keys;
  for (auto param : *parsed) {
    if (param.has_value && param.key.decode() == "tagKeys") keys.push_back(param.value.decode());
  }
  return keys;
}

HttpResponse no_content(const RequestContext& ctx) {
  HttpResponse response;
  response.status = 204;
  response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
  return response;
}

}  // namespace

void register_tag_actions(RestApi& api, ebs::lambda::FunctionService& functions) {
  api.add("GET", "/2017-03-31/tags/{Resource}",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            auto tags = functions.list_tags(ctx, req.path.at("Resource"));
            nlohmann::ordered_json body;
            body["Tags"] = nlohmann::ordered_json::object();
            for (const auto& [k, v] : tags) body["Tags"][k] = v;
            return json_reply(200, body, ctx);
          });
  api.add("POST", "/2017-03-31/tags/{Resource}",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            auto body = parse_body(req);
            std::map<std::string, std::string> tags;
            if (auto it = body.find("Tags"); it != body.end() && it->is_object()) {
              for (auto t = it->begin(); t != it->end(); ++t) {
                tags[t.key()] = t.value().get<std::string>();
              }
            }
            if (tags.empty()) {
              throw ebs::lambda::validation(
                  "1 validation error detected: Value null at 'tags' failed to satisfy "
                  "constraint: Member must not be null");
            }
            functions.tag(ctx, req.path.at("Resource"), tags);
            return no_content(ctx);
          });
  api.add("DELETE", "/2017-03-31/tags/{Resource}",
          [&functions](const RestRequest& req, const RequestContext& ctx) {
            functions.untag(ctx, req.path.at("Resource"), tag_keys(req.http.query()));
            return no_content(ctx);
          });
}

}  // namespace ebs::protocol::lambda
