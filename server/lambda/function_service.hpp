// FunctionService: the Lambda function registry: CreateFunction (zip packages for the runtimes the
// local runner supports, or container images reached through a Runtime Interface Emulator invoke
// URL), Get, List, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction, and the
// resource-based policy (AddPermission, RemovePermission, GetPolicy). A function is Pending after
// creation and InProgress after an update until a scheduler row makes it Active / Successful, as in
// AWS. Typed requests in, store rows out; no HTTP, no JSON wire format, no SQL here.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.hpp"
#include "core/services.hpp"
#include "lambda/code_package.hpp"
#include "store/lambda/function_table.hpp"

namespace ebs::lambda {

// The emulator-specific tag that gives an Image function its Runtime Interface Emulator URL, e.g.
// http://127.0.0.1:9000/2015-03-31/functions/function/invocations.
inline constexpr const char* kInvokeUrlTag = "ebs-emulator:invoke-url";

struct FunctionConfigUpdate {
  std::optional<std::string> runtime;
  std::optional<std::string> handler;
  std::optional<std::string> role;
  std::optional<std::string> description;
  std::optional<int64_t> timeout;
  std::optional<int64_t> memory_size;
  std::optional<std::map<std::string, std::string>> environment;
  std::optional<std::string> revision_id;
};

struct CreateFunctionRequest {
  std::string name;
  FunctionConfigUpdate config;
  std::string package_type = "Zip";
  std::optional<std::string> zip_file;  // the package's bytes (decoded)
  bool s3_code = false;                 // Code.S3Bucket given: there is no S3 here
  std::optional<std::string> image_uri;
  std::map<std::string, std::string> tags;
};

struct UpdateCodeRequest {
  std::optional<std::string> zip_file;
  bool s3_code = false;
  std::optional<std::string> image_uri;
  std::optional<std::string> revision_id;
  bool dry_run = false;
};

struct AddPermissionRequest {
  std::string statement_id;
  std::string action;
  std::string principal;
  std::optional<std::string> source_arn;
  std::optional<std::string> source_account;
  std::optional<std::string> event_source_token;
  std::optional<std::string> principal_org_id;
  std::optional<std::string> revision_id;
};

// Where a FunctionName (a name, a partial ARN or an ARN, with an optional qualifier) points.
struct FunctionRef {
  std::string account;
  std::string region;
  std::string name;
  std::optional<std::string> qualifier;
};

struct FunctionPage {
  std::vector<store::FunctionRow> functions;
  std::optional<std::string> next_marker;
};

class FunctionService {
 public:
  FunctionService(ServiceDeps& deps, CodeStore& code);
  // Registers the scheduler handler of the Pending -> Active / InProgress -> Successful steps.
  void register_work();
  // Called with the function name whenever its code or configuration changes or it is deleted.
  void set_on_change(std::function<void(const std::string&)> hook) { on_change_ = std::move(hook); }

  store::FunctionRow create(const RequestContext& ctx, const CreateFunctionRequest& request);
  store::FunctionRow get(const RequestContext& ctx, const std::string& function,
                         const std::optional<std::string>& qualifier);
  FunctionPage list(const RequestContext& ctx, const std::optional<std::string>& marker,
                    std::optional<int64_t> max_items);
  store::FunctionRow update_code(const RequestContext& ctx, const std::string& function,
                                 const UpdateCodeRequest& request);
  store::FunctionRow update_configuration(const RequestContext& ctx, const std::string& function,
                                          const FunctionConfigUpdate& request);
  void remove(const RequestContext& ctx, const std::string& function,
              const std::optional<std::string>& qualifier);

  // Returns the added statement (JSON text).
  std::string add_permission(const RequestContext& ctx, const std::string& function,
                             const std::optional<std::string>& qualifier,
                             const AddPermissionRequest& request);
  void remove_permission(const RequestContext& ctx, const std::string& function,
                         const std::string& statement_id,
                         const std::optional<std::string>& qualifier,
                         const std::optional<std::string>& revision_id);
  // The policy document (JSON text) and the function's revision id.
  std::pair<std::string, std::string> get_policy(const RequestContext& ctx,
                                                 const std::string& function,
                                                 const std::optional<std::string>& qualifier);

  // Tags of a function named by its ARN (TagResource, UntagResource, ListTags). The tag
  // kInvokeUrlTag also sets an Image function's invoke URL.
  std::map<std::string, std::string> list_tags(const RequestContext& ctx, const std::string& arn);
  void tag(const RequestContext& ctx, const std::string& arn,
           const std::map<std::string, std::string>& tags);
  void untag(const RequestContext& ctx, const std::string& arn,
             const std::vector<std::string>& keys);

  // Resolves a FunctionName in the caller's account and region; throws ValidationException when it
  // is not a function name or ARN.
  static FunctionRef resolve(const RequestContext& ctx, const std::string& function,
                             const std::optional<std::string>& qualifier);
  // Loads a resolved function inside the caller's transaction; throws ResourceNotFoundException.
  static store::FunctionRow load(store::Transaction& tx, const FunctionRef& ref);
  static std::string function_arn(const std::string& region, const std::string& account,
                                  const std::string& name);
  CodeStore& code() { return code_; }

 private:
  void finish_step(store::Transaction& tx, const store::WorkItem& item);
  void schedule_step(store::Transaction& tx, const store::FunctionRow& row);
  void changed(const std::string& name);

  ServiceDeps& deps_;
  CodeStore& code_;
  std::function<void(const std::string&)> on_change_;
};

}  // namespace ebs::lambda
