// Case-table loading for the table-driven pattern tests.
#include "case_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace ebs::pattern::testing {

std::string sanitize_name(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out.push_back(ok ? c : '_');
  }
  return out.empty() ? "case" : out;
}

namespace {

void make_unique_names(std::vector<PatternCase>& cases) {
  std::set<std::string> seen;
  for (PatternCase& c : cases) {
    std::string base = sanitize_name(c.name);
    std::string name = base;
    for (int i = 2; !seen.insert(name).second; ++i) name = base + "_" + std::to_string(i);
    c.name = name;
  }
}

}  // namespace

std::vector<PatternCase> load_recorded_cases(const std::string& path) {
  std::vector<PatternCase> cases;
  std::ifstream in(path);
  if (!in) {
    PatternCase missing;
    missing.name = "recorded_cases_file_absent";
    missing.missing_source = true;
    cases.push_back(missing);
    return cases;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    PatternCase c;
    c.name = j.at("name").get<std::string>();
    c.pattern_text = j.at("pattern_text").get<std::string>();
    c.event_text = j.at("event_text").get<std::string>();
    if (j.at("expected_match").is_boolean()) c.expected_match = j["expected_match"].get<bool>();
    if (j.at("expected_error").is_string()) {
      c.expected_error_code = j["expected_error"].get<std::string>();
      c.expected_error_message = j.value("expected_error_message", std::string());
    }
    cases.push_back(std::move(c));
  }
  make_unique_names(cases);
  return cases;
}

std::vector<PatternCase> load_fixture_cases(const std::string& dir) {
  std::vector<PatternCase> cases;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    PatternCase missing;
    missing.name = "fixture_tables_absent";
    missing.missing_source = true;
    cases.push_back(missing);
    return cases;
  }
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream buf;
    buf << in.rdbuf();
    // ordered_json keeps each pattern's key order: errors depend on document order.
    nlohmann::ordered_json table = nlohmann::ordered_json::parse(buf.str());
    for (const nlohmann::ordered_json& j : table) {
      PatternCase c;
      c.name = file.stem().string() + "__" + j.at("name").get<std::string>();
      const nlohmann::ordered_json& p = j.at("pattern");
      c.pattern_text = p.is_string() ? p.get<std::string>() : p.dump();
      if (j.contains("event")) c.event = nlohmann::json::parse(j["event"].dump());
      if (j.contains("matches")) c.expected_match = j["matches"].get<bool>();
      if (j.contains("error")) {
        c.expected_error_code = "InvalidEventPatternException";
        c.expected_error_message = j["error"].get<std::string>();
      }
      cases.push_back(std::move(c));
    }
  }
  make_unique_names(cases);
  return cases;
}

}  // namespace ebs::pattern::testing
