// schedule_poller: every hour, the games of the coming days (a date-range
// scoreboard), stored as scheduled games.
#include <ctime>

#include "actors/pollers/periodic_loop.hpp"
#include "actors/timed_request.hpp"

namespace playclock {

namespace {

using namespace pollers;

std::string yyyymmdd(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof(buf), "%Y%m%d", &tm);
  return buf;
}

void schedule_round(periodic_ptr self, const round_done& done) {
  auto& st = self->state;
  auto now = std::time(nullptr);
  auto dates = yyyymmdd(now) + "-" + yyyymmdd(now + static_cast<std::time_t>(st.cfg.days) * 86400);
  auto started = unix_ms();
  auto source = st.cfg.source + ".schedule";
  timed_request(self, fetchers_of(self), st.cfg.timeout, scoreboard_atom::value, dates)
      .then(
          [self, done, started, source](scoreboard_result& r) {
            auto items = static_cast<std::int32_t>(r.games.size());
            if (r.ok) {
              store_batch b;
              b.games = std::move(r.games);
              store(self, std::move(b));
            } else {
              self->state.log->warn("schedule poll failed ({}): {}", r.error_kind, r.error);
            }
            done(sync_row(source, started, r.seconds, r.ok, items, r.error));
          },
          [self, done, started, source](caf::error& e) {
            auto text = self->system().render(e);
            self->state.log->warn("schedule poll failed: {}", text);
            done(sync_row(source, started, seconds_since(started), false, 0, text));
          });
}

} // namespace

poller_actor spawn_schedule_poller(caf::actor_system& sys, periodic_poller_config cfg) {
  return sys.spawn(
      [](periodic_ptr self, periodic_poller_config c) {
        return periodic(
            self, std::move(c), "schedule_poller", "schedule",
            [self](const round_done& done, const round_later&) { schedule_round(self, done); });
      },
      std::move(cfg));
}

} // namespace playclock
