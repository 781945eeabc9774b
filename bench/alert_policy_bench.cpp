// Throughput of the alert router's decision engine (adapters/alerts): N rules
// across M tenants, a stream of candidates from 16 live games with realistic
// keys (game:team scores, per-game plays, team:player injuries, 2 tickers per
// game), 2% replayed events, cooldowns on, the default daily limit. Simulated
// time advances evenly over `hours`. Each candidate is built by the format
// builders, matched against the rules of its type, and decided for each rule
// that matched; the three steps are timed apart.
//
//   alert_policy_bench [rules=1000] [tenants=100] [candidates=100000]
//                      [hours=6] [max_seconds=30] [seed=2025]
//
// Stops after `candidates` or `max_seconds` of wall time, whichever is first.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "adapters/alerts/format.hpp"
#include "adapters/alerts/match.hpp"
#include "adapters/alerts/policy.hpp"
#include "adapters/sim/teams.hpp"

using namespace playclock;
using namespace playclock::alerts;
using steady = std::chrono::steady_clock;

namespace {

long arg(int argc, char** argv, int i, long fallback) {
  return argc > i ? std::strtol(argv[i], nullptr, 10) : fallback;
}

struct game {
  std::string id;
  std::string home;
  std::string away;
  std::array<std::string, 2> tickers;
};

template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>{0, v.size() - 1}(rng)];
}

alert_type weighted_type(std::mt19937_64& rng, const std::array<int, 7>& weights) {
  std::discrete_distribution<int> d{weights.begin(), weights.end()};
  return all_alert_types()[static_cast<std::size_t>(d(rng))];
}

double ms(steady::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

} // namespace

