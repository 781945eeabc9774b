#pragma once
// Shared by the game actor tests (tests/actors/game_actor*.cpp): the live-games
// subtree (storage, events, fetchers, games supervisor, scoreboard poller) on a
// real actor system and a fresh PostgreSQL database, fed by the simulated
// league on a clock that moves only when the test advances it. Every event of
// topic "games" is collected for the checks.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/game_actor.hpp"
#include "adapters/league/simulated_league.hpp"
#include "adapters/league/simulated_source.hpp"
#include "messages/actors.hpp"
#include "supervisors/registry.hpp"

namespace playclock::test {

using std::chrono::milliseconds;

/// The league's clock: time passes only in advance().
class manual_clock {
 public:
  std::chrono::steady_clock::time_point now() const {
    return base_ + std::chrono::nanoseconds{offset_.load()};
  }
  void advance(milliseconds d) { offset_ += std::chrono::nanoseconds{d}.count(); }

 private:
  std::chrono::steady_clock::time_point base_ = std::chrono::steady_clock::now();
  std::atomic<std::int64_t> offset_{0};
};

/// The simulated league's source with an outage switch: the next N summary
/// fetches fail as a network error would. A real games_source, no mock.
class flaky_source : public sources::games_source {
 public:
  explicit flaky_source(std::shared_ptr<league::simulated_league> league) : inner_(league) {}
  const std::string& name() const override { return inner_.name(); }
  sources::result<sources::scoreboard_data> scoreboard(const std::string& dates = {}) override {
    return inner_.scoreboard(dates);
  }
  sources::result<sources::summary_data> summary(const std::string& game_id) override;

  void fail_summaries(int n);
  /// The next `n` summary fetches throw (as a bug would): the fetcher dies.
  void throw_summaries(int n);
  /// Summary fetches failed on purpose so far.
  int failures() const;

 private:
  league::simulated_games_source inner_;
  mutable std::mutex mtx_;
  int fail_left_ = 0;
  int throw_left_ = 0;
  int failures_ = 0;
};

/// Every event published on "games", in arrival order.
class event_log {
 public:
  template <class T>
  void add(T x) {
    std::lock_guard<std::mutex> guard{mtx_};
    std::get<std::vector<T>>(all_).push_back(std::move(x));
  }
  void add_marker() { ++markers_; }

  /// Events of type T for one game.
  template <class T>
  std::vector<T> of(const std::string& game_id) const {
    std::lock_guard<std::mutex> guard{mtx_};
    std::vector<T> out;
    for (const auto& x : std::get<std::vector<T>>(all_))
      if (x.game_id == game_id)
        out.push_back(x);
    return out;
  }
  /// How often each play id was announced by play_added.
  std::map<std::string, int> play_counts(const std::string& game_id) const;
  int markers() const { return markers_.load(); }

 private:
  mutable std::mutex mtx_;
  std::tuple<std::vector<play_added>, std::vector<score_changed>, std::vector<game_final>,
             std::vector<injury_reported>, std::vector<game_state_changed>>
      all_;
  std::atomic<int> markers_{0};
};

struct tree_options {
  int games = 1;
  std::uint64_t seed = 1;
  /// Run the scoreboard poller (off: the test starts and feeds game actors).
  bool poll = true;
  int rolling_window = 10;
  int big_play_yards = 20;
};

/// How long a test waits for anything the tree does (generous: a loaded
/// machine or PostgreSQL server slows it down, a broken actor never gets
/// there).
inline constexpr milliseconds patience{std::chrono::seconds{20}};

/// League time from its creation to kick-off.
inline constexpr milliseconds pregame{std::chrono::seconds{60}};

/// One game as the league shows it at one step of a test.
struct step_view {
  sports::game board;
  std::set<std::string> play_ids;
};

/// The live-games subtree on a fresh database; shut down in the destructor.
class live_tree {
 public:
  live_tree(const std::string& db_url, tree_options opts = {});
  ~live_tree();
  live_tree(const live_tree&) = delete;
  live_tree& operator=(const live_tree&) = delete;

