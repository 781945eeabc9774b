#pragma once
// The simulated league's prediction markets behind the markets-source
// interface: what a node polls when its markets base URL is "sim:". Errors
// read like the HTTP feed's: a bad query is a 400, an unknown ticker a 404.

#include <memory>
#include <string>

#include "adapters/league/simulated_league.hpp"
#include "adapters/sources/markets_source.hpp"

namespace playclock::league {

class simulated_markets_source : public sources::markets_source {
 public:
  explicit simulated_markets_source(std::shared_ptr<simulated_league> league);
  /// "sim".
  const std::string& name() const override { return name_; }
  /// A bad status or cursor: error_kind::http_status 400.
  sources::result<markets::markets_page> markets(const markets::markets_query& q) override;
  /// An unknown ticker: error_kind::http_status 404.
  sources::result<markets::market> market(const std::string& ticker) override;
  sources::result<markets::orderbook> orderbook(const std::string& ticker) override;

 private:
  std::string name_ = "sim";
  std::shared_ptr<simulated_league> league_;
};

} // namespace playclock::league
