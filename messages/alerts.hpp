#pragma once
// The alerts domain: inspect() for rules and alerts, what the router hands
// to the alert store and the notifiers, and their interfaces.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/none.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "adapters/alerts/types.hpp"
#include "messages/atoms.hpp"
#include "messages/games.hpp"
#include "messages/games_query.hpp"
#include "messages/markets.hpp"

namespace playclock::alerts {

// alert_type, channel, priority and impact are enums: CAF 0.17 serializes
// them itself. std::optional is not serializable: min_impact travels as a flag.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, filters& x) {
  bool has_min = x.min_impact.has_value();
  impact min = x.min_impact.value_or(impact::low);
  auto load = caf::meta::load_callback([&]() -> caf::error {
    if (has_min)
      x.min_impact = min;
    else
      x.min_impact.reset();
    return caf::none;
  });
  return f(caf::meta::type_name("playclock::alerts::filters"), x.teams, x.games, x.markets, has_min,
           min, load);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, rule& x) {
  return f(caf::meta::type_name("playclock::alerts::rule"), x.id, x.tenant, x.type, x.via, x.target,
           x.only, x.cooldown_s, x.level);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, alert& x) {
  return f(caf::meta::type_name("playclock::alerts::alert"), x.id, x.tenant, x.rule_id, x.type,
           x.key, x.level, x.via, x.target, x.message, x.payload_json, x.detected_at_ms);
}

} // namespace playclock::alerts

