#include "adapters/sources/markets_source.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace playclock::sources {

const char* to_string(paging_end e) {
  switch (e) {
  case paging_end::last_page:
    return "last_page";
  case paging_end::repeated_cursor:
    return "repeated_cursor";
  case paging_end::max_pages:
    return "max_pages";
  }
  return "?";
}

result<markets_listing> all_markets(markets_source& source, markets_query q, int max_pages) {
  markets_listing out;
  std::unordered_map<std::string, std::size_t> position; // ticker -> index in out.markets
  std::set<std::string> followed;
  if (!q.cursor.empty())
    followed.insert(q.cursor);
  max_pages = std::max(max_pages, 1);
  while (true) {
    auto got = source.markets(q);
    if (auto* e = std::get_if<fetch_error>(&got))
      return *e;
    auto& page = std::get<markets_page>(got);
    ++out.pages;
    for (auto& m : page.markets) {
      auto [it, fresh] = position.emplace(m.ticker, out.markets.size());
      if (fresh)
        out.markets.push_back(std::move(m));
      else
        out.markets[it->second] = std::move(m);
    }
    for (auto& r : page.rejected)
      out.rejected.push_back(std::move(r));
    out.cursor = std::move(page.cursor);
    if (out.cursor.empty()) {
      out.end = paging_end::last_page;
      return out;
    }
    if (!followed.insert(out.cursor).second) {
      out.end = paging_end::repeated_cursor;
      out.cursor.clear();
      return out;
    }
    if (out.pages >= max_pages) {
      out.end = paging_end::max_pages;
      return out;
    }
    q.cursor = out.cursor;
  }
}

} // namespace playclock::sources
