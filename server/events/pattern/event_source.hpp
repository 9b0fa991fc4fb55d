// Where the matcher gets an event's leaves for a path, with the arrays each leaf sits in (its
// "chain", used for array consistency):
//  - TreeNavigator walks the event along one path on demand (single-pattern matching: touches
//    only the fields the pattern names; "a.b" also reaches event keys that contain dots);
//  - FlatEvent flattens the whole event once into (path, value, chain) leaves sorted by path
//    (RuleSet matching and its index lookups).
// Both reuse their buffers between calls, so steady-state matching does not allocate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "event_value.hpp"

namespace ebs::pattern::detail {

struct ArrayStep {
  const void* array;  // identity of the array (its json node)
  uint32_t index;     // element taken
};

struct Candidate {
  EventValue value;
  uint32_t chain_begin = 0;
  uint32_t chain_len = 0;
};

struct CandidateSpan {
  const Candidate* data = nullptr;
  size_t size = 0;
  const Candidate* begin() const { return data; }
  const Candidate* end() const { return data + size; }
};

class TreeNavigator {
 public:
  void reset(const nlohmann::json& event, size_t path_count);
  // Collects the leaves at `path` (cached per path id until the next reset).
  void collect(uint32_t path_id, std::string_view path);
  CandidateSpan candidates(uint32_t path_id) const;
  const ArrayStep* chains() const { return chains_.data(); }

 private:
  struct Range {
    uint32_t begin = 0;
    uint32_t end = 0;
    bool done = false;
  };
  struct ChainNode {
    const void* array;
    uint32_t index;
    int32_t parent;
  };
  struct Work {
    const nlohmann::json* node;
    uint32_t key_start;  // where the next key starts in the path; path.size()+1 = path consumed
    int32_t chain;       // ChainNode index, -1 for none
  };
  void emit(const nlohmann::json& leaf, int32_t chain);

  const nlohmann::json* event_ = nullptr;
  std::vector<Range> ranges_;
  std::vector<Candidate> cands_;
  std::vector<ArrayStep> chains_;
  std::vector<ChainNode> nodes_;
  std::vector<Work> work_;
};

class FlatEvent {
 public:
  void build(const nlohmann::json& event);

  struct Leaf {
    uint32_t path_begin;
    uint32_t path_len;
    Candidate cand;
  };
  const std::vector<Leaf>& leaves() const { return leaves_; }
  std::string_view path(const Leaf& l) const {
    return std::string_view(paths_).substr(l.path_begin, l.path_len);
  }
  // Leaves at `path`: a contiguous run of leaves() (empty span when none).
  CandidateSpan candidates(std::string_view path) const;
  const ArrayStep* chains() const { return chains_.data(); }

 private:
  std::string paths_;
  std::vector<Leaf> leaves_;
  std::vector<Candidate> sorted_cands_;  // leaves_' candidates in the same (sorted) order
  std::vector<ArrayStep> chains_;
  // traversal scratch
  std::string cur_path_;
  std::vector<ArrayStep> cur_chain_;
  struct Frame {
    const nlohmann::json* node;
    nlohmann::json::const_iterator it;
    uint32_t index;
    uint32_t path_len;
    uint32_t chain_len;
    bool root;
  };
  std::vector<Frame> stack_;
};

}  // namespace ebs::pattern::detail
