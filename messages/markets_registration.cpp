#include "messages/markets_registration.hpp"

#include <caf/actor_system_config.hpp>

#include "messages/alerts.hpp"
#include "messages/markets.hpp"
#include "messages/markets_query.hpp"

namespace playclock {

void add_markets_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<markets::market>("playclock::markets::market");
  cfg.add_message_type<std::vector<markets::market>>("std::vector<playclock::markets::market>");
  cfg.add_message_type<market_link>("playclock::market_link");
  cfg.add_message_type<market_update>("playclock::market_update");
  cfg.add_message_type<market_price>("playclock::market_price");
  cfg.add_message_type<markets_result>("playclock::markets_result");
  cfg.add_message_type<price_moved>("playclock::price_moved");
  cfg.add_message_type<market_closed>("playclock::market_closed");
  cfg.add_message_type<market_listed>("playclock::market_listed");
  cfg.add_message_type<correlation_measured>("playclock::correlation_measured");
  cfg.add_message_type<std::vector<correlation_measured>>(
      "std::vector<playclock::correlation_measured>");
  cfg.add_message_type<edge_detected>("playclock::edge_detected");
  cfg.add_message_type<market_snapshot>("playclock::market_snapshot");
  cfg.add_message_type<std::vector<market_snapshot>>("std::vector<playclock::market_snapshot>");
  cfg.add_message_type<market_batch>("playclock::market_batch");
  cfg.add_message_type<game_updated>("playclock::game_updated");
  cfg.add_message_type<market_list_query>("playclock::market_list_query");
  cfg.add_message_type<market_detail_query>("playclock::market_detail_query");
  cfg.add_message_type<correlations_query>("playclock::correlations_query");
}

void add_alerts_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<alerts::filters>("playclock::alerts::filters");
  cfg.add_message_type<alerts::rule>("playclock::alerts::rule");
  cfg.add_message_type<std::vector<alerts::rule>>("std::vector<playclock::alerts::rule>");
  cfg.add_message_type<alerts::alert>("playclock::alerts::alert");
  cfg.add_message_type<alert_decision>("playclock::alert_decision");
  cfg.add_message_type<std::vector<alert_decision>>("std::vector<playclock::alert_decision>");
  cfg.add_message_type<alert_delivery>("playclock::alert_delivery");
  cfg.add_message_type<std::vector<alert_delivery>>("std::vector<playclock::alert_delivery>");
  cfg.add_message_type<delivery_record>("playclock::delivery_record");
  cfg.add_message_type<std::vector<delivery_record>>("std::vector<playclock::delivery_record>");
  cfg.add_message_type<sent_alert>("playclock::sent_alert");
  cfg.add_message_type<std::vector<sent_alert>>("std::vector<playclock::sent_alert>");
  cfg.add_message_type<alert_bootstrap>("playclock::alert_bootstrap");
  cfg.add_message_type<alerts_query>("playclock::alerts_query");
}

} // namespace playclock
