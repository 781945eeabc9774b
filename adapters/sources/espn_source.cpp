#include "adapters/sources/espn_source.hpp"

#include "adapters/espn/parse.hpp"
#include "adapters/espn/paths.hpp"

namespace playclock::sources {

namespace {

template <class Issues>
std::vector<rejected_game> rejected_from(const Issues& issues) {
  std::vector<rejected_game> out;
  out.reserve(issues.size());
  for (const auto& i : issues)
    out.push_back(rejected_game{i.game_id, i.path, i.message});
  return out;
}

} // namespace

espn_source::espn_source(http_getter_options opts, std::chrono::milliseconds summary_ttl)
    : http_(std::move(opts)), summary_ttl_(summary_ttl) {}

result<scoreboard_data> espn_source::scoreboard(const std::string& dates) {
  auto path = espn::scoreboard_path(dates);
  auto got = http_.get(path);
  if (auto* e = std::get_if<fetch_error>(&got))
    return *e;
  auto parsed = espn::parse_scoreboard(*std::get<http_body>(got).body);
  if (parsed.error)
    return fetch_error{error_kind::parse, "scoreboard: " + *parsed.error, 200, 0};
  return scoreboard_data{std::move(parsed.games), rejected_from(parsed.issues)};
}

result<summary_data> espn_source::summary(const std::string& game_id) {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> guard{mtx_};
    if (auto i = recent_.find(game_id); i != recent_.end() && now - i->second.at < summary_ttl_) {
      ++cache_hits_;
      return *i->second.data;
    }
  }
  auto got = http_.get(espn::summary_path(game_id));
  if (auto* e = std::get_if<fetch_error>(&got))
    return *e;
  auto parsed = espn::parse_summary(*std::get<http_body>(got).body);
  if (parsed.error)
    return fetch_error{error_kind::parse, "summary " + game_id + ": " + *parsed.error, 200, 0};
  auto data = std::make_shared<const summary_data>(
      summary_data{std::move(parsed.summary), rejected_from(parsed.issues)});
  {
    std::lock_guard<std::mutex> guard{mtx_};
    // Now and then drop entries past their TTL, so the map stays as small as
    // the live set without a scan per request.
    if (++inserts_ % 1024 == 0)
      for (auto i = recent_.begin(); i != recent_.end();)
        i = now - i->second.at >= summary_ttl_ ? recent_.erase(i) : std::next(i);
    recent_[game_id] = recent{now, data};
  }
  return *data;
}

std::uint64_t espn_source::summary_cache_hits() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return cache_hits_;
}

} // namespace playclock::sources
