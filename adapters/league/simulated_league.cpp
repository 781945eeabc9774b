#include "adapters/league/simulated_league.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "adapters/sim/engine.hpp"
#include "adapters/sim/teams.hpp"

namespace playclock::league {

namespace {

using steady = std::chrono::steady_clock;

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::uint64_t hash_str(const std::string& s, std::uint64_t seed) {
  std::uint64_t h = seed ^ 1469598103934665603ull;
  for (unsigned char c : s)
    h = (h ^ c) * 1099511628211ull;
  return mix(h);
}

std::string iso8601_ms(std::int64_t unix_ms) {
  auto secs = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  auto n = std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof(buf) - n, ".%03dZ", static_cast<int>(unix_ms % 1000));
  return buf;
}

std::string iso8601(std::chrono::system_clock::time_point t) {
  auto secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%MZ", &tm);
  return buf;
}

// Round-robin pairing (circle method): in round r, slot k pairs two distinct
// teams, and over 31 rounds every team meets every other once.
std::pair<int, int> pairing(int round, int slot, int teams) {
  int rotation = round % (teams - 1);
  auto at = [&](int pos) { return pos == 0 ? 0 : 1 + (pos - 1 + rotation) % (teams - 1); };
  int a = at(slot % (teams / 2));
  int b = at(teams - 1 - slot % (teams / 2));
  return (round + slot) % 2 == 0 ? std::make_pair(a, b) : std::make_pair(b, a);
}

const char* injury_details[] = {"Knee", "Ankle", "Hamstring", "Concussion", "Shoulder", "Groin"};

} // namespace

struct simulated_league::live_game {
  sim::game_options options;
  std::unique_ptr<sim::game_engine> engine;
  /// Wall seconds of game already played, measured from kick-off.
  double consumed = 0;
  std::vector<std::string> scoring_ids;
  std::vector<sports::injury> injuries;
  /// (sequence, unix ms) of each play: when it happened on the league's
  /// clock, given to summaries as ESPN's per-play wallclock.
  std::vector<std::pair<std::int64_t, std::int64_t>> played_at;
};

simulated_league::simulated_league(league_options opts, clock_fn now)
    : opts_(std::move(opts)), now_(now ? std::move(now) : clock_fn{[] { return steady::now(); }}) {
  opts_.games = std::max(1, opts_.games);
  opts_.speed = std::max(0.001, opts_.speed);
  origin_ = now_();
  wall_origin_ = opts_.wall_start.value_or(std::chrono::system_clock::now());
  market_options mo;
  mo.seed = opts_.seed;
  mo.lag = opts_.market_lag;
  mo.noise = opts_.market_noise;
  mo.settle = opts_.market_settle;
  markets_ = std::make_unique<simulated_markets>(mo, origin_, wall_origin_);
  start_round(0, origin_ + opts_.pregame);
}

simulated_league::~simulated_league() = default;

std::vector<sports::game> simulated_league::plan_round(int round) const {
  const auto& teams = sim::nfl_teams();
  int n = static_cast<int>(teams.size());
  std::vector<sports::game> out;
  for (int i = 0; i < opts_.games; ++i) {
    auto [h, a] = pairing(round + i / (n / 2), i, n);
    sports::game g;
    g.id = std::to_string(9000000000ull + static_cast<std::uint64_t>(round) * 100000ull +
                          static_cast<std::uint64_t>(i));
    g.season = opts_.season;
    g.week = round + 1;
    g.home = teams[static_cast<std::size_t>(h)].team;
    g.away = teams[static_cast<std::size_t>(a)].team;
    g.where = teams[static_cast<std::size_t>(h)].stadium;
    out.push_back(std::move(g));
  }
  return out;
}

