#pragma once
// games_source over HTTP in ESPN's site-API format: the real ESPN, or
// playclock-feed on loopback.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include "adapters/sources/games_source.hpp"
#include "adapters/sources/http_getter.hpp"

namespace playclock::sources {

class espn_source : public games_source {
 public:
  /// `summary_ttl`: a summary fetched less than this long ago is served again
  /// without a request (the injury poll reuses what the play-by-play fetch got).
  espn_source(http_getter_options opts, std::chrono::milliseconds summary_ttl);

  const std::string& name() const override { return name_; }
  result<scoreboard_data> scoreboard(const std::string& dates = {}) override;
  result<summary_data> summary(const std::string& game_id) override;

  http_getter_stats stats() const { return http_.stats(); }
  /// Summaries served from the TTL cache.
  std::uint64_t summary_cache_hits() const;

 private:
  struct recent {
    std::chrono::steady_clock::time_point at;
    std::shared_ptr<const summary_data> data;
  };

  std::string name_ = "espn";
  http_getter http_;
  std::chrono::milliseconds summary_ttl_;
  mutable std::mutex mtx_;
  std::map<std::string, recent> recent_;
  std::uint64_t cache_hits_ = 0;
  std::uint64_t inserts_ = 0;
};

} // namespace playclock::sources
