// Paging of the EventBridge List* operations: NextToken is an opaque offset into the sorted result,
// Limit 1-100 (default 100).
#pragma once

#include <algorithm>
#include <string>

#include "events/events_errors.hpp"
#include "events/events_service.hpp"

namespace ebs::events {

template <typename T>
Listed<T> paginate(std::vector<T> all, const Page& page) {
  size_t start = 0;
  if (page.next_token && !page.next_token->empty()) {
    const std::string& t = *page.next_token;
    bool ok = t.size() > 2 && t.rfind("p.", 0) == 0;
    for (size_t i = 2; ok && i < t.size(); ++i) ok = std::isdigit(static_cast<unsigned char>(t[i]));
    if (!ok) throw validation("The NextToken provided is not valid.");
    start = std::stoul(t.substr(2));
  }
  size_t limit = 100;
  if (page.limit) {
    if (*page.limit < 1 || *page.limit > 100) {
      Violations v;
      v.add(std::to_string(*page.limit), "limit",
            *page.limit < 1 ? "have value greater than or equal to 1"
                            : "have value less than or equal to 100");
      v.throw_if_any();
    }
    limit = static_cast<size_t>(*page.limit);
  }
  Listed<T> out;
  for (size_t i = start; i < all.size() && out.items.size() < limit; ++i) {
    out.items.push_back(std::move(all[i]));
  }
  if (start + out.items.size() < all.size()) {
    out.next_token = "p." + std::to_string(start + out.items.size());
  }
  return out;
}

}  // namespace ebs::events
