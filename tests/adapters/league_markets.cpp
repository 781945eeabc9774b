// The simulated league's prediction markets on a manual clock: Kalshi-style
// tickers and titles, prices that follow the win-probability model and move
// a lag after a play, the same prices for the same seed however often one
// looks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "adapters/kalshi/ticker_map.hpp"
#include "adapters/league/simulated_league.hpp"
#include "adapters/sim/teams.hpp"
#include "adapters/winprob/from_game.hpp"
#include "adapters/winprob/model.hpp"

using namespace playclock;
using namespace std::chrono_literals;

namespace {

struct manual_clock {
  std::chrono::steady_clock::time_point now = std::chrono::steady_clock::time_point{} + 1h;
  league::simulated_league::clock_fn fn() {
    return [this] { return now; };
  }
};

// 2026-01-12T16:59:40Z: with a 20 s pre-game wait the first round kicks off
// at 17:00 UTC on January 12th.
std::chrono::system_clock::time_point jan12() {
  return std::chrono::system_clock::time_point{std::chrono::seconds{1768237180}};
}

league::league_options options(int games, std::uint64_t seed = 7) {
  league::league_options o;
  o.games = games;
  o.speed = 60;
  o.seed = seed;
  o.pregame = 20s;
  o.wall_start = jan12();
  return o;
}

std::vector<markets::market> all(league::simulated_league& lg, markets::markets_query q = {}) {
  auto got = lg.markets(q);
  REQUIRE(std::holds_alternative<markets::markets_page>(got));
  return std::get<markets::markets_page>(got).markets;
}

markets::market market_of(league::simulated_league& lg, const std::string& ticker) {
  auto m = lg.market(ticker);
  REQUIRE(m);
  return *m;
}

std::string home_ticker(const sports::game& g) {
  return league::game_event_ticker(g.start_time, g.away.abbreviation, g.home.abbreviation) + "-" +
         league::kalshi_team_code(g.home.abbreviation);
}

std::string away_ticker(const sports::game& g) {
  return league::game_event_ticker(g.start_time, g.away.abbreviation, g.home.abbreviation) + "-" +
         league::kalshi_team_code(g.away.abbreviation);
}

double spread_of(const sports::game& g) {
  return league::home_spread(*sim::find_team(g.home.abbreviation),
                             *sim::find_team(g.away.abbreviation));
}

} // namespace

TEST_CASE("each game has two winner markets named like Kalshi's", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(16), clock.fn()};
  auto board = lg.scoreboard();
  auto listed = all(lg);
  REQUIRE(listed.size() == 32);
  for (std::size_t i = 0; i < board.size(); ++i) {
    const auto& g = board[i];
    CHECK(g.start_time == "2026-01-12T17:00Z");
    auto event = "KXNFLGAME-26JAN12" + league::kalshi_team_code(g.away.abbreviation) +
                 league::kalshi_team_code(g.home.abbreviation);
    // Away first, then home, game by game.
    const auto& away = listed[2 * i];
    const auto& home = listed[2 * i + 1];
    CHECK(away.event_ticker == event);
    CHECK(home.event_ticker == event);
    CHECK(away.ticker == event + "-" + league::kalshi_team_code(g.away.abbreviation));
    CHECK(home.ticker == event + "-" + league::kalshi_team_code(g.home.abbreviation));
    CHECK(home.title == g.away.name + " at " + g.home.name + " Winner?");
    CHECK(away.title == home.title);
    CHECK(home.yes_sub_title == g.home.name);
    CHECK(away.yes_sub_title == g.away.name);
    for (const auto* m : {&away, &home}) {
      CHECK(m->status == "active");
      CHECK(m->result.empty());
      CHECK(m->open_time == "2026-01-12T16:59:40Z");
      CHECK_FALSE(m->close_time.empty());
      // The Kalshi adapter maps the ticker back to this game.
      auto parsed = kalshi::parse_game_ticker(m->ticker);
      REQUIRE(parsed);
      CHECK(parsed->date == "2026-01-12");
      CHECK(parsed->away == g.away.abbreviation);
      CHECK(parsed->home == g.home.abbreviation);
      CHECK(parsed->outcome == (m == &home ? g.home.abbreviation : g.away.abbreviation));
      kalshi::ticker_mapper mapper;
      auto match = mapper.map(*m, board);
      REQUIRE(match);
      CHECK(match->game_id == g.id);
      CHECK(match->home == (m == &home));
    }
  }
  CHECK(league::kalshi_team_code("JAX") == "JAC");
  CHECK(league::kalshi_team_code("WSH") == "WAS");
  CHECK(league::kalshi_team_code("LAR") == "LA");
  CHECK(league::game_event_ticker("2026-01-12T17:00Z", "HOU", "PIT") == "KXNFLGAME-26JAN12HOUPIT");
  CHECK(league::game_event_ticker("soon", "HOU", "PIT").empty());
  CHECK_FALSE(lg.market("KXNFLGAME-26JAN12HOUPIT-XYZ"));
  CHECK_FALSE(lg.orderbook("nope"));
}