void simulated_league::start_round(int round, steady::time_point kickoff) {
  round_ = round;
  kickoff_ = kickoff;
  games_.clear();
  const auto& teams = sim::nfl_teams();
  auto start =
      iso8601(wall_origin_ +
              std::chrono::duration_cast<std::chrono::system_clock::duration>(kickoff - origin_));
  for (auto& planned : plan_round(round)) {
    auto lg = std::make_unique<live_game>();
    auto& o = lg->options;
    o.game_id = planned.id;
    for (const auto& t : teams) {
      if (t.team.id == planned.home.id)
        o.home = t;
      if (t.team.id == planned.away.id)
        o.away = t;
    }
    o.seed = mix(opts_.seed ^ mix(static_cast<std::uint64_t>(round) << 20 | games_.size()));
    o.season = opts_.season;
    o.week = planned.week;
    o.start_time = start;
    o.where = planned.where;
    lg->engine = std::make_unique<sim::game_engine>(o);
    games_.push_back(std::move(lg));
  }
  std::vector<market_game> listing;
  listing.reserve(games_.size());
  for (const auto& g : games_)
    listing.push_back({g->engine->state(), home_spread(g->options.home, g->options.away)});
  // A game takes about three and a quarter hours of wall time at 1x.
  auto expected_end = kickoff + std::chrono::duration_cast<steady::duration>(
                                    std::chrono::duration<double>(3.25 * 3600 / opts_.speed));
  markets_->open_round(round, kickoff - opts_.pregame, kickoff, expected_end, listing);
}

