#include "adapters/sources/fetch_error.hpp"

namespace playclock::sources {

const char* to_string(error_kind k) {
  switch (k) {
    case error_kind::network:
      return "network";
    case error_kind::timeout:
      return "timeout";
    case error_kind::http_status:
      return "http_status";
    case error_kind::rate_limited:
      return "rate_limited";
    case error_kind::parse:
      return "parse";
  }
  return "network";
}

} // namespace playclock::sources
