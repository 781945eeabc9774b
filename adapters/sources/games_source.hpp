#pragma once
// The live-games source interface: pollers know feeds only through it, so the
// built-in simulated league and an ESPN-format HTTP feed are interchangeable.
// Implementations block (HTTP); call them from detached actors only.

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "adapters/sources/fetch_error.hpp"
#include "adapters/sports/types.hpp"

namespace playclock::sources {

/// A game the source sent but that could not be read (never half a game).
struct rejected_game {
  std::string game_id;
  std::string path;
  std::string message;
};

struct scoreboard_data {
  std::vector<sports::game> games;
  std::vector<rejected_game> rejected;
};

struct summary_data {
  sports::game_summary summary;
  /// Plays or entries that could not be read (skipped, counted).
  std::vector<rejected_game> rejected;
};

template <class T>
using result = std::variant<T, fetch_error>;

class games_source {
public:
  virtual ~games_source() = default;

  /// Label for logs, metrics and the sync log ("espn").
  virtual const std::string& name() const = 0;

  /// Games of the current scoreboard; `dates` ("20251207" or
  /// "20251207-20251214") asks for a date range (the schedule).
  virtual result<scoreboard_data> scoreboard(const std::string& dates = {}) = 0;

  /// Play-by-play, injuries and header of one game.
  virtual result<summary_data> summary(const std::string& game_id) = 0;
};

/// Forecasts for outdoor venues.
class weather_source {
public:
  virtual ~weather_source() = default;
  virtual const std::string& name() const = 0;
  /// The 5-day / 3-hour forecast at a place.
  virtual result<std::vector<sports::forecast>> forecast(double lat, double lon) = 0;
};

} // namespace playclock::sources