void simulated_league::advance_game(live_game& g, steady::time_point now) {
  auto& e = *g.engine;
  double elapsed = std::chrono::duration<double>(now - kickoff_).count() * opts_.speed;
  while (!e.finished() && g.consumed <= elapsed) {
    auto at_steady = kickoff_ + std::chrono::duration_cast<steady::duration>(
                                    std::chrono::duration<double>(g.consumed / opts_.speed));
    auto at = wall_origin_ +
              std::chrono::duration_cast<std::chrono::system_clock::duration>(at_steady - origin_);
    const auto& p = e.step();
    g.played_at.emplace_back(
        p.sequence,
        std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
    g.consumed += e.last_step_wall_seconds();
    markets_->on_play(g.options.game_id, at_steady, e.state(), p.sequence);
    if (p.scoring)
      g.scoring_ids.push_back(p.id);
    // A few participants get hurt: Questionable first, Out if it recurs.
    for (const auto& who : p.players) {
      if (mix(hash_str(p.id + who.player_id, opts_.seed)) % 1000 >= 2)
        continue;
      auto it = std::find_if(g.injuries.begin(), g.injuries.end(),
                             [&](const sports::injury& x) { return x.player_id == who.player_id; });
      const auto& team =
          p.team == g.options.home.team.abbreviation ? g.options.home.team : g.options.away.team;
      if (it == g.injuries.end()) {
        sports::injury inj;
        inj.team = team.abbreviation;
        inj.player_id = who.player_id;
        inj.player_name = who.name;
        inj.position = who.role;
        inj.status = "Questionable";
        inj.detail = injury_details[hash_str(who.player_id, 7) % 6];
        inj.date = iso8601(std::chrono::system_clock::now());
        g.injuries.push_back(std::move(inj));
      } else {
        it->status = "Out";
      }
    }
  }
}

void simulated_league::advance(steady::time_point now) {
  bool all_final = true;
  for (auto& g : games_) {
    advance_game(*g, now);
    all_final = all_final && g->engine->finished();
  }
  // Finals stay on the scoreboard for one pre-game period so pollers see
  // them end; then the next round is scheduled.
  if (all_final) {
    double game_span = 0;
    for (auto& g : games_)
      game_span = std::max(game_span, g->consumed);
    auto ended = kickoff_ + std::chrono::duration_cast<steady::duration>(
                                std::chrono::duration<double>(game_span / opts_.speed));
    if (now >= ended + opts_.pregame)
      start_round(round_ + 1, now + opts_.pregame);
  }
}

std::vector<sports::game> simulated_league::scoreboard() {
  std::lock_guard<std::mutex> guard{mtx_};
  advance(now_());
  std::vector<sports::game> out;
  out.reserve(games_.size());
  for (auto& g : games_)
    out.push_back(g->engine->state());
  return out;
}

std::vector<sports::game> simulated_league::schedule() {
  auto out = scoreboard();
  std::lock_guard<std::mutex> guard{mtx_};
  for (auto& g : plan_round(round_ + 1)) {
    g.state = sports::game_state::pre;
    g.status_detail = "Scheduled";
    out.push_back(std::move(g));
  }
  return out;
}

std::optional<sports::game_summary> simulated_league::summary(const std::string& game_id) {
  std::lock_guard<std::mutex> guard{mtx_};
  for (auto& g : games_) {
    if (g->options.game_id != game_id)
      continue;
    // Only this game needs to be up to date.
    advance_game(*g, now_());
    sports::game_summary s;
    s.header = g->engine->state();
    s.drives = g->engine->drives();
    for (auto& d : s.drives)
      for (auto& p : d.plays) {
        auto it = std::lower_bound(g->played_at.begin(), g->played_at.end(),
                                   std::make_pair(p.sequence, std::int64_t{0}));
        if (it != g->played_at.end() && it->first == p.sequence)
          p.wallclock = iso8601_ms(it->second);
      }
    s.scoring_play_ids = g->scoring_ids;
    s.injuries = g->injuries;
    return s;
  }
  return std::nullopt;
}

std::vector<sports::forecast> simulated_league::forecast(double lat, double lon) {
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  auto first = now - now % (3 * 3600);
  auto place =
      mix(static_cast<std::uint64_t>(std::llround(lat * 100) * 100003 + std::llround(lon * 100)));
  std::vector<sports::forecast> out;
  static const char* skies[] = {"clear sky",  "few clouds",    "overcast clouds",
                                "light rain", "moderate rain", "light snow"};
  for (int i = 0; i < 40; ++i) {
    auto slot = first + static_cast<std::time_t>(i) * 3 * 3600;
    auto r = mix(place ^ static_cast<std::uint64_t>(slot));
    sports::forecast f;
    f.time = slot;
    // A smooth daily cycle around a place-dependent base, plus a little noise.
    double hour = static_cast<double>((slot / 3600) % 24);
    f.temperature_c = static_cast<double>(place % 25) - 5 +
                      6 * std::sin((hour - 9) / 24 * 2 * 3.14159265358979) +
                      static_cast<double>(r % 20) / 10.0;
    f.wind_speed_ms = static_cast<double>(r % 120) / 10.0;
    f.humidity_pct = 40 + static_cast<double>((r >> 8) % 55);
    auto sky = (r >> 16) % 6;
    f.description = skies[sky];
    f.precipitation_mm = sky >= 3 ? static_cast<double>((r >> 24) % 80) / 10.0 : 0.0;
    out.push_back(std::move(f));
  }
  return out;
}

void simulated_league::advance_market_game(const std::string& ticker, steady::time_point now) {
  auto id = markets_->game_of(ticker);
  if (!id)
    return;
  for (auto& g : games_)
    if (g->options.game_id == *id)
      advance_game(*g, now);
}

std::variant<markets::markets_page, market_query_error>
simulated_league::markets(const markets::markets_query& q) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto now = now_();
  advance(now);
  return markets_->list(q, now);
}

std::optional<markets::market> simulated_league::market(const std::string& ticker) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto now = now_();
  advance_market_game(ticker, now);
  return markets_->find(ticker, now);
}

std::optional<markets::orderbook> simulated_league::orderbook(const std::string& ticker) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto now = now_();
  advance_market_game(ticker, now);
  return markets_->book(ticker, now);
}

int simulated_league::round() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return round_;
}

} // namespace playclock::league
