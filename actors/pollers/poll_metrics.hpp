#pragma once
// playclock_poll_duration_seconds{source, poll}: how long one poll round
// takes, shared by every poller (one family, one help text).

#include <string>

namespace prometheus {
class Histogram;
} // namespace prometheus

namespace playclock::metrics {
class registry;
} // namespace playclock::metrics

namespace playclock::pollers {

/// The histogram of one poller; null without a registry.
prometheus::Histogram* poll_duration(metrics::registry* reg, const std::string& source,
                                     const std::string& poll);

} // namespace playclock::pollers
