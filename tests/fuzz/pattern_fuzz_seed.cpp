// Writes the seed corpus of pattern_fuzz: one file per case of the AWS-recorded cases (JSON
// lines) and of our fixtures/patterns/*.json tables, as "<pattern>\n--\n<event>".
//   pattern_fuzz_seed OUT_DIR [RECORDED_CASES.jsonl] [FIXTURES_DIR]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

int written = 0;

void write_seed(const fs::path& dir, const std::string& pattern, const std::string& event) {
  std::ofstream out(dir / ("seed_" + std::to_string(written++)), std::ios::binary);
  out << pattern;
  if (!event.empty()) out << "\n--\n" << event;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR [RECORDED_CASES.jsonl] [FIXTURES_DIR]\n", argv[0]);
    return 2;
  }
  fs::path out = argv[1];
  fs::create_directories(out);
  if (argc > 2) {
    std::ifstream in(argv[2]);
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      write_seed(out, j.value("pattern_text", ""), j.value("event_text", ""));
    }
  }
  if (argc > 3 && fs::is_directory(argv[3])) {
    for (const auto& entry : fs::directory_iterator(argv[3])) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      std::stringstream buf;
      buf << in.rdbuf();
      nlohmann::ordered_json table = nlohmann::ordered_json::parse(buf.str(), nullptr, false);
      if (!table.is_array()) continue;
      for (const auto& c : table) {
        const auto& p = c.at("pattern");
        std::string pattern = p.is_string() ? p.get<std::string>() : p.dump();
        write_seed(out, pattern, c.contains("event") ? c["event"].dump() : "");
      }
    }
  }
  std::printf("%d seeds in %s\n", written, out.c_str());
  return 0;
}
