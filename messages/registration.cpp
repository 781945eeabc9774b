#include "messages/registration.hpp"

#include <vector>

#include <caf/actor_system_config.hpp>

#include "messages/errors.hpp"
#include "messages/games_query.hpp"
#include "messages/games_registration.hpp"
#include "messages/jobs.hpp"
#include "messages/markets_registration.hpp"
#include "messages/system.hpp"

namespace playclock {

void add_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<db_status>("playclock::db_status");
  cfg.add_message_type<component_status>("playclock::component_status");
  cfg.add_message_type<std::vector<component_status>>("std::vector<playclock::component_status>");
  cfg.add_message_type<supervision_report>("playclock::supervision_report");
  cfg.add_message_type<health_report>("playclock::health_report");
  cfg.add_message_type<games_query>("playclock::games_query");
  cfg.add_message_type<plays_query>("playclock::plays_query");
  cfg.add_message_type<injuries_query>("playclock::injuries_query");
  cfg.add_message_type<json_page>("playclock::json_page");
  cfg.add_message_type<job_submission>("playclock::job_submission");
  cfg.add_message_type<jobs_query>("playclock::jobs_query");
  add_games_message_types(cfg);
  add_markets_message_types(cfg);
  add_alerts_message_types(cfg);
  cfg.add_error_category(
      caf::atom("supervisor"), [](std::uint8_t code, caf::atom_value, const caf::message&) {
        return "supervisor_error(" + to_string(static_cast<sup_errc>(code)) + ")";
      });
  // The context is a short, client-safe description (see make_error(query_errc, ...)).
  cfg.add_error_category(query_error_category,
                         [](std::uint8_t code, caf::atom_value, const caf::message& context) {
                           auto out = "query_error(" + to_string(static_cast<query_errc>(code));
                           if (context.match_elements<std::string>())
                             out += ": " + context.get_as<std::string>(0);
                           return out + ")";
                         });
}

} // namespace playclock