namespace playclock {

// -- atoms of the alerts domain ---------------------------------------------------

/// Alert rules: add, remove, list.
using rules_atom = caf::atom_constant<caf::atom("pc_rules")>;
/// Delivery outcomes to record.
using delivered_atom = caf::atom_constant<caf::atom("pc_dlvd")>;
/// Hand an alert to a notifier; internal: a notifier's retry or pacing is due.
using send_atom = caf::atom_constant<caf::atom("pc_send")>;
/// Remove something (a rule).
using delete_atom = caf::atom_constant<caf::atom("pc_delete")>;

// -- what the router records ---------------------------------------------------

/// One routing decision: the alert and whether it goes out.
struct alert_decision {
  alerts::alert alert;
  /// "pending" (to send) or "suppressed".
  std::string status;
  /// Why it was suppressed: cooldown, daily_limit, duplicate.
  std::string reason;
  /// When the event that caused it was detected, unix milliseconds.
  std::int64_t detected_at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, alert_decision& x) {
  return f(caf::meta::type_name("playclock::alert_decision"), x.alert, x.status, x.reason,
           x.detected_at_ms);
}

/// Decisions to record, shared rather than copied: the router keeps the batch
/// to hand its alerts on (or to retry it) while a store worker writes it.
/// Node-local (the alert store is a node's own), so never serialized.
struct decision_batch {
  std::shared_ptr<const std::vector<alert_decision>> rows;
};

/// A batch of `ds`, for callers that do not keep it.
inline decision_batch make_decision_batch(std::vector<alert_decision> ds) {
  return {std::make_shared<const std::vector<alert_decision>>(std::move(ds))};
}

/// An alert handed to a notifier (pending in the database already).
struct alert_delivery {
  alerts::alert alert;
  std::int64_t detected_at_ms = 0;
  /// Delivery attempts already made (before a restart).
  std::int32_t attempts = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, alert_delivery& x) {
  return f(caf::meta::type_name("playclock::alert_delivery"), x.alert, x.detected_at_ms,
           x.attempts);
}

/// One delivery attempt's outcome, for the alerts table and its history.
struct delivery_record {
  std::string alert_id;
  std::string tenant;
  /// "sent", "failed" (given up: dead letter or rejected) or "retry" (the
  /// alert stays pending; the attempt is recorded in the history).
  std::string status;
  std::string detail;
  std::int32_t attempts = 0;
  std::int64_t at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, delivery_record& x) {
  return f(caf::meta::type_name("playclock::delivery_record"), x.alert_id, x.tenant, x.status,
           x.detail, x.attempts, x.at_ms);
}

/// An alert sent before a restart: re-arms cooldowns and daily counts.
struct sent_alert {
  alerts::alert alert;
  std::int64_t sent_at_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sent_alert& x) {
  return f(caf::meta::type_name("playclock::sent_alert"), x.alert, x.sent_at_ms);
}

/// What the router loads at start.
struct alert_bootstrap {
  std::vector<alerts::rule> rules;
  /// Alerts of the last day that were sent or are pending (pending count
  /// toward limits: they will go out).
  std::vector<sent_alert> recent;
  /// Daily limits of the tenants (parallel vectors).
  std::vector<std::string> tenants;
  std::vector<std::int32_t> daily_limits;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, alert_bootstrap& x) {
  return f(caf::meta::type_name("playclock::alert_bootstrap"), x.rules, x.recent, x.tenants,
           x.daily_limits);
}

/// A page of a tenant's alerts, newest first.
struct alerts_query {
  std::string tenant;
  /// "" (any), "pending", "sent", "suppressed" or "failed".
  std::string status;
  std::int32_t limit = 50;
  /// The `next_cursor` of the previous page; "" for the first page.
  std::string cursor;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, alerts_query& x) {
  return f(caf::meta::type_name("playclock::alerts_query"), x.tenant, x.status, x.limit, x.cursor);
}

// -- interfaces ---------------------------------------------------------------

/// PostgreSQL access of the alerts domain (detached).
using alert_store_actor = caf::typed_actor<
    /// Everything the router needs at start.
    caf::replies_to<load_atom>::with<alert_bootstrap>,
    /// Alerts of one channel ("webhook") still pending (to resume after a
    /// restart), oldest first, at most 10,000 (the notifier's sweep gets the rest).
    caf::replies_to<load_atom, std::string>::with<std::vector<alert_delivery>>,
    /// Records decisions; replies with the ids of the alerts that were new
    /// (an id that existed already is a duplicate and is left as it was).
    caf::replies_to<store_atom, decision_batch>::with<std::vector<std::string>>,
    /// Records delivery outcomes; replies with how many were recorded.
    caf::replies_to<delivered_atom, std::vector<delivery_record>>::with<std::int32_t>,
    /// Inserts a rule (id assigned) and replies with it; an unknown tenant is
    /// a query_errc::not_found error.
    caf::replies_to<rules_atom, alerts::rule>::with<alerts::rule>,
    /// Deletes rule `id` of tenant; replies whether it existed.
    caf::replies_to<delete_atom, std::string, std::int64_t>::with<bool>,
    /// A tenant's rules as JSON {"rules":[...]}; found = false for an unknown tenant.
    caf::replies_to<rules_atom, std::string>::with<json_page>,
    /// A page of a tenant's alerts as JSON {"alerts":[...],"next_cursor":...}.
    caf::replies_to<alerts_query>::with<json_page>>;

/// Delivers alerts on one channel (telegram, webhook, log).
using notifier_actor = caf::typed_actor<
    /// Queue an alert for delivery (an id already queued, in flight or just
    /// delivered is ignored).
    caf::reacts_to<send_atom, alert_delivery>,
    /// Internal: the queue may move (a pause or retry delay is over).
    caf::reacts_to<send_atom>,
    /// Internal: (re)load the channel's pending alerts from the store (at
    /// start, then periodically: picks up what a restart or a full queue left).
    caf::reacts_to<load_atom>,
    /// Internal: write the buffered delivery outcomes to the store.
    caf::reacts_to<flush_atom>,
    /// Queue depth (waiting + in flight).
    caf::replies_to<get_atom>::with<std::int32_t>>;

/// Turns events into alerts for the tenants' rules.
using alert_router_actor = caf::typed_actor<
    /// Events from the hub (topics "games" and "markets"); others are dropped.
    caf::reacts_to<score_changed>, caf::reacts_to<play_added>, caf::reacts_to<injury_reported>,
    caf::reacts_to<price_moved>, caf::reacts_to<correlation_measured>,
    caf::reacts_to<edge_detected>,
    /// Adds a validated rule (stored first); replies with it, id set.
    caf::replies_to<rules_atom, alerts::rule>::with<alerts::rule>,
    /// Deletes a rule of a tenant; replies whether it existed.
    caf::replies_to<delete_atom, std::string, std::int64_t>::with<bool>,
    /// Internal: write the buffered decisions.
    caf::reacts_to<flush_atom>,
    /// Internal: check the hub subscription (re-subscribe after a hub
    /// restart) and retry a failed bootstrap load.
    caf::reacts_to<tick_atom>,
    /// Decisions made so far (for tests and the benchmark).
    caf::replies_to<get_atom>::with<std::int64_t>>;

} // namespace playclock

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(playclock::decision_batch)