TEST_CASE("before kick-off the favourite trades above one half", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(16), clock.fn()};
  auto board = lg.scoreboard();
  int clear_favourites = 0;
  for (const auto& g : board) {
    double spread = spread_of(g);
    auto home = market_of(lg, home_ticker(g));
    auto away = market_of(lg, away_ticker(g));
    REQUIRE(home.last_price);
    REQUIRE(away.last_price);
    // Quotes a cent or two around the price; the two sides add up to ~1.
    CHECK(*home.yes_bid < *home.yes_ask);
    CHECK(*home.yes_ask - *home.yes_bid <= 0.041);
    CHECK(*home.yes_bid <= *home.last_price);
    CHECK(*home.last_price <= *home.yes_ask);
    CHECK(std::abs(*home.no_bid - (1 - *home.yes_ask)) < 1e-9);
    CHECK(std::abs(*home.no_ask - (1 - *home.yes_bid)) < 1e-9);
    CHECK(std::abs(*home.last_price + *away.last_price - 1) <= 0.05);
    if (std::abs(spread) < 2.5)
      continue;
    ++clear_favourites;
    INFO(g.away.abbreviation << " at " << g.home.abbreviation << ", home by " << spread);
    auto favourite = spread > 0 ? home : away;
    CHECK(*favourite.last_price > 0.5);
    CHECK(*markets::probability(favourite) > 0.5);
  }
  CHECK(clear_favourites >= 4);
}

TEST_CASE("a team leading by three scores in the fourth quarter trades above 0.9", "[league]") {
  manual_clock clock;
  league::simulated_league lg{options(16, 11), clock.fn()};
  clock.now += 21s;
  std::map<std::string, int> late_leads; // game id -> polls in a row with a 21+ lead in Q4
  int checked = 0;
  for (int i = 0; i < 50; ++i) {
    clock.now += 5s; // 5 minutes of game time at 60x, more than the market lag
    for (const auto& g : lg.scoreboard()) {
      int lead = g.home_score - g.away_score;
      bool late = g.state == sports::game_state::in && g.period == 4 && std::abs(lead) >= 21;
      int& seen = late_leads[g.id];
      seen = late ? seen + 1 : 0;
      if (seen < 2) // the lead must be older than the market's lag
        continue;
      auto leader = market_of(lg, lead > 0 ? home_ticker(g) : away_ticker(g));
      auto trailer = market_of(lg, lead > 0 ? away_ticker(g) : home_ticker(g));
      INFO(g.away.abbreviation << " " << g.away_score << " at " << g.home.abbreviation << " "
                               << g.home_score << ", " << g.status_detail);
      CHECK(*leader.last_price > 0.9);
      CHECK(*trailer.last_price < 0.1);
      ++checked;
    }
  }
  CHECK(checked > 0);
}

