#pragma once
// The markets domain: inspect() for markets::market, the events market actors
// and the correlator publish (topic "markets"), and the interfaces of the
// market fetchers, market actors, the markets poller and the correlator.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <caf/atom.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/none.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "adapters/markets/types.hpp"
#include "messages/atoms.hpp"
#include "messages/games.hpp"

namespace playclock::markets {

// CAF 0.17 cannot serialize std::optional (and its binary format does not
// keep NaN): the prices travel as values plus a bit mask of those present.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market& x) {
  std::optional<double>* prices[] = {&x.yes_bid, &x.yes_ask,    &x.no_bid,
                                     &x.no_ask,  &x.last_price, &x.previous_price};
  std::uint8_t present = 0;
  double v[6] = {0, 0, 0, 0, 0, 0};
  for (int i = 0; i < 6; ++i)
    if (prices[i]->has_value()) {
      present = static_cast<std::uint8_t>(present | (1u << i));
      v[i] = **prices[i];
    }
  auto load = caf::meta::load_callback([&]() -> caf::error {
    for (int i = 0; i < 6; ++i)
      if ((present & (1u << i)) != 0)
        *prices[i] = v[i];
      else
        prices[i]->reset();
    return caf::none;
  });
  return f(caf::meta::type_name("playclock::markets::market"), x.ticker, x.event_ticker, x.title,
           x.yes_sub_title, x.status, present, v[0], v[1], v[2], v[3], v[4], v[5], x.volume,
           x.volume_24h, x.open_interest, x.liquidity, x.open_time, x.close_time, x.result, load);
}

} // namespace playclock::markets

