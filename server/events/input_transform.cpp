#include "events/input_transform.hpp"

#include <cctype>
#include <map>
#include <set>

#include "core/time_format.hpp"

namespace ebs::events {
namespace {

using ojson = nlohmann::ordered_json;

const std::set<std::string>& predefined() {
  static const std::set<std::string> names = {"aws.events.rule-arn", "aws.events.rule-name",
                                              "aws.events.event.ingestion-time", "aws.events.event",
                                              "aws.events.event.json"};
  return names;
}

bool placeholder_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// Calls fn(name, begin, end, inside_string) for every `<name>` placeholder of the template.
template <typename Fn>
void scan_placeholders(std::string_view t, bool json_mode, Fn&& fn) {
  bool in_string = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '\\' && in_string) {
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = !in_string;
      continue;
    }
    if (c != '<') continue;
    size_t j = i + 1;
    while (j < t.size() && placeholder_char(t[j])) ++j;
    if (j < t.size() && t[j] == '>' && j > i + 1) {
      fn(std::string(t.substr(i + 1, j - i - 1)), i, j + 1, json_mode ? in_string : true);
      i = j;
    }
  }
}

bool is_json_template(std::string_view t) {
  size_t i = t.find_first_not_of(" \t\r\n");
  return i != std::string_view::npos && (t[i] == '{' || t[i] == '[');
}

}  // namespace

std::optional<ojson> json_path(const ojson& doc, std::string_view path) {
  if (path.empty() || path[0] != '$') return std::nullopt;
  const ojson* cur = &doc;
  size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t j = i + 1;
      while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
      std::string key(path.substr(i + 1, j - i - 1));
      if (key.empty() || !cur->is_object()) return std::nullopt;
      auto it = cur->find(key);
      if (it == cur->end()) return std::nullopt;
      cur = &*it;
      i = j;
    } else if (path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::string inner(path.substr(i + 1, close - i - 1));
      if (inner.size() >= 2 && (inner.front() == '\'' || inner.front() == '"')) {
        std::string key = inner.substr(1, inner.size() - 2);
        if (!cur->is_object()) return std::nullopt;
        auto it = cur->find(key);
        if (it == cur->end()) return std::nullopt;
        cur = &*it;
      } else {
        if (inner.empty() || !cur->is_array()) return std::nullopt;
        for (char c : inner) {
          if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        }
        size_t index = std::stoul(inner);
        if (index >= cur->size()) return std::nullopt;
        cur = &(*cur)[index];
      }
      i = close + 1;
    } else {
      return std::nullopt;
    }
  }
  return *cur;
}

bool valid_json_path(std::string_view path) {
  if (path.empty() || path[0] != '$') return false;
  for (size_t i = 1; i < path.size(); ++i) {
    char c = path[i];
    if (c == ' ' || c == '\t' || c == '\n') return false;
  }
  return path.size() == 1 || path[1] == '.' || path[1] == '[';
}

