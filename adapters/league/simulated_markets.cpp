#include "adapters/league/simulated_markets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <unordered_set>

#include "adapters/league/market_math.hpp"
#include "adapters/winprob/from_game.hpp"
#include "adapters/winprob/model.hpp"

namespace playclock::league {

namespace {

using namespace detail;

// The engine's average home margin per point of rating gap: 5.92 over the
// 10,000 random matchups the built-in win-probability model was fitted with
// (adapters/winprob/builtin.cpp), 5.8 over 4,000 games of the league's own
// teams; the intercept (0.15-0.2 points) is noise: no home-field advantage.
constexpr double points_per_rating = 5.9;

std::uint64_t hash_str(const std::string& s, std::uint64_t seed) {
  std::uint64_t h = seed ^ 1469598103934665603ull;
  for (unsigned char c : s)
    h = (h ^ c) * 1099511628211ull;
  return mix(h);
}

// Cursors name the last market of a page by its place (round, slot, side),
// so paging stays right while the list changes. Opaque: scrambled by an
// invertible map (xor, then an odd multiplier mod 2^64), and checked.
constexpr std::uint64_t cursor_xor = 0x6a09e667f3bcc908ull;
constexpr std::uint64_t cursor_mul = 0x9e3779b97f4a7c15ull;

constexpr std::uint64_t inverse(std::uint64_t odd) {
  std::uint64_t x = odd; // Newton's iteration doubles the correct bits each step
  for (int i = 0; i < 5; ++i)
    x *= 2 - odd * x;
  return x;
}

static_assert(inverse(cursor_mul) * cursor_mul == 1);

std::uint64_t market_key(int round, int slot, int side) {
  return static_cast<std::uint64_t>(round) << 32 | static_cast<std::uint64_t>(slot) << 1 |
         static_cast<std::uint64_t>(side);
}

std::string encode_cursor(std::uint64_t key) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx%04llx",
                static_cast<unsigned long long>((key ^ cursor_xor) * cursor_mul),
                static_cast<unsigned long long>(mix(key) & 0xffff));
  return buf;
}

std::optional<std::uint64_t> decode_cursor(const std::string& c) {
  if (c.size() != 20 || c.find_first_not_of("0123456789abcdef") != std::string::npos)
    return std::nullopt;
  auto key = (std::stoull(c.substr(0, 16), nullptr, 16) * inverse(cursor_mul)) ^ cursor_xor;
  if ((mix(key) & 0xffff) != std::stoull(c.substr(16), nullptr, 16))
    return std::nullopt;
  return key;
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    auto comma = s.find(',', at);
    auto part = s.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    if (!part.empty())
      out.push_back(part);
    if (comma == std::string::npos)
      break;
    at = comma + 1;
  }
  return out;
}

double home_probability(const sports::game& g, double spread) {
  return winprob::home_win_probability(winprob::builtin(), winprob::from_game(g, spread));
}

} // namespace

double home_spread(const sim::team_profile& home, const sim::team_profile& away) {
  double gap = (home.offense - away.defense) - (away.offense - home.defense);
  return points_per_rating * gap;
}

std::string kalshi_team_code(const std::string& espn_abbreviation) {
  if (espn_abbreviation == "JAX")
    return "JAC";
  if (espn_abbreviation == "WSH")
    return "WAS";
  if (espn_abbreviation == "LAR")
    return "LA";
  return espn_abbreviation;
}

