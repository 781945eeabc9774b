#include "actors/notify/delivery_worker.hpp"

#include <memory>
#include <tuple>

#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "adapters/log/logging.hpp"
#include "adapters/log/thread_name.hpp"

namespace playclock {

namespace {

using reply = std::tuple<std::string, std::int32_t, std::int64_t, std::string>;

reply reply_of(const notify::delivery_outcome& out) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(out.retry_after).count();
  return reply{notify::to_string(out.what), out.status, static_cast<std::int64_t>(ms), out.detail};
}

reply deliver(const delivery_worker_config& cfg, spdlog::logger& log, const alerts::alert& a) {
  switch (a.via) {
  case alerts::channel::log:
    log.info("alert {} [{}] for {} ({}): {}", a.id, alerts::to_string(a.type), a.tenant, a.target,
             a.message);
    return reply{"sent", 0, 0, "logged"};
  case alerts::channel::telegram:
    if (cfg.telegram.token.empty())
      return reply{"config", 0, 0, "telegram token not configured"};
    return reply_of(notify::send_telegram(cfg.telegram, a.target, a.message, alert_title(a.type)));
  case alerts::channel::webhook:
    return reply_of(notify::send_webhook(cfg.webhook, a.target, a, notify::unix_now()));
  }
  return reply{"config", 0, 0, "unknown channel"};
}

} // namespace

const char* alert_title(alerts::alert_type t) {
  switch (t) {
  case alerts::alert_type::score:
    return "Score";
  case alerts::alert_type::big_play:
    return "Big play";
  case alerts::alert_type::turnover:
    return "Turnover";
  case alerts::alert_type::injury:
    return "Injury";
  case alerts::alert_type::price_spike:
    return "Market move";
  case alerts::alert_type::correlation:
    return "Market reaction";
  case alerts::alert_type::edge:
    return "Edge";
  }
  return "Alert";
}

delivery_worker_actor::behavior_type delivery_worker(delivery_worker_actor::pointer self,
                                                     delivery_worker_config cfg) {
  log::name_this_thread("pc-deliver");
  auto log = log::component("notify");
  return {
      [self, cfg, log](send_atom, const alert_delivery& d)
          -> caf::result<std::string, std::int32_t, std::int64_t, std::string> {
        std::ignore = self;
        auto [kind, status, retry_ms, detail] = deliver(cfg, *log, d.alert);
        return {kind, status, retry_ms, detail};
      },
  };
}

} // namespace playclock
