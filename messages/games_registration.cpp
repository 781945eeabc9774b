#include "messages/games_registration.hpp"

#include <caf/actor_system_config.hpp>

#include "messages/games.hpp"

namespace playclock {

void add_games_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<sports::team>("playclock::sports::team");
  cfg.add_message_type<sports::venue>("playclock::sports::venue");
  cfg.add_message_type<sports::situation>("playclock::sports::situation");
  cfg.add_message_type<sports::game>("playclock::sports::game");
  cfg.add_message_type<std::vector<sports::game>>("std::vector<playclock::sports::game>");
  cfg.add_message_type<sports::participant>("playclock::sports::participant");
  cfg.add_message_type<std::vector<sports::participant>>(
    "std::vector<playclock::sports::participant>");
  cfg.add_message_type<sports::play>("playclock::sports::play");
  cfg.add_message_type<std::vector<sports::play>>("std::vector<playclock::sports::play>");
  cfg.add_message_type<sports::injury>("playclock::sports::injury");
  cfg.add_message_type<std::vector<sports::injury>>("std::vector<playclock::sports::injury>");
  cfg.add_message_type<sports::forecast>("playclock::sports::forecast");
  cfg.add_message_type<std::vector<sports::forecast>>("std::vector<playclock::sports::forecast>");
  cfg.add_message_type<score_changed>("playclock::score_changed");
  cfg.add_message_type<game_state_changed>("playclock::game_state_changed");
  cfg.add_message_type<possession_changed>("playclock::possession_changed");
  cfg.add_message_type<rolling_stats>("playclock::rolling_stats");
  cfg.add_message_type<play_added>("playclock::play_added");
  cfg.add_message_type<game_final>("playclock::game_final");
  cfg.add_message_type<injury_reported>("playclock::injury_reported");
  cfg.add_message_type<scoreboard_result>("playclock::scoreboard_result");
  cfg.add_message_type<summary_result>("playclock::summary_result");
  cfg.add_message_type<forecast_result>("playclock::forecast_result");
  cfg.add_message_type<stored_play>("playclock::stored_play");
  cfg.add_message_type<std::vector<stored_play>>("std::vector<playclock::stored_play>");
  cfg.add_message_type<sync_entry>("playclock::sync_entry");
  cfg.add_message_type<std::vector<sync_entry>>("std::vector<playclock::sync_entry>");
  cfg.add_message_type<weather_entry>("playclock::weather_entry");
  cfg.add_message_type<std::vector<weather_entry>>("std::vector<playclock::weather_entry>");
  cfg.add_message_type<store_batch>("playclock::store_batch");
  cfg.add_message_type<game_record>("playclock::game_record");
}

} // namespace playclock
