#pragma once
// markets_source over HTTP in Kalshi's Trade API v2 format: Kalshi itself
// (https://api.elections.kalshi.com) or playclock-feed on loopback. Public
// market data needs no authentication. Rate limit, timeout and conditional
// requests (ETag) come from http_getter.

#include <string>

#include "adapters/sources/http_getter.hpp"
#include "adapters/sources/markets_source.hpp"

namespace playclock::sources {

class kalshi_source : public markets_source {
 public:
  /// `opts.base_url` is the host only ("https://api.elections.kalshi.com",
  /// "http://127.0.0.1:8082"); the paths carry /trade-api/v2.
  explicit kalshi_source(http_getter_options opts);

  /// Options for `base_url` within Kalshi's basic tier: 20 reads/s (burst
  /// 20), 5 s timeout.
  static http_getter_options default_options(std::string base_url);

  const std::string& name() const override { return name_; }
  /// 429 gives error_kind::rate_limited with the Retry-After seconds; a body
  /// that is not a markets document error_kind::parse.
  result<markets_page> markets(const markets_query& q) override;
  result<markets::market> market(const std::string& ticker) override;
  result<markets::orderbook> orderbook(const std::string& ticker) override;

  http_getter_stats stats() const { return http_.stats(); }

 private:
  std::string name_ = "kalshi";
  http_getter http_;
};

} // namespace playclock::sources