std::string fill_template(std::string_view input_template, const nlohmann::json& input_paths_map,
                          const ojson& event, const RuleRef& rule, int64_t ingestion_ms) {
  std::map<std::string, ojson> vars;
  if (input_paths_map.is_object()) {
    for (auto it = input_paths_map.begin(); it != input_paths_map.end(); ++it) {
      if (!it.value().is_string()) continue;
      if (auto v = json_path(event, it.value().get<std::string>())) vars[it.key()] = *v;
    }
  }
  bool json_mode = is_json_template(input_template);
  std::string out;
  size_t last = 0;
  scan_placeholders(
      input_template, json_mode,
      [&](const std::string& name, size_t begin, size_t end, bool inside_string) {
        std::string value;
        bool known = true;
        if (name == "aws.events.rule-arn") {
          value = inside_string ? rule.arn : ojson(rule.arn).dump();
        } else if (name == "aws.events.rule-name") {
          value = inside_string ? rule.name : ojson(rule.name).dump();
        } else if (name == "aws.events.event.ingestion-time") {
          std::string t = iso8601_ms(ingestion_ms);
          value = inside_string ? t : ojson(t).dump();
        } else if (name == "aws.events.event") {
          ojson copy = event;
          copy.erase("detail");
          value = copy.dump();
        } else if (name == "aws.events.event.json") {
          value = event.dump();
        } else if (auto it = vars.find(name); it != vars.end()) {
          if (inside_string && it->second.is_string()) {
            value = it->second.get<std::string>();
          } else if (!json_mode && it->second.is_string()) {
            value = it->second.get<std::string>();
          } else {
            value = it->second.dump();
          }
        } else if (input_paths_map.is_object() && input_paths_map.contains(name)) {
          value = inside_string ? "" : "null";  // defined, but the path is absent from this event
        } else {
          known = false;
        }
        if (!known) return;
        out.append(input_template.substr(last, begin - last));
        out.append(value);
        last = end;
      });
  out.append(input_template.substr(last));
  return out;
}

std::string render_target_input(const nlohmann::json& target, const ojson& event,
                                const RuleRef& rule, int64_t ingestion_ms) {
  if (auto it = target.find("Input"); it != target.end() && it->is_string()) {
    return it->get<std::string>();
  }
  if (auto it = target.find("InputPath"); it != target.end() && it->is_string()) {
    auto v = json_path(event, it->get<std::string>());
    return v ? v->dump() : "null";
  }
  if (auto it = target.find("InputTransformer"); it != target.end() && it->is_object()) {
    return fill_template(it->value("InputTemplate", ""),
                         it->value("InputPathsMap", nlohmann::json::object()), event, rule,
                         ingestion_ms);
  }
  return event.dump();
}

std::optional<std::string> validate_target_input(const nlohmann::json& target,
                                                 const std::string& id) {
  int set = 0;
  for (const char* key : {"Input", "InputPath", "InputTransformer"}) {
    if (target.contains(key) && !target[key].is_null()) ++set;
  }
  if (set > 1) {
    return "Only one of Input, InputPath, or InputTransformer must be provided for target " + id +
           ".";
  }
  if (target.contains("Input") && target["Input"].is_string()) {
    auto parsed = nlohmann::json::parse(target["Input"].get<std::string>(), nullptr, false);
    if (parsed.is_discarded()) return "Input for target " + id + " is not a valid JSON text.";
  }
  if (target.contains("InputPath") && target["InputPath"].is_string()) {
    if (!valid_json_path(target["InputPath"].get<std::string>())) {
      return "InputPath for target " + id + " is not a valid JSON path.";
    }
  }
  if (auto it = target.find("InputTransformer"); it != target.end() && it->is_object()) {
    nlohmann::json map = it->value("InputPathsMap", nlohmann::json::object());
    if (map.size() > 100) {
      return "InputPathsMap for target " + id + " has more than 100 entries.";
    }
    for (auto kv = map.begin(); kv != map.end(); ++kv) {
      const std::string& key = kv.key();
      if (key.rfind("aws.", 0) == 0 || key.rfind("AWS.", 0) == 0) {
        return "InputTransformer for target " + id + " contains a reserved key " + key + ".";
      }
      if (!kv.value().is_string() || !valid_json_path(kv.value().get<std::string>())) {
        return "InputPathsMap for target " + id + " contains an invalid JSON path for key " + key +
               ".";
      }
    }
    std::string tmpl = it->value("InputTemplate", "");
    std::optional<std::string> bad;
    scan_placeholders(tmpl, is_json_template(tmpl),
                      [&](const std::string& name, size_t, size_t, bool) {
                        if (!bad && !map.contains(name) && !predefined().count(name)) bad = name;
                      });
    if (bad) {
      return "InputTemplate for target " + id + " contains invalid placeholder " + *bad + ".";
    }
  }
  return std::nullopt;
}

}  // namespace ebs::events
