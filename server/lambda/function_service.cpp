#include "lambda/function_service.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "lambda/lambda_errors.hpp"
#include "lambda/runner/reserved_environment.hpp"
#include "lambda/runner/runtimes.hpp"

namespace ebs::lambda {
namespace {

constexpr const char* kStepKind = "lambda.function.step";
constexpr const char* kNamePattern =
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-"
    "zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
constexpr const char* kRolePattern =
    "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";

// Every runtime AWS Lambda knows (the botocore enum); those not in it are a ValidationException.
const std::vector<std::string>& known_runtimes() {
  static const std::vector<std::string> kRuntimes = {
      "nodejs",     "nodejs4.3",       "nodejs6.10",     "nodejs8.10",    "nodejs10.x",
      "nodejs12.x", "nodejs14.x",      "nodejs16.x",     "java8",         "java8.al2",
      "java11",     "python2.7",       "python3.6",      "python3.7",     "python3.8",
      "python3.9",  "dotnetcore1.0",   "dotnetcore2.0",  "dotnetcore2.1", "dotnetcore3.1",
      "dotnet6",    "dotnet8",         "nodejs4.3-edge", "go1.x",         "ruby2.5",
      "ruby2.7",    "provided",        "provided.al2",   "nodejs18.x",    "python3.10",
      "java17",     "ruby3.2",         "ruby3.3",        "ruby3.4",       "python3.11",
      "nodejs20.x", "provided.al2023", "python3.12",     "java21",        "python3.13",
      "nodejs22.x", "nodejs24.x",      "python3.14",     "java25",        "dotnet10",
      "ruby4.0"};
  return kRuntimes;
}

// Runtimes AWS no longer accepts for creating or updating functions.
bool deprecated_runtime(const std::string& runtime) {
  static const std::vector<std::string> kDeprecated = {
      "nodejs",        "nodejs4.3",  "nodejs6.10",     "nodejs8.10",    "nodejs10.x",
      "nodejs12.x",    "nodejs14.x", "nodejs16.x",     "python2.7",     "python3.6",
      "python3.7",     "python3.8",  "dotnetcore1.0",  "dotnetcore2.0", "dotnetcore2.1",
      "dotnetcore3.1", "dotnet6",    "nodejs4.3-edge", "go1.x",         "ruby2.5",
      "ruby2.7",       "java8"};
  return std::find(kDeprecated.begin(), kDeprecated.end(), runtime) != kDeprecated.end();
}

void check_runtime(const std::string& runtime) {
  const auto& known = known_runtimes();
  if (std::find(known.begin(), known.end(), runtime) == known.end()) {
    std::string set;
    for (const auto& r : known) set += (set.empty() ? "" : ", ") + r;
    throw validation("1 validation error detected: Value '" + runtime +
                     "' at 'runtime' failed to satisfy constraint: Member must satisfy enum value "
                     "set: [" +
                     set + "] or be a valid ARN");
  }
  if (deprecated_runtime(runtime)) {
    std::string family = runtime.rfind("python", 0) == 0 ? "python3.13" : "nodejs22.x";
    throw invalid_parameter("The runtime parameter of " + runtime +
                            " is no longer supported for creating or updating AWS Lambda "
                            "functions. We recommend you use the new runtime (" +
                            family + ") while creating or updating functions.");
  }
  if (!runtime_supported(runtime)) {
    throw invalid_parameter("The runtime parameter of " + runtime +
                            " is not supported by ebs-emulator's local runner: use nodejs18.x, "
                            "nodejs20.x, nodejs22.x or python3.9 to python3.13, or a container "
                            "image with an invoke URL.");
  }
  if (!runtime_available(runtime)) {
    throw invalid_parameter(
        "The runtime parameter of " + runtime +
        " cannot be used on this machine: its interpreter (" +
        (runtime.rfind("python", 0) == 0 ? runtime + " or python3" : std::string("node")) +
        ") was not found.");
  }
}

void check_config(const FunctionConfigUpdate& c) {
  if (c.role && !std::regex_match(*c.role, std::regex(kRolePattern))) {
    throw validation_pattern(*c.role, "role", kRolePattern);
  }
  if (c.timeout && *c.timeout < 1) {
    throw validation("1 validation error detected: Value '" + std::to_string(*c.timeout) +
                     "' at 'timeout' failed to satisfy constraint: Member must have value "
                     "greater than or equal to 1");
  }
  if (c.timeout && *c.timeout > 900) {
    throw invalid_parameter("Timeout value must be between 1 and 900 seconds.");
  }
  if (c.memory_size && (*c.memory_size < 128 || *c.memory_size > 10240)) {
    throw validation(
        "1 validation error detected: Value '" + std::to_string(*c.memory_size) +
        "' at 'memorySize' failed to satisfy constraint: Member must have value " +
        (*c.memory_size < 128 ? "greater than or equal to 128" : "less than or equal to 10240"));
  }
  if (c.handler && (c.handler->empty() || c.handler->size() > 128 ||
                    c.handler->find_first_of(" \t\r\n") != std::string::npos)) {
    throw validation_pattern(*c.handler, "handler", "[^\\s]+");
  }
  if (c.description && c.description->size() > 256) {
    throw validation(
        "1 validation error detected: Value at 'description' failed to satisfy "
        "constraint: Member must have length less than or equal to 256");
  }
  if (c.environment) {
    if (auto error = reserved_environment_error(*c.environment)) throw invalid_parameter(*error);
    for (const auto& [key, value] : *c.environment) {
      if (!std::regex_match(key, std::regex("[a-zA-Z]([a-zA-Z0-9_])+"))) {
        throw validation_pattern(key, "environment.variables", "[a-zA-Z]([a-zA-Z0-9_])+");
      }
    }
  }
}

void apply_config(store::FunctionRow& row, const FunctionConfigUpdate& c) {
  if (c.runtime) row.runtime = *c.runtime;
  if (c.handler) row.handler = *c.handler;
  if (c.role) row.role = *c.role;
  if (c.description) row.description = *c.description;
  if (c.timeout) row.timeout_seconds = *c.timeout;
  if (c.memory_size) row.memory_mb = *c.memory_size;
  if (c.environment) row.environment_json = nlohmann::json(*c.environment).dump();
}

std::string invoke_url_of(const std::map<std::string, std::string>& tags) {
  auto it = tags.find(kInvokeUrlTag);
  return it == tags.end() ? "" : it->second;
}

}  // namespace

FunctionService::FunctionService(ServiceDeps& deps, CodeStore& code) : deps_(deps), code_(code) {}

std::string FunctionService::function_arn(const std::string& region, const std::string& account,
                                          const std::string& name) {
  return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
}

FunctionRef FunctionService::resolve(const RequestContext& ctx, const std::string& function,
                                     const std::optional<std::string>& qualifier) {
  static const std::regex kPattern(kNamePattern);
  if (function.empty() || function.size() > 170 || !std::regex_match(function, kPattern)) {
    throw validation_pattern(function, "functionName", kNamePattern);
  }
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    auto colon = function.find(':', start);
    parts.push_back(function.substr(start, colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  FunctionRef ref{ctx.account, ctx.region, "", qualifier};
  std::optional<std::string> qual;
  if (parts[0] == "arn" && parts.size() >= 7) {
    ref.region = parts[3];
    ref.account = parts[4];
    ref.name = parts[6];
    if (parts.size() > 7) qual = parts[7];
  } else if (parts.size() >= 3 && parts[1] == "function") {
    ref.account = parts[0];
    ref.name = parts[2];
    if (parts.size() > 3) qual = parts[3];
  } else if (parts.size() >= 2 && parts[0] == "function") {
    ref.name = parts[1];
    if (parts.size() > 2) qual = parts[2];
  } else {
    ref.name = parts[0];
    if (parts.size() > 1) qual = parts[1];
  }
  if (ref.name.size() > 64) {
    throw validation("1 validation error detected: Value '" + function +
                     "' at 'functionName' failed to satisfy constraint: Member must have length "
                     "less than or equal to 64");
  }
  if (qual) ref.qualifier = qual;
  return ref;
}

store::FunctionRow FunctionService::load(store::Transaction& tx, const FunctionRef& ref) {
  auto row = store::FunctionTable::get(tx, ref.account, ref.region, ref.name);
  std::string arn = function_arn(ref.region, ref.account, ref.name);
  if (!row) throw function_not_found(arn);
  if (ref.qualifier && *ref.qualifier != "$LATEST") {
    throw function_not_found(arn + ":" + *ref.qualifier);
  }
  return *row;
}

void FunctionService::register_work() {
  deps_.scheduler.on(kStepKind, [this](store::Transaction& tx, const store::WorkItem& item) {
    finish_step(tx, item);
  });
}

void FunctionService::schedule_step(store::Transaction& tx, const store::FunctionRow& row) {
  nlohmann::json payload{{"account", row.account},
                         {"region", row.region},
                         {"name", row.name},
                         {"revision", row.revision_id}};
  deps_.scheduler.schedule(tx, kStepKind, function_arn(row.region, row.account, row.name),
                           deps_.clock.now_ms(), payload.dump());
}

void FunctionService::finish_step(store::Transaction& tx, const store::WorkItem& item) {
  auto payload = nlohmann::json::parse(item.payload);
  auto row = store::FunctionTable::get(tx, payload.at("account"), payload.at("region"),
                                       payload.at("name"));
  if (!row || (row->state == "Active" && row->last_update_status == "Successful")) return;
  row->state = "Active";
  row->last_update_status = "Successful";
  row->revision_id = deps_.ids.uuid();
  store::FunctionTable::update(tx, *row);
}

void FunctionService::changed(const std::string& name) {
  if (on_change_) on_change_(name);
}

store::FunctionRow FunctionService::create(const RequestContext& ctx,
                                           const CreateFunctionRequest& r) {
  auto ref = resolve(ctx, r.name, std::nullopt);
  if (ref.qualifier) {
    throw validation_pattern(r.name, "functionName",
                             "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{"
                             "12}:)?(function:)?([a-zA-Z0-9-_]+)");
  }
  if (!r.config.role) {
    throw validation(
        "1 validation error detected: Value null at 'role' failed to satisfy "
        "constraint: Member must not be null");
  }
  check_config(r.config);
  store::FunctionRow row;
  row.account = ref.account;
  row.region = ref.region;
  row.name = ref.name;
  row.package_type = r.package_type;
  apply_config(row, r.config);
  if (r.package_type == "Image") {
    if (r.config.runtime || r.config.handler) {
      throw invalid_parameter("Runtime and Handler are not supported for Image package type.");
    }
    if (!r.image_uri) {
      throw invalid_parameter(
          "Please provide ImageUri when creating a function with the Image "
          "package type.");
    }
    row.image_uri = *r.image_uri;
    row.invoke_url = invoke_url_of(r.tags);
    if (row.invoke_url.rfind("http://", 0) != 0) {
      throw invalid_parameter(std::string("ebs-emulator runs Image functions through a Runtime "
                                          "Interface Emulator: give the function the tag ") +
                              kInvokeUrlTag +
                              " = http://HOST:PORT/2015-03-31/functions/function/invocations");
    }
    row.code_sha256 = code_sha256(row.image_uri);
  } else if (r.package_type == "Zip") {
    if (!r.config.runtime || !r.config.handler) {
      throw invalid_parameter(
          "Runtime and Handler are mandatory parameters for functions created with deployment "
          "packages.");
    }
    check_runtime(*r.config.runtime);
    if (r.s3_code) {
      throw invalid_parameter("ebs-emulator does not emulate S3: upload the code as ZipFile.");
    }
    if (!r.zip_file) throw invalid_parameter("Please provide a source for function code.");
    row.code_sha256 = code_sha256(*r.zip_file);
    std::string error;
    if (!code_.materialize(*r.zip_file, row.code_sha256, error)) throw invalid_parameter(error);
    row.zip_base64 = base64_encode(*r.zip_file);
    row.code_size = static_cast<int64_t>(r.zip_file->size());
  } else {
    throw validation("1 validation error detected: Value '" + r.package_type +
                     "' at 'packageType' failed to satisfy constraint: Member must satisfy enum "
                     "value set: [Zip, Image]");
  }
  row.tags_json = nlohmann::json(r.tags).dump();
  row.last_modified = ctx.now_ms;
  row.revision_id = deps_.ids.uuid();
  row.state = "Pending";
  row.last_update_status = "Successful";
  store::Transaction tx(deps_.db);
  if (store::FunctionTable::get(tx, row.account, row.region, row.name)) {
    throw function_exists(row.name);
  }
  store::FunctionTable::insert(tx, row);
  schedule_step(tx, row);
  tx.commit();
  return row;
}

store::FunctionRow FunctionService::get(const RequestContext& ctx, const std::string& function,
                                        const std::optional<std::string>& qualifier) {
  auto ref = resolve(ctx, function, qualifier);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  tx.commit();
  return row;
}

FunctionPage FunctionService::list(const RequestContext& ctx,
                                   const std::optional<std::string>& marker,
                                   std::optional<int64_t> max_items) {
  if (max_items && (*max_items < 1 || *max_items > 10000)) {
    throw validation("1 validation error detected: Value '" + std::to_string(*max_items) +
                     "' at 'maxItems' failed to satisfy constraint: Member must have value "
                     "between 1 and 10000");
  }
  int64_t n = std::min<int64_t>(max_items.value_or(50), 50);
  std::string after;
  if (marker) {
    auto decoded = base64_decode(*marker);
    if (!decoded) throw invalid_parameter("Invalid marker: " + *marker);
    after = *decoded;
  }
  store::Transaction tx(deps_.db);
  auto rows = store::FunctionTable::list(tx, ctx.account, ctx.region, after, n + 1);
  tx.commit();
  FunctionPage page;
  if (static_cast<int64_t>(rows.size()) > n) {
    rows.resize(static_cast<size_t>(n));
    page.next_marker = base64_encode(rows.back().name);
  }
  page.functions = std::move(rows);
  return page;
}

store::FunctionRow FunctionService::update_code(const RequestContext& ctx,
                                                const std::string& function,
                                                const UpdateCodeRequest& r) {
  auto ref = resolve(ctx, function, std::nullopt);
  std::optional<std::string> zip_sha;
  if (r.s3_code) {
    throw invalid_parameter("ebs-emulator does not emulate S3: upload the code as ZipFile.");
  }
  if (r.zip_file) {
    zip_sha = code_sha256(*r.zip_file);
    std::string error;
    if (!code_.materialize(*r.zip_file, *zip_sha, error)) throw invalid_parameter(error);
  }
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  std::string arn = function_arn(row.region, row.account, row.name);
  if (r.revision_id && *r.revision_id != row.revision_id) throw precondition_failed();
  if (row.last_update_status == "InProgress") throw update_in_progress(arn);
  if (row.package_type == "Zip") {
    if (r.image_uri) {
      throw invalid_parameter(
          "Please don't provide ImageUri when updating a function with the "
          "Zip package type.");
    }
    if (!r.zip_file) throw invalid_parameter("Please provide a source for function code.");
    if (r.dry_run) return row;
    row.zip_base64 = base64_encode(*r.zip_file);
    row.code_sha256 = *zip_sha;
    row.code_size = static_cast<int64_t>(r.zip_file->size());
  } else {
    if (!r.image_uri) {
      throw invalid_parameter(
          "Please provide ImageUri when updating a function with the Image "
          "package type.");
    }
    if (r.dry_run) return row;
    row.image_uri = *r.image_uri;
    row.code_sha256 = code_sha256(row.image_uri);
  }
  row.last_modified = ctx.now_ms;
  row.revision_id = deps_.ids.uuid();
  row.last_update_status = "InProgress";
  store::FunctionTable::update(tx, row);
  schedule_step(tx, row);
  tx.commit();
  changed(row.name);
  return row;
}

store::FunctionRow FunctionService::update_configuration(const RequestContext& ctx,
                                                         const std::string& function,
                                                         const FunctionConfigUpdate& r) {
  auto ref = resolve(ctx, function, std::nullopt);
  check_config(r);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  std::string arn = function_arn(row.region, row.account, row.name);
  if (r.revision_id && *r.revision_id != row.revision_id) throw precondition_failed();
  if (row.last_update_status == "InProgress") throw update_in_progress(arn);
  if (row.package_type == "Image" && (r.runtime || r.handler)) {
    throw invalid_parameter(
        "Please don't provide Handler or Runtime or Layer when the intended "
        "function PackageType is Image.");
  }
  if (r.runtime && *r.runtime != row.runtime) check_runtime(*r.runtime);
  apply_config(row, r);
  row.last_modified = ctx.now_ms;
  row.revision_id = deps_.ids.uuid();
  row.last_update_status = "InProgress";
  store::FunctionTable::update(tx, row);
  schedule_step(tx, row);
  tx.commit();
  changed(row.name);
  return row;
}

void FunctionService::remove(const RequestContext& ctx, const std::string& function,
                             const std::optional<std::string>& qualifier) {
  auto ref = resolve(ctx, function, qualifier);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  store::FunctionTable::remove(tx, row.account, row.region, row.name);
  tx.commit();
  changed(row.name);
}

std::string FunctionService::add_permission(const RequestContext& ctx, const std::string& function,
                                            const std::optional<std::string>& qualifier,
                                            const AddPermissionRequest& r) {
  static const std::regex kAction("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
  static const std::regex kSid("([a-zA-Z0-9-_]+)");
  if (!std::regex_match(r.statement_id, kSid)) {
    throw validation_pattern(r.statement_id, "statementId", "([a-zA-Z0-9-_]+)");
  }
  if (!std::regex_match(r.action, kAction)) {
    throw validation_pattern(r.action, "action", "(lambda:[*]|lambda:[a-zA-Z]+|[*])");
  }
  auto ref = resolve(ctx, function, qualifier);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  if (r.revision_id && *r.revision_id != row.revision_id) throw precondition_failed();
  nlohmann::ordered_json policy;
  if (row.policy_json.empty()) {
    policy = {{"Version", "2012-10-17"}, {"Id", "default"}, {"Statement", nlohmann::json::array()}};
  } else {
    policy = nlohmann::ordered_json::parse(row.policy_json);
  }
  for (const auto& s : policy["Statement"]) {
    if (s.value("Sid", "") == r.statement_id) throw statement_exists(r.statement_id);
  }
  nlohmann::ordered_json statement;
  statement["Sid"] = r.statement_id;
  statement["Effect"] = "Allow";
  if (r.principal == "*") {
    statement["Principal"] = "*";
  } else if (std::regex_match(r.principal, std::regex("\\d{12}"))) {
    statement["Principal"] = {{"AWS", "arn:aws:iam::" + r.principal + ":root"}};
  } else if (r.principal.rfind("arn:", 0) == 0) {
    statement["Principal"] = {{"AWS", r.principal}};
  } else {
    statement["Principal"] = {{"Service", r.principal}};
  }
  statement["Action"] = r.action;
  statement["Resource"] = function_arn(row.region, row.account, row.name);
  nlohmann::ordered_json condition = nlohmann::ordered_json::object();
  if (r.source_account) condition["StringEquals"]["AWS:SourceAccount"] = *r.source_account;
  if (r.event_source_token) {
    condition["StringEquals"]["lambda:EventSourceToken"] = *r.event_source_token;
  }
  if (r.principal_org_id) condition["StringEquals"]["aws:PrincipalOrgID"] = *r.principal_org_id;
  if (r.source_arn) condition["ArnLike"]["AWS:SourceArn"] = *r.source_arn;
  if (!condition.empty()) statement["Condition"] = condition;
  policy["Statement"].push_back(statement);
  row.policy_json = policy.dump();
  row.revision_id = deps_.ids.uuid();
  store::FunctionTable::update(tx, row);
  tx.commit();
  return statement.dump();
}

void FunctionService::remove_permission(const RequestContext& ctx, const std::string& function,
                                        const std::string& statement_id,
                                        const std::optional<std::string>& qualifier,
                                        const std::optional<std::string>& revision_id) {
  auto ref = resolve(ctx, function, qualifier);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  if (revision_id && *revision_id != row.revision_id) throw precondition_failed();
  if (row.policy_json.empty()) throw statement_not_found(statement_id);
  auto policy = nlohmann::ordered_json::parse(row.policy_json);
  auto& statements = policy["Statement"];
  auto before = statements.size();
  nlohmann::ordered_json kept = nlohmann::ordered_json::array();
  for (const auto& s : statements) {
    if (s.value("Sid", "") != statement_id) kept.push_back(s);
  }
  if (kept.size() == before) throw statement_not_found(statement_id);
  if (kept.empty()) {
    row.policy_json.clear();
  } else {
    policy["Statement"] = kept;
    row.policy_json = policy.dump();
  }
  row.revision_id = deps_.ids.uuid();
  store::FunctionTable::update(tx, row);
  tx.commit();
}

std::pair<std::string, std::string> FunctionService::get_policy(
    const RequestContext& ctx, const std::string& function,
    const std::optional<std::string>& qualifier) {
  auto ref = resolve(ctx, function, qualifier);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  tx.commit();
  if (row.policy_json.empty()) throw policy_not_found();
  return {row.policy_json, row.revision_id};
}

namespace {

FunctionRef tag_resource(const RequestContext& ctx, const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) {
    throw validation_pattern(arn, "resource",
                             "arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-"
                             "\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+)");
  }
  return FunctionService::resolve(ctx, arn, std::nullopt);
}

std::map<std::string, std::string> tags_of(const store::FunctionRow& row) {
  std::map<std::string, std::string> tags;
  auto parsed = nlohmann::json::parse(row.tags_json, nullptr, false);
  if (parsed.is_object()) {
    for (auto it = parsed.begin(); it != parsed.end(); ++it) {
      if (it.value().is_string()) tags[it.key()] = it.value().get<std::string>();
    }
  }
  return tags;
}

}  // namespace

std::map<std::string, std::string> FunctionService::list_tags(const RequestContext& ctx,
                                                              const std::string& arn) {
  auto ref = tag_resource(ctx, arn);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  tx.commit();
  return tags_of(row);
}

void FunctionService::tag(const RequestContext& ctx, const std::string& arn,
                          const std::map<std::string, std::string>& tags) {
  auto ref = tag_resource(ctx, arn);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  auto current = tags_of(row);
  for (const auto& [key, value] : tags) current[key] = value;
  if (current.size() > 50) throw invalid_parameter("Number of tags exceeds resource tag limit.");
  row.tags_json = nlohmann::json(current).dump();
  if (row.package_type == "Image") row.invoke_url = invoke_url_of(current);
  store::FunctionTable::update(tx, row);
  tx.commit();
}

void FunctionService::untag(const RequestContext& ctx, const std::string& arn,
                            const std::vector<std::string>& keys) {
  auto ref = tag_resource(ctx, arn);
  store::Transaction tx(deps_.db);
  auto row = load(tx, ref);
  auto current = tags_of(row);
  for (const auto& key : keys) current.erase(key);
  row.tags_json = nlohmann::json(current).dump();
  if (row.package_type == "Image") row.invoke_url = invoke_url_of(current);
  store::FunctionTable::update(tx, row);
  tx.commit();
}

}  // namespace ebs::lambda