TEST_CASE("a touchdown moves the price only after the market lag", "[league]") {
  auto o = options(1, 5);
  o.speed = 1; // plays seconds apart, like a real broadcast
  o.market_noise = 0;
  o.market_lag = 3s;
  manual_clock clock;
  league::simulated_league lg{o, clock.fn()};
  auto g = lg.scoreboard().front();
  auto ticker = home_ticker(g);
  double spread = spread_of(g);
  clock.now += 20s;
  double before = *market_of(lg, ticker).last_price;
  int touchdowns = 0;
  for (int i = 0; i < 4 * 3600 * 2 && touchdowns < 5; ++i) {
    clock.now += 500ms; // a poller twice a second
    auto now = lg.scoreboard().front();
    if (now.state == sports::game_state::post)
      break;
    double price = *market_of(lg, ticker).last_price;
    bool touchdown = std::max(now.home_score - g.home_score, now.away_score - g.away_score) >= 6;
    g = now;
    // Where the market goes once it has adopted the touchdown: the model's
    // price of the game as it stands now.
    double target = std::clamp(std::round(winprob::home_win_probability(
                                              winprob::builtin(), winprob::from_game(now, spread)) *
                                          100) /
                                   100,
                               0.01, 0.99);
    if (!touchdown || now.state != sports::game_state::in || std::abs(target - before) < 0.03) {
      before = price; // (a touchdown from the 1-yard line is mostly priced in already)
      continue;
    }
    ++touchdowns;
    INFO("touchdown at " << g.status_detail << ", home price before " << before << ", model now "
                         << target);
    // Seen within half a second of the play, the price has not moved, nor
    // 1.5 s later (the lag is at least 2.4 s)...
    CHECK(std::abs(price - before) <= 0.01);
    auto t0 = clock.now;
    clock.now = t0 + 1500ms;
    CHECK(std::abs(*market_of(lg, ticker).last_price - before) <= 0.01);
    // ... 4 s after (at most 3.6 s of lag) it has: it is the model's price.
    clock.now = t0 + 4s;
    double after = *market_of(lg, ticker).last_price;
    CHECK(after == Approx(target).margin(0.005));
    g = lg.scoreboard().front();
    before = after;
  }
  CHECK(touchdowns >= 2);
}

TEST_CASE("the same seed gives the same markets, however often they are read", "[league]") {
  manual_clock often, once, other_clock;
  league::simulated_league a{options(4, 21), often.fn()};
  league::simulated_league b{options(4, 21), once.fn()};
  league::simulated_league c{options(4, 22), other_clock.fn()};
  // `a` is read every second, `b` and `c` only at the end.
  for (int i = 0; i < 100; ++i) {
    often.now += 1s;
    all(a);
    if (i % 7 == 0)
      a.orderbook(all(a).front().ticker);
  }
  once.now += 100s;
  other_clock.now += 100s;
  auto ma = all(a);
  auto mb = all(b);
  REQUIRE(ma.size() == mb.size());
  for (std::size_t i = 0; i < ma.size(); ++i) {
    INFO(ma[i].ticker);
    CHECK(ma[i].ticker == mb[i].ticker);
    CHECK(ma[i].last_price == mb[i].last_price);
    CHECK(ma[i].previous_price == mb[i].previous_price);
    CHECK(ma[i].yes_bid == mb[i].yes_bid);
    CHECK(ma[i].yes_ask == mb[i].yes_ask);
    CHECK(ma[i].volume == mb[i].volume);
    CHECK(ma[i].open_interest == mb[i].open_interest);
    CHECK(ma[i].liquidity == mb[i].liquidity);
    auto ba = a.orderbook(ma[i].ticker);
    auto bb = b.orderbook(ma[i].ticker);
    REQUIRE(ba);
    REQUIRE(bb);
    REQUIRE(ba->yes.size() == bb->yes.size());
    for (std::size_t l = 0; l < ba->yes.size(); ++l) {
      CHECK(ba->yes[l].price == bb->yes[l].price);
      CHECK(ba->yes[l].quantity == bb->yes[l].quantity);
    }
  }
  // Another seed plays other games and quotes other prices.
  auto mc = all(c);
  int differ = 0;
  for (std::size_t i = 0; i < std::min(ma.size(), mc.size()); ++i)
    differ += ma[i].last_price != mc[i].last_price ? 1 : 0;
  CHECK(differ > 0);
}

TEST_CASE("prices move with noise but stay within cents of the model", "[league]") {
  auto noisy = options(4, 3);
  auto exact = noisy;
  exact.market_noise = 0;
  manual_clock c1, c2;
  league::simulated_league a{noisy, c1.fn()};
  league::simulated_league b{exact, c2.fn()};
  std::set<double> seen;
  for (int i = 0; i < 120; ++i) {
    c1.now += 1s;
    c2.now += 1s;
    auto ma = all(a);
    auto mb = all(b);
    REQUIRE(ma.size() == mb.size());
    for (std::size_t k = 0; k < ma.size(); ++k) {
      // Noise of at most 1.5 cents plus rounding.
      CHECK(std::abs(*ma[k].last_price - *mb[k].last_price) <= 0.0251);
      CHECK(*ma[k].last_price >= 0.01);
      CHECK(*ma[k].last_price <= 0.99);
      if (k == 0 && i < 15) // before kick-off only the noise moves the price
        seen.insert(*ma[k].last_price);
    }
  }
  CHECK(seen.size() >= 2);
}