  caf::actor_system& sys() { return *sys_; }
  league::simulated_league& league() { return *league_; }
  const league::league_options& league_options() const { return league_opts_; }
  flaky_source& source() { return *source_; }
  event_log& events() { return *events_; }

  /// Moves the league's clock forward.
  void advance(milliseconds d) { clock_->advance(d); }
  /// The league's game ids (this round).
  std::vector<std::string> game_ids();
  /// Ids of the plays the league has published for a game so far.
  std::set<std::string> league_play_ids(const std::string& game_id);

  /// The current game actor of a game (invalid while it restarts or after
  /// it retired).
  caf::actor game_actor(const std::string& game_id);
  /// Kills the game actor with exit_reason::kill and waits until the
  /// supervisor runs a new one; returns the new one.
  caf::actor kill_game_actor(const std::string& game_id);
  /// Starts a game actor under the games supervisor as the poller does.
  caf::actor start_game_actor(const std::string& game_id);

  /// Publishes a marker on "games" and waits for it: every event published
  /// to the hub before is delivered by then.
  void sync_events();

  long count(const std::string& sql);
  std::vector<std::string> strings(const std::string& sql);
  /// Rows of text (NULL as "").
  std::vector<std::vector<std::string>> rows(const std::string& sql);

 private:
  void stop();

  std::string url_;
  caf::actor_system_config cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  std::shared_ptr<sup::registry> names_ = std::make_shared<sup::registry>();
  std::shared_ptr<manual_clock> clock_ = std::make_shared<manual_clock>();
  league::league_options league_opts_;
  std::shared_ptr<league::simulated_league> league_;
  std::shared_ptr<flaky_source> source_;
  std::shared_ptr<event_log> events_ = std::make_shared<event_log>();
  game_actor_config game_cfg_;
  supervisor_actor root_;
  caf::actor collector_;
};

/// What the league shows of one game after each step of `every` from
/// kick-off until it is final, computed on a second league with the same
/// options (the simulation is deterministic), so a test can act before a
/// step happens.
std::vector<step_view> preview(const league::league_options& opts, const std::string& game_id,
                               milliseconds every);

/// Whether a game actor must fetch the play-by-play between two boards (a
/// subset of the changes it reacts to: state, score, period, clock).
bool board_moved(const sports::game& before, const sports::game& after);

/// Whether every id of `want` was announced by play_added.
bool announced(const std::map<std::string, int>& counts, const std::set<std::string>& want);

/// Steps the league through one game's preview (kick-off first, then one
/// step of `every` each) and knows which plays the game actor must have
/// announced by then: all of the last step at which the scoreboard moved.
class game_run {
 public:
  game_run(live_tree& t, std::string game_id, milliseconds every);

  const std::vector<step_view>& plan() const { return plan_; }
  /// Index of the next step.
  std::size_t next() const { return next_; }
  /// Whether the next step moves the scoreboard (and so makes a fetch).
  bool moves_next() const;
  /// Takes the next step; waits until the actor caught up unless `wait` is false.
  void step(bool wait = true);
  /// Waits until every play due was announced.
  void wait_caught_up();
  /// Takes the remaining steps, then waits until the actor retired and its
  /// events were delivered.
  void finish();

 private:
  live_tree& t_;
  std::string id_;
  milliseconds every_;
  std::vector<step_view> plan_;
  std::size_t next_ = 0;
  std::set<std::string> due_;
};

/// Checks (Catch2) a game the tree followed to its end: the stored plays are
/// exactly the league's, each announced once by play_added, the score events
/// chain from 0-0 to the final score, one game_final, the actor retired.
void check_finished_game(live_tree& t, const std::string& game_id, const step_view& final_view);

/// Checks that each play_added of a finished game carries its team's numbers
/// over the last `window` snaps, as a rolling window fed the league's plays in
/// order computes them.
void check_rolling_stats(live_tree& t, const std::string& game_id, int window);

} // namespace playclock::test
