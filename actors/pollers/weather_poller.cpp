// weather_poller: every half hour, the forecast at kick-off time for each
// game not yet final at an outdoor venue, stored per game. Domes and
// retractable roofs are skipped (their weather does not matter).
#include <ctime>

#include "actors/pollers/periodic_loop.hpp"
#include "actors/timed_request.hpp"
#include "adapters/weather/forecast.hpp"
#include "adapters/weather/stadiums.hpp"

namespace playclock {

namespace {

using namespace pollers;

// "2025-09-07T17:00Z" (ESPN) or with seconds; 0 when unreadable.
std::int64_t parse_iso_minutes(const std::string& iso) {
  std::tm tm{};
  if (iso.size() < 16 || strptime(iso.c_str(), "%Y-%m-%dT%H:%M", &tm) == nullptr)
    return 0;
  return static_cast<std::int64_t>(timegm(&tm));
}

bool outdoor(const sports::game& g, const weather::stadium* st) {
  if (st == nullptr)
    return false;
  // The feed's own venue flag wins (neutral sites, roofs that changed).
  return g.where.name.empty() ? st->outdoor : !g.where.indoor;
}

void weather_round(periodic_ptr self, const round_done& done, const round_later& later) {
  with_open_games(self, later, [self, done](std::vector<sports::game> games) {
    auto started = unix_ms();
    std::vector<sports::game> open_air;
    for (auto& g : games)
      if (outdoor(g, weather::stadium_for(g.home.abbreviation)))
        open_air.push_back(std::move(g));
    if (open_air.empty()) {
      done(sync_row(self->state.cfg.source, started, 0, true, 0, ""));
      return;
    }
    auto tally = std::make_shared<fan_in>(fan_in{open_air.size()});
    auto finish = [self, done, started, tally] {
      if (--tally->left > 0)
        return;
      auto ok = tally->failures == 0;
      done(sync_row(self->state.cfg.source, started, seconds_since(started), ok, tally->items,
                    ok ? "" : std::to_string(tally->failures) + " forecasts failed"));
    };
    for (const auto& g : open_air) {
      const auto* st = weather::stadium_for(g.home.abbreviation);
      auto kickoff = parse_iso_minutes(g.start_time);
      timed_request(self, fetchers_of(self), self->state.cfg.timeout, get_atom::value, st->latitude,
                    st->longitude)
          .then(
              [self, tally, finish, kickoff, id = g.id](forecast_result& r) {
                if (!r.ok) {
                  ++tally->failures;
                } else if (auto slot = weather::forecast_at(r.slots, kickoff)) {
                  store_batch b;
                  b.weather.push_back(weather_entry{id, *slot});
                  store(self, std::move(b));
                  ++tally->items;
                }
                finish();
              },
              [tally, finish](caf::error&) {
                ++tally->failures;
                finish();
              });
    }
  });
}

} // namespace

poller_actor spawn_weather_poller(caf::actor_system& sys, periodic_poller_config cfg) {
  return sys.spawn(
      [](periodic_ptr self, periodic_poller_config c) {
        return periodic(self, std::move(c), "weather_poller", "weather",
                        [self](const round_done& done, const round_later& later) {
                          weather_round(self, done, later);
                        });
      },
      std::move(cfg));
}

} // namespace playclock
