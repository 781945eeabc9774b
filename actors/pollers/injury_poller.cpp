// injury_poller: every few minutes, the summary of each game not yet final;
// its injury list goes to the game's actor, which stores and reports what is
// new. Summaries the play-by-play fetch got moments ago come from the
// source's cache, so games in progress cost no extra request.
#include "actors/pollers/periodic_loop.hpp"
#include "actors/timed_request.hpp"

namespace playclock {

namespace {

using namespace pollers;

void injury_round(periodic_ptr self, const round_done& done, const round_later& later) {
  with_open_games(self, later, [self, done](std::vector<sports::game> games) {
    auto started = unix_ms();
    auto source = self->state.cfg.source + ".injuries";
    if (games.empty()) {
      done(sync_row(source, started, 0, true, 0, ""));
      return;
    }
    auto tally = std::make_shared<fan_in>(fan_in{games.size()});
    auto finish = [self, done, started, source, tally] {
      if (--tally->left > 0)
        return;
      auto ok = tally->failures == 0;
      done(sync_row(source, started, seconds_since(started), ok, tally->items,
                    ok ? "" : std::to_string(tally->failures) + " summaries failed"));
    };
    for (const auto& g : games) {
      timed_request(self, fetchers_of(self), self->state.cfg.timeout, summary_atom::value, g.id)
          .then(
              [self, tally, finish](summary_result& r) {
                if (r.ok) {
                  tally->items += static_cast<int>(r.injuries.size());
                  if (auto h = self->state.cfg.names->get_as<game_actor>("node/games/" + r.game_id))
                    self->send(h, summary_atom::value, std::move(r));
                } else {
                  ++tally->failures;
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

poller_actor spawn_injury_poller(caf::actor_system& sys, periodic_poller_config cfg) {
  return sys.spawn(
      [](periodic_ptr self, periodic_poller_config c) {
        return periodic(self, std::move(c), "injury_poller", "injuries",
                        [self](const round_done& done, const round_later& later) {
                          injury_round(self, done, later);
                        });
      },
      std::move(cfg));
}

} // namespace playclock