int main(int argc, char** argv) {
  const long n_rules = arg(argc, argv, 1, 1000);
  const long n_tenants = arg(argc, argv, 2, 100);
  const long n_candidates = arg(argc, argv, 3, 100'000);
  const long hours = arg(argc, argv, 4, 6);
  const long max_seconds = arg(argc, argv, 5, 30);
  const auto seed = static_cast<std::uint64_t>(arg(argc, argv, 6, 2025));
  if (n_rules < 1 || n_tenants < 1 || n_candidates < 1 || hours < 1 || max_seconds < 1) {
    std::fprintf(stderr, "all arguments must be positive\n");
    return 2;
  }
  std::mt19937_64 rng{seed};

  // 16 games: the 32 teams in pairs.
  std::vector<std::string> teams;
  for (const auto& t : sim::nfl_teams())
    teams.push_back(t.team.abbreviation);
  std::vector<game> games;
  for (std::size_t i = 0; i + 1 < teams.size(); i += 2) {
    game g;
    g.id = "4017720" + std::to_string(10 + i / 2);
    g.home = teams[i];
    g.away = teams[i + 1];
    for (int side = 0; side < 2; ++side)
      g.tickers[side] = "KXNFLGAME-25SEP07" + g.away + g.home + "-" + (side ? g.away : g.home);
    games.push_back(std::move(g));
  }

  // Rules: every type, most filtered to a team or two, some to a market or
  // a minimum impact; cooldowns 0, 60, 300 (most) or 900 s; 5% high priority.
  std::vector<rule> rules;
  std::array<std::vector<const rule*>, 7> by_type;
  const std::array<int, 7> rule_weights{25, 15, 15, 10, 15, 10, 10};
  const std::vector<int> cooldowns{0, 60, 300, 300, 300, 300, 900};
  rules.reserve(static_cast<std::size_t>(n_rules));
  for (long i = 0; i < n_rules; ++i) {
    rule r;
    r.id = i + 1;
    r.tenant = "tenant-" + std::to_string(i % n_tenants);
    r.type = weighted_type(rng, rule_weights);
    r.via = channel::telegram;
    r.target = "-100" + std::to_string(1000000 + i);
    r.cooldown_s = pick(rng, cooldowns);
    r.level = rng() % 20 == 0 ? priority::high : priority::normal;
    auto roll = rng() % 10;
    if (roll < 6) {
      r.only.teams.push_back(pick(rng, teams));
      if (roll < 2)
        r.only.teams.push_back(pick(rng, teams));
    } else if (roll == 6) {
      r.only.markets.push_back(pick(rng, games).tickers[rng() % 2]);
    }
    if ((r.type == alert_type::correlation || r.type == alert_type::price_spike ||
         r.type == alert_type::edge) &&
        rng() % 2 == 0)
      r.only.min_impact = impact::medium;
    rules.push_back(std::move(r));
  }
  for (const auto& r : rules)
    by_type[static_cast<std::size_t>(r.type)].push_back(&r);

  alert_policy policy;
  const auto start = alert_policy::time_point{std::chrono::seconds{1757203200 + 17 * 3600}};
  const double step_s = static_cast<double>(hours) * 3600 / static_cast<double>(n_candidates);
  const std::array<int, 7> candidate_weights{15, 10, 5, 5, 30, 20, 15};
  std::uniform_real_distribution<double> prob{0.05, 0.95};
  std::normal_distribution<double> move{0, 0.08};

  steady::duration build_time{};
  steady::duration match_time{};
  steady::duration decide_time{};
  long built = 0;
  long decisions = 0;
  long sends = 0;
  long duplicates = 0;
  long cooldowns_hit = 0;
  long daily_limits = 0;
  std::vector<const rule*> matched;
  const auto wall_start = steady::now();
  const std::clock_t cpu_start = std::clock();
  const auto wall_limit = wall_start + std::chrono::seconds{max_seconds};

  for (long i = 0; i < n_candidates; ++i) {
    if ((i & 255) == 0 && steady::now() > wall_limit)
      break;
    auto now = start + std::chrono::milliseconds{static_cast<long>(i * step_s * 1000)};
    // 2% replay an event from a little earlier.
    long event = rng() % 50 == 0 && i > 100 ? i - 1 - static_cast<long>(rng() % 100) : i;
    std::mt19937_64 event_rng{seed ^ static_cast<std::uint64_t>(event) * 0x9e3779b97f4a7c15ULL};
    auto t0 = steady::now();
    const auto& g = pick(event_rng, games);
    auto type = weighted_type(event_rng, candidate_weights);
    auto event_id = "ev-" + std::to_string(event);
    bool home_side = event_rng() % 2 == 0;
    const auto& team = home_side ? g.home : g.away;
    int period = 1 + static_cast<int>(event_rng() % 5);
    std::string clock =
        std::to_string(event_rng() % 15) + ":" + std::to_string(10 + event_rng() % 50);
    double before = prob(event_rng);
    double after = std::clamp(before + move(event_rng), 0.01, 0.99);
    candidate c;
    switch (type) {
    case alert_type::score:
      c = score_candidate({g.id, g.home, g.away, static_cast<int>(event_rng() % 35),
                           static_cast<int>(event_rng() % 35), team, event_rng() % 3 == 0 ? 3 : 7,
                           period, clock, event_id});
      break;
    case alert_type::big_play:
    case alert_type::turnover: {
      play_fact p{g.id,
                  g.home,
                  g.away,
                  14,
                  10,
                  team,
                  "J.Allen pass deep left to K.Coleman",
                  "Pass",
                  20 + static_cast<int>(event_rng() % 50),
                  period,
                  clock,
                  event_id,
                  {"big_play"}};
      c = type == alert_type::big_play ? big_play_candidate(p) : turnover_candidate(p);
      break;
    }
    case alert_type::injury:
      c = injury_candidate({team, std::to_string(event_rng() % 50), "A.Player", "WR", "Out",
                            "Questionable", "hamstring", g.id, event_id});
      break;
    case alert_type::price_spike:
      c = spike_candidate({g.tickers[home_side ? 0 : 1],
                           "Team wins",
                           g.id,
                           {g.home, g.away},
                           before,
                           after,
                           5,
                           event_id});
      break;
    case alert_type::correlation:
      c = correlation_candidate({g.id, g.home, g.away, team, "touchdown", "a play",
                                 g.tickers[home_side ? 0 : 1], before, after, std::nullopt,
                                 std::nullopt, event_id});
      break;
    case alert_type::edge:
      c = edge_candidate(
          {g.tickers[home_side ? 0 : 1], g.id, {g.home, g.away}, before, after, "wp-1", event_id});
      break;
    }
    auto t1 = steady::now();
    matched.clear();
    for (const auto* r : by_type[static_cast<std::size_t>(type)])
      if (matches(*r, c))
        matched.push_back(r);
    auto t2 = steady::now();
    for (const auto* r : matched) {
      auto d = policy.decide(*r, c, now);
      if (d.what == decision::kind::send)
        ++sends;
      else if (d.reason == "duplicate")
        ++duplicates;
      else if (d.reason == "cooldown")
        ++cooldowns_hit;
      else
        ++daily_limits;
    }
    auto t3 = steady::now();
    build_time += t1 - t0;
    match_time += t2 - t1;
    decide_time += t3 - t2;
    decisions += static_cast<long>(matched.size());
    ++built;
  }
  auto wall = steady::now() - wall_start;
  double cpu_s = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;

  auto pct = [&](long n) { return decisions ? 100.0 * n / decisions : 0.0; };
  std::printf("rules %ld, tenants %ld, candidates %ld of %ld over %ld simulated hours\n", n_rules,
              n_tenants, built, n_candidates, hours);
  std::printf("decisions          %ld (%.1f per candidate)\n", decisions,
              built ? static_cast<double>(decisions) / built : 0.0);
  std::printf("decide             %.1f ms, %.0f decisions/s (%.0f ns each)\n", ms(decide_time),
              decisions / std::chrono::duration<double>(decide_time).count(),
              decisions ? 1e6 * ms(decide_time) / decisions : 0.0);
  std::printf("match              %.1f ms, %.0f rule checks/s\n", ms(match_time),
              static_cast<double>(built) * static_cast<double>(rules.size()) / 7 /
                  std::chrono::duration<double>(match_time).count());
  std::printf("build candidates   %.1f ms, %.0f candidates/s\n", ms(build_time),
              built / std::chrono::duration<double>(build_time).count());
  std::printf("end to end         %.1f ms, %.0f decisions/s\n", ms(wall),
              decisions / std::chrono::duration<double>(wall).count());
  std::printf("process CPU time   %.1f ms (%.0f decisions per CPU second, end to end; the\n"
              "                   timings above are wall time, slower on a busy machine)\n",
              cpu_s * 1000, cpu_s > 0 ? decisions / cpu_s : 0.0);
  std::printf("send               %ld (%.1f%%)\n", sends, pct(sends));
  std::printf("suppress duplicate %ld (%.1f%%)\n", duplicates, pct(duplicates));
  std::printf("suppress cooldown  %ld (%.1f%%)\n", cooldowns_hit, pct(cooldowns_hit));
  std::printf("suppress daily     %ld (%.1f%%)\n", daily_limits, pct(daily_limits));
  std::printf("state: %zu cooldown entries, %zu seen ids, %zu tenant counters\n",
              policy.cooldown_entries(), policy.seen_entries(), policy.tenant_counters());
  return 0;
}
