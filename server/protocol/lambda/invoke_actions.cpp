// Codec of Invoke: the invocation type and log type headers in, the payload and the
// X-Amz-Function-Error / X-Amz-Log-Result / X-Amz-Executed-Version headers out.
#include "protocol/lambda/lambda_api.hpp"

namespace ebs::protocol::lambda {

void register_invoke_actions(RestApi& api, ebs::lambda::InvokeService& invoker) {
  api.add("POST", "/2015-03-31/functions/{FunctionName}/invocations",
          [&invoker](const RestRequest& req, const RequestContext& ctx) {
            ebs::lambda::InvokeRequest r;
            r.function = req.path.at("FunctionName");
            r.qualifier = req.query.get("Qualifier");
            if (auto type = req.http.header("X-Amz-Invocation-Type")) r.invocation_type = *type;
            if (auto log = req.http.header("X-Amz-Log-Type")) r.tail_log = *log == "Tail";
            r.payload = req.http.body;
            auto outcome = invoker.invoke(ctx, r);
            HttpResponse response;
            response.status = outcome.status_code;
            response.content_type = "application/json";
            response.headers.emplace_back("x-amzn-RequestId", ctx.request_id);
            if (outcome.status_code == 200) {
              response.headers.emplace_back("X-Amz-Executed-Version", outcome.executed_version);
              if (outcome.function_error) {
                response.headers.emplace_back("X-Amz-Function-Error", *outcome.function_error);
              }
              if (r.tail_log) {
                response.headers.emplace_back("X-Amz-Log-Result", outcome.log_tail_base64);
              }
              response.body = outcome.payload;
            }
            return response;
          });
}

}  // namespace ebs::protocol::lambda
