#include "adapters/alerts/types.hpp"

#include <cmath>

namespace playclock::alerts {

namespace {

template <class Enum, std::size_t N>
std::optional<Enum> parse_from(std::string_view s, const char* const (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i])
      return static_cast<Enum>(i);
  return std::nullopt;
}

template <class Enum, std::size_t N>
const char* name_of(Enum e, const char* const (&names)[N]) {
  auto i = static_cast<std::size_t>(e);
  return i < N ? names[i] : "unknown";
}

// Indexed by the enumerators' values, in declaration order.
const char* const alert_type_names[] = {"score",       "big_play",    "turnover", "injury",
                                        "price_spike", "correlation", "edge"};
const char* const channel_names[] = {"telegram", "webhook", "log"};
const char* const priority_names[] = {"normal", "high"};
const char* const impact_names[] = {"low", "medium", "high", "extreme"};

} // namespace

const char* to_string(alert_type t) {
  return name_of(t, alert_type_names);
}

std::optional<alert_type> parse_alert_type(std::string_view s) {
  return parse_from<alert_type>(s, alert_type_names);
}

const std::vector<alert_type>& all_alert_types() {
  static const std::vector<alert_type> all = {
      alert_type::score,       alert_type::big_play,    alert_type::turnover, alert_type::injury,
      alert_type::price_spike, alert_type::correlation, alert_type::edge};
  return all;
}

const char* to_string(channel c) {
  return name_of(c, channel_names);
}

std::optional<channel> parse_channel(std::string_view s) {
  return parse_from<channel>(s, channel_names);
}

const char* to_string(priority p) {
  return name_of(p, priority_names);
}

std::optional<priority> parse_priority(std::string_view s) {
  return parse_from<priority>(s, priority_names);
}

const char* to_string(impact i) {
  return name_of(i, impact_names);
}

std::optional<impact> parse_impact(std::string_view s) {
  return parse_from<impact>(s, impact_names);
}

// Boundaries belong to the lower level: exactly 20 points is high, exactly 10
// is medium, exactly 5 is low. NaN is low.
impact impact_of(double points) {
  double p = std::fabs(points);
  if (p > 20)
    return impact::extreme;
  if (p > 10)
    return impact::high;
  if (p > 5)
    return impact::medium;
  return impact::low;
}

} // namespace playclock::alerts
