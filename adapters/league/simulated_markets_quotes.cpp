// How a simulated market quotes at a moment: its price (lagged model plus
// noise), bid and ask, order book, and the market as Kalshi lists it.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>

#include "adapters/league/market_math.hpp"
#include "adapters/league/simulated_markets.hpp"

namespace playclock::league {

namespace {

using namespace detail;

// Levels of each side of an order book.
constexpr int book_levels = 5;

// Smooth noise in [-1, 1]: random values at integer x, eased in between.
double value_noise(std::uint64_t key, double x) {
  double f = std::floor(x);
  auto i = static_cast<std::int64_t>(f);
  double u = x - f;
  double a = unit(mix(key ^ mix(static_cast<std::uint64_t>(i)))) * 2 - 1;
  double b = unit(mix(key ^ mix(static_cast<std::uint64_t>(i + 1)))) * 2 - 1;
  double s = u * u * (3 - 2 * u);
  return a + (b - a) * s;
}

} // namespace

double simulated_markets::model_price(const game_book& b, int side, time_point t) const {
  // The last play the market has adopted by t.
  auto next = std::upper_bound(b.events.begin(), b.events.end(), t,
                               [](time_point x, const price_event& e) { return x < e.effective; });
  const auto& e = next == b.events.begin() ? b.events.front() : *(next - 1);
  double p = side == 1 ? e.home_probability : 1 - e.home_probability;
  double s = std::max(0.0, seconds(t - b.opened));
  auto key = b.keys[side];
  p += opts_.noise * (0.6 * value_noise(key, s / 4) + 0.4 * value_noise(mix(key), s / 25));
  return cents(p);
}

simulated_markets::quote simulated_markets::quote_at(const game_book& b, int side,
                                                     time_point t) const {
  quote q;
  q.price = model_price(b, side, t);
  auto bucket = static_cast<std::uint64_t>(std::max(0.0, seconds(t - b.opened)) / 7);
  double half = mix(b.keys[side] ^ mix(bucket + 77)) % 3 == 0 ? 0.02 : 0.01;
  q.bid = cents(q.price - half);
  q.ask = cents(q.price + half);
  if (q.bid >= q.ask) { // at the 0.01 / 0.99 bounds
    if (q.bid <= 0.01)
      q.ask = 0.02;
    else
      q.bid = 0.98;
  }
  return q;
}

const char* simulated_markets::status_at(const game_book& b, time_point t) const {
  if (!b.closed || t < *b.closed)
    return "active";
  if (t < *b.closed + opts_.settle)
    return "closed";
  if (t < *b.closed + 2 * opts_.settle)
    return "settled";
  return "finalized";
}

std::string simulated_markets::wall_iso(time_point t) const {
  auto wall =
      wall_origin_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(t - origin_);
  auto secs = std::chrono::system_clock::to_time_t(wall);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

markets::orderbook simulated_markets::make_book(const game_book& b, int side,
                                                time_point now) const {
  markets::orderbook ob;
  ob.ticker = b.tickers[side];
  if (std::string{status_at(b, now)} != "active")
    return ob;
  auto q = quote_at(b, side, now);
  auto bucket = static_cast<std::uint64_t>(std::max(0.0, seconds(now - b.opened)) / 3);
  auto levels = [&](double best, std::uint64_t salt) {
    std::vector<markets::price_level> out;
    for (int i = 0; i < book_levels; ++i) {
      double price = std::round(best * 100 - i) / 100;
      if (price < 0.01)
        break;
      auto h = mix(b.keys[side] ^ mix(bucket * 16 + static_cast<std::uint64_t>(i) + salt));
      out.push_back(
          {price, static_cast<double>(20 + h % 180 + static_cast<std::uint64_t>(i) * 60)});
    }
    std::reverse(out.begin(), out.end()); // ascending price, best bid last
    return out;
  };
  ob.yes = levels(q.bid, 0);
  ob.no = levels(cents(1 - q.ask), 8);
  return ob;
}

markets::market simulated_markets::make_market(const game_book& b, int side, time_point now) const {
  markets::market m;
  m.ticker = b.tickers[side];
  m.event_ticker = b.event_ticker;
  m.title = b.title;
  m.yes_sub_title = side == 1 ? b.home.name : b.away.name;
  m.status = status_at(b, now);
  bool active = m.status == "active";
  // Trading stops at the close: everything after it is as it was then.
  auto until = active ? now : *b.closed;
  if (active) {
    auto q = quote_at(b, side, now);
    m.yes_bid = q.bid;
    m.yes_ask = q.ask;
    m.no_bid = cents(1 - q.ask);
    m.no_ask = cents(1 - q.bid);
    m.last_price = q.price;
    auto ob = make_book(b, side, now);
    for (const auto* levels : {&ob.yes, &ob.no})
      for (const auto& l : *levels)
        m.liquidity += l.price * l.quantity;
    m.liquidity = std::round(m.liquidity * 100) / 100;
  } else {
    // The last trade at the whistle: the winner near 1, the loser near 0.
    m.last_price = cents(side == 1 ? b.final_home : 1 - b.final_home);
  }
  m.previous_price = model_price(b, side, std::max(b.opened, until - std::chrono::seconds{5}));
  // Volume: a steady trickle plus bursts when the price moves.
  double rate = 1 + 4 * unit(mix(b.keys[side] ^ 0x70c));
  auto volume_at = [&](time_point t) {
    if (t <= b.opened)
      return 0.0;
    auto next =
        std::upper_bound(b.events.begin(), b.events.end(), t,
                         [](time_point x, const price_event& e) { return x < e.effective; });
    double activity = next == b.events.begin() ? 0 : (next - 1)->activity;
    return std::floor(rate * seconds(t - b.opened) + 400 * activity);
  };
  m.volume = volume_at(until);
  m.volume_24h = m.volume - volume_at(until - std::chrono::hours{24});
  m.open_interest = std::floor(m.volume * 0.6);
  m.open_time = wall_iso(b.opened);
  m.close_time = wall_iso(b.closed ? *b.closed : std::max(b.expected_end, now));
  if (m.status == "settled" || m.status == "finalized")
    m.result = (side == 1 ? b.final_home : 1 - b.final_home) == 1.0 ? "yes" : "no";
  return m;
}

} // namespace playclock::league