namespace playclock {

// -- atoms of the markets domain ----------------------------------------------

/// A market poll (fetchers) or a market's latest state (market actors).
using markets_atom = caf::atom_constant<caf::atom("pc_mkts")>;
/// Internal: a correlation's delay is over, re-read the prices.
using measure_atom = caf::atom_constant<caf::atom("pc_measure")>;

// -- what pollers hand to market actors -----------------------------------------

/// Which game a market belongs to and which team "yes" wins for.
struct market_link {
  /// "" when the ticker maps to no known game.
  std::string game_id;
  /// Abbreviation of the team "yes" is on ("" for non-team markets).
  std::string team;
  /// True when that team is the home team.
  bool home = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_link& x) {
  return f(caf::meta::type_name("playclock::market_link"), x.game_id, x.team, x.home);
}

/// One observation of a market by the poller.
struct market_update {
  markets::market market;
  market_link link;
  /// When the poll response arrived, unix milliseconds.
  std::int64_t observed_at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_update& x) {
  return f(caf::meta::type_name("playclock::market_update"), x.market, x.link, x.observed_at_ms);
}

/// A market actor's answer to "what is your price now?".
struct market_price {
  std::string ticker;
  market_link link;
  /// False when the market has no usable price yet.
  bool known = false;
  /// Probability of yes in [0, 1].
  double price = 0;
  std::int64_t observed_at_ms = 0;
  std::string status;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_price& x) {
  return f(caf::meta::type_name("playclock::market_price"), x.ticker, x.link, x.known, x.price,
           x.observed_at_ms, x.status);
}

/// A markets poll's outcome (every page of it).
struct markets_result {
  bool ok = false;
  std::vector<markets::market> markets;
  /// Markets the source sent but that could not be read.
  std::int32_t rejected = 0;
  std::string error;
  std::string error_kind;
  std::int32_t retry_after_s = 0;
  double seconds = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, markets_result& x) {
  return f(caf::meta::type_name("playclock::markets_result"), x.ok, x.markets, x.rejected, x.error,
           x.error_kind, x.retry_after_s, x.seconds);
}

// -- events (topic "markets") ---------------------------------------------------

/// The yes price moved more than the spike threshold between two polls.
struct price_moved {
  std::string ticker;
  std::string title;
  market_link link;
  double before = 0;
  double after = 0;
  /// after - before, in percentage points.
  double points = 0;
  double seconds_between = 0;
  std::int64_t observed_at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, price_moved& x) {
  return f(caf::meta::type_name("playclock::price_moved"), x.ticker, x.title, x.link, x.before,
           x.after, x.points, x.seconds_between, x.observed_at_ms);
}

/// The market stopped trading (closed, settled); its actor retires.
struct market_closed {
  std::string ticker;
  market_link link;
  std::string status;
  /// "yes", "no" or "" while unsettled.
  std::string result;
  double last_price = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_closed& x) {
  return f(caf::meta::type_name("playclock::market_closed"), x.ticker, x.link, x.status, x.result,
           x.last_price);
}

/// A market actor saw its ticker for the first time (or after a restart):
/// tells the correlator which markets belong to which game.
struct market_listed {
  std::string ticker;
  std::string title;
  market_link link;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_listed& x) {
  return f(caf::meta::type_name("playclock::market_listed"), x.ticker, x.title, x.link);
}

/// A significant play and how one of the game's markets moved after it.
struct correlation_measured {
  std::string game_id;
  std::string home;
  std::string away;
  std::string play_id;
  std::string play_text;
  /// Team with the ball at the snap.
  std::string play_team;
  /// touchdown, turnover, big_play (the tags that made it significant).
  std::vector<std::string> tags;
  std::string ticker;
  market_link link;
  double before = 0;
  double after = 0;
  /// after - before, in percentage points.
  double points = 0;
  /// low, medium, high, extreme.
  std::string impact;
  std::int64_t captured_at_ms = 0;
  std::int64_t measured_at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, correlation_measured& x) {
  return f(caf::meta::type_name("playclock::correlation_measured"), x.game_id, x.home, x.away,
           x.play_id, x.play_text, x.play_team, x.tags, x.ticker, x.link, x.before, x.after,
           x.points, x.impact, x.captured_at_ms, x.measured_at_ms);
}

/// A market's price and the model's probability differ by more than the
/// edge threshold.
struct edge_detected {
  std::string ticker;
  market_link link;
  double market_probability = 0;
  double model_probability = 0;
  /// model - market, in percentage points.
  double points = 0;
  std::string model;
  std::int32_t model_version = 0;
  std::int64_t at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, edge_detected& x) {
  return f(caf::meta::type_name("playclock::edge_detected"), x.ticker, x.link, x.market_probability,
           x.model_probability, x.points, x.model, x.model_version, x.at_ms);
}

// -- storage ---------------------------------------------------------------------

/// A snapshot row for market_snapshots (and the markets row it belongs to).
struct market_snapshot {
  markets::market market;
  market_link link;
  std::int64_t observed_at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_snapshot& x) {
  return f(caf::meta::type_name("playclock::market_snapshot"), x.market, x.link, x.observed_at_ms);
}

/// Market rows to write in one go; either part may be empty.
struct market_batch {
  std::vector<market_snapshot> snapshots;
  std::vector<correlation_measured> correlations;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_batch& x) {
  return f(caf::meta::type_name("playclock::market_batch"), x.snapshots, x.correlations);
}

// -- interfaces ---------------------------------------------------------------

/// Blocking markets-source access (detached workers behind a round robin).
using market_fetcher_actor = caf::typed_actor<
    /// Every open market of the given series ("" = all), following cursors.
    caf::replies_to<markets_atom, std::string>::with<markets_result>,
    /// One market by ticker (to learn how a market that left the open list ended).
    caf::replies_to<get_atom, std::string>::with<markets_result>>;

/// One market (ticker).
using market_actor = caf::typed_actor<
    /// A new observation from the poller.
    caf::reacts_to<market_update>,
    /// The latest price.
    caf::replies_to<get_atom>::with<market_price>>;

/// The markets poller answers with the tickers it tracks.
using markets_poller_actor =
    caf::typed_actor<caf::reacts_to<tick_atom, std::uint64_t>,
                     caf::replies_to<poll_now_atom>::with<sync_entry>,
                     caf::replies_to<markets_atom>::with<std::vector<std::string>>,
                     /// Internal: retry handing snapshots to storage while it restarts.
                     caf::reacts_to<store_atom, market_batch>>;

/// Measures how markets react to plays and compares prices with the model.
using correlator_actor = caf::typed_actor<
    /// Events from the hub (topics "games" and "markets").
    caf::reacts_to<play_added>, caf::reacts_to<market_listed>, caf::reacts_to<market_closed>,
    caf::reacts_to<game_final>,
    /// A game's latest scoreboard state (topic "game_updates"), for the edge check.
    caf::reacts_to<game_updated>,
    /// A market actor's price after a poll changed it (or when the correlator
    /// it last told is not the current one).
    caf::reacts_to<market_price>,
    /// Internal: the delay of correlation `id` is over.
    caf::reacts_to<measure_atom, std::uint64_t>,
    /// Internal: (re)subscribe to the event hub.
    caf::reacts_to<get_atom>>;

} // namespace playclock
