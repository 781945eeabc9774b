#pragma once
// A notifier's delivery worker: one blocking attempt at a time (Telegram Bot
// API, webhook, or the log), on its own thread (detached). It never decides
// about retries; it reports what happened.

#include <cstdint>
#include <string>

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "adapters/notify/telegram.hpp"
#include "adapters/notify/webhook.hpp"
#include "messages/alerts.hpp"

namespace playclock {

/// One attempt: replies (kind, HTTP status, retry_after in ms, detail) where
/// kind is "sent", "retry", "reject" (adapters/notify/outcome.hpp) or
/// "config" (the channel is not configured: failed at once, detail as is).
using delivery_worker_actor =
    caf::typed_actor<caf::replies_to<send_atom, alert_delivery>::with<std::string, std::int32_t,
                                                                      std::int64_t, std::string>>;

struct delivery_worker_config {
  alerts::channel via = alerts::channel::log;
  notify::telegram_options telegram;
  notify::webhook_options webhook;
};

/// The worker's behavior (spawn it detached).
delivery_worker_actor::behavior_type delivery_worker(delivery_worker_actor::pointer self,
                                                     delivery_worker_config cfg);

/// The bold first line of a Telegram alert: "Score", "Big play", ...
const char* alert_title(alerts::alert_type t);

} // namespace playclock