std::string game_event_ticker(const std::string& start_time, const std::string& away,
                              const std::string& home) {
  static const char* const months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  int y = 0, m = 0, d = 0;
  if (std::sscanf(start_time.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
      d > 31)
    return {};
  char date[16];
  std::snprintf(date, sizeof date, "%02d%s%02d", y % 100, months[m - 1], d);
  return std::string{game_series} + "-" + date + kalshi_team_code(away) + kalshi_team_code(home);
}

simulated_markets::simulated_markets(market_options opts, time_point origin,
                                     std::chrono::system_clock::time_point wall_origin)
    : opts_(std::move(opts)), origin_(origin), wall_origin_(wall_origin) {
  opts_.noise = std::clamp(opts_.noise, 0.0, 0.2);
  opts_.lag = std::max(opts_.lag, std::chrono::milliseconds{0});
  opts_.settle = std::max(opts_.settle, std::chrono::milliseconds{0});
}

void simulated_markets::open_round(int round, time_point opened, time_point kickoff,
                                   time_point expected_end, const std::vector<market_game>& games) {
  round_ = round;
  kickoff_ = kickoff;
  std::vector<game_book> fresh;
  std::unordered_set<std::string> taken;
  for (const auto& mg : games) {
    game_book b;
    b.round = round;
    b.slot = static_cast<int>(&mg - games.data());
    b.game_id = mg.game.id;
    b.home = mg.game.home;
    b.away = mg.game.away;
    b.event_ticker =
        game_event_ticker(mg.game.start_time, mg.game.away.abbreviation, mg.game.home.abbreviation);
    // Past 16 games a round repeats matchups: one event per ticker.
    if (b.event_ticker.empty() || !taken.insert(b.event_ticker).second)
      continue;
    b.title = mg.game.away.name + " at " + mg.game.home.name + " Winner?";
    b.tickers[0] = b.event_ticker + "-" + kalshi_team_code(b.away.abbreviation);
    b.tickers[1] = b.event_ticker + "-" + kalshi_team_code(b.home.abbreviation);
    for (int side = 0; side < 2; ++side)
      b.keys[side] = hash_str(b.tickers[side] + "#" + b.game_id, opts_.seed);
    b.home_spread = mg.home_spread;
    b.opened = opened;
    b.kickoff = kickoff;
    b.expected_end = expected_end;
    b.events.push_back({opened, home_probability(mg.game, mg.home_spread), 0});
    fresh.push_back(std::move(b));
  }
  // Older rounds beyond two are forgotten, and so is an older game whose
  // ticker the new round uses again (the same matchup the same UTC day).
  books_.erase(std::remove_if(books_.begin(), books_.end(),
                              [&](const game_book& b) {
                                return b.round < round - 2 || taken.count(b.event_ticker) > 0;
                              }),
               books_.end());
  for (auto& b : fresh)
    books_.push_back(std::move(b));
  by_game_.clear();
  by_ticker_.clear();
  for (std::size_t i = 0; i < books_.size(); ++i) {
    by_game_[books_[i].game_id] = i;
    by_game_[books_[i].event_ticker] = i;
    by_ticker_[books_[i].tickers[0]] = i * 2;
    by_ticker_[books_[i].tickers[1]] = i * 2 + 1;
  }
}

void simulated_markets::on_play(const std::string& game_id, time_point at,
                                const sports::game& after, std::int64_t sequence) {
  auto it = by_game_.find(game_id);
  if (it == by_game_.end())
    return;
  auto& b = books_[it->second];
  if (b.closed)
    return;
  double p = home_probability(after, b.home_spread);
  // The play's own lag: 80-120% of the configured one.
  double share =
      0.8 + 0.4 * unit(mix(b.keys[1] ^ mix(static_cast<std::uint64_t>(sequence) + 0x1a9)));
  auto lag = std::chrono::duration_cast<std::chrono::steady_clock::duration>(opts_.lag * share);
  const auto& last = b.events.back();
  b.events.push_back(
      {std::max(at + lag, last.effective), p, last.activity + std::abs(p - last.home_probability)});
  if (after.state == sports::game_state::post) {
    b.closed = at;
    b.final_home = after.home_score > after.away_score   ? 1.0
                   : after.home_score < after.away_score ? 0.0
                                                         : 0.5;
  }
}

const simulated_markets::game_book* simulated_markets::book_of(const std::string& ticker,
                                                               int* side) const {
  auto it = by_ticker_.find(ticker);
  if (it == by_ticker_.end())
    return nullptr;
  *side = static_cast<int>(it->second % 2);
  return &books_[it->second / 2];
}

std::optional<std::string> simulated_markets::game_of(const std::string& ticker) const {
  if (auto it = by_ticker_.find(ticker); it != by_ticker_.end())
    return books_[it->second / 2].game_id;
  if (auto it = by_game_.find(ticker); it != by_game_.end())
    return books_[it->second].game_id;
  return std::nullopt;
}

bool simulated_markets::listed(const game_book& b, time_point now) const {
  return b.round == round_ || (b.round == round_ - 1 && now < kickoff_);
}

std::variant<markets::markets_page, market_query_error>
simulated_markets::list(const markets::markets_query& q, time_point now) const {
  static const char* const statuses[] = {"", "open", "closed", "settled", "unopened"};
  if (std::find(std::begin(statuses), std::end(statuses), q.status) == std::end(statuses))
    return market_query_error{"status: must be one of unopened, open, closed, settled, not " +
                              q.status};
  std::optional<std::uint64_t> after;
  if (!q.cursor.empty()) {
    after = decode_cursor(q.cursor);
    if (!after)
      return market_query_error{"cursor: not a cursor of this feed: " + q.cursor};
  }
  auto limit = static_cast<std::size_t>(q.limit <= 0 ? 100 : std::min(q.limit, 1000));
  auto events = split_commas(q.event_ticker);
  auto wanted = [&](const game_book& b, const std::string& status) {
    if (!listed(b, now))
      return false;
    if (!q.series_ticker.empty() && q.series_ticker != game_series)
      return false;
    if (!events.empty() && std::find(events.begin(), events.end(), b.event_ticker) == events.end())
      return false;
    if (q.status == "open")
      return status == "active";
    if (q.status == "closed")
      return status == "closed";
    if (q.status == "settled")
      return status == "settled" || status == "finalized";
    return q.status != "unopened";
  };
  markets::markets_page page;
  std::uint64_t last_key = 0;
  for (const auto& b : books_) {
    std::string status = status_at(b, now);
    if (!wanted(b, status))
      continue;
    for (int side = 0; side < 2; ++side) {
      auto key = market_key(b.round, b.slot, side);
      if (after && key <= *after)
        continue;
      if (page.markets.size() == limit) {
        // There is more: the next page starts after the last one given.
        page.cursor = encode_cursor(last_key);
        return page;
      }
      page.markets.push_back(make_market(b, side, now));
      last_key = key;
    }
  }
  return page;
}

std::optional<markets::market> simulated_markets::find(const std::string& ticker,
                                                       time_point now) const {
  int side = 0;
  const auto* b = book_of(ticker, &side);
  if (!b)
    return std::nullopt;
  return make_market(*b, side, now);
}

std::optional<markets::orderbook> simulated_markets::book(const std::string& ticker,
                                                          time_point now) const {
  int side = 0;
  const auto* b = book_of(ticker, &side);
  if (!b)
    return std::nullopt;
  return make_book(*b, side, now);
}

} // namespace playclock::league
