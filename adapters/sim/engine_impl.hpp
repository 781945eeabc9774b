#pragma once
// Internal state of the game engine, shared by its source files
// (engine.cpp: steps and clock events; engine_snap.cpp: plays from
// scrimmage and fouls; engine_kicks.cpp: kicks and scores; engine_book.cpp:
// drives, possessions, overtime, the scoreboard). Not a public header.

#include <array>

#include "adapters/sim/clock.hpp"
#include "adapters/sim/engine.hpp"
#include "adapters/sim/kicking.hpp"
#include "adapters/sim/narration.hpp"
#include "adapters/sim/play_calling.hpp"
#include "adapters/sim/play_outcome.hpp"
#include "adapters/sim/rng.hpp"
#include "adapters/sim/roster.hpp"

namespace playclock::sim {

struct game_engine::impl {
  explicit impl(game_options o);

  // -- steps and clock events (engine.cpp)
  const sports::play& step();
  void start_game();
  void start_next_period();
  const sports::play& pre_snap();
  const sports::play& timeout(int side);
  const sports::play& two_minute_warning();
  const sports::play& end_period();
  const sports::play& end_game();

  // -- snaps (engine_snap.cpp)
  const sports::play& snap(const play_call& call);
  const sports::play& scrimmage(const play_call& call);
  const sports::play& pre_snap_foul(sports::play p, const foul& f);
  const sports::play& live_foul(sports::play p, const scrimmage_outcome& o, const foul& f,
                                int yards, const player* who);
  void apply(sports::play& p, const scrimmage_outcome& o);
  void advance(int yards);
  void enforce(const foul& f, int yards);

  // -- kicks and scores (engine_kicks.cpp)
  const sports::play& kickoff();
  const sports::play& punt_play();
  const sports::play& field_goal();
  void touchdown(sports::play& p, int scorer, const char* drive_result);
  void safety(sports::play& p);

  // -- bookkeeping (engine_book.cpp)
  sports::play begin_play(const char* type, bool with_situation) const;
  const sports::play& emit(sports::play p);
  void open_drive(int team, int start_yards_to_endzone);
  void close_drive(const char* result, int end_yards_to_endzone);
  void change_possession(int team, int yards_to_endzone, const char* result);
  void after_score(int kicking_team, int kick_from_line);
  void ot_possession_ended(int team);
  void ot_after_score(int scorer, bool touchdown);
  bool ot_decided_before_try(int scorer) const;
  decision_context context() const;
  snap_view view() const;
  void tick(int seconds);
  void refresh(const std::string& p_id);
  double edge(int offense_side) const;

  game_options opts;
  rng r;
  kickoff_rules kicks;
  std::array<roster, 2> rosters; // 0 home, 1 away
  std::array<std::string, 2> abbr;
  sports::game g;
  std::vector<sports::drive> drives;
  std::vector<std::string> scoring_ids;
  sports::play last;
  double wall = 0;
  std::int64_t seq = 0;

  enum class next_event { kickoff, scrimmage, game_end };
  next_event next = next_event::kickoff;
  bool between_periods = false; // a period ended; the next step starts the next
  int off = 0;                  // team with the ball (the kicking team before a kickoff)
  int down = 0;
  int distance = 0;
  int ytg = 65;
  int period = 0;
  int clock = quarter_seconds;
  bool running = false;       // the clock runs between plays
  bool restarted = false;     // ... after waiting for the ball to be spotted
  bool ran_into_snap = false; // the clock was running when the ball was snapped
  bool warned = false;        // two-minute warning given this period
  bool untimed_down = false;
  tempo pace = tempo::normal;
  std::array<int, 2> score{};
  std::array<int, 2> timeouts{3, 3};
  int kick_from = 35;
  int opening_receiver = 0;
  int elapsed = 0; // game seconds played

  bool drive_open = false;
  int drive_team = 0;
  int drive_start_ytg = 0;
  int drive_start_elapsed = 0;
  int drive_plays = 0;

  int ot_receiver = -1;
  bool ot_second_started = false; // the team that kicked off in overtime has had the ball
  bool ot_second_done = false;    // ... and its possession ended
};

} // namespace playclock::sim
