#include "messages/errors.hpp"

namespace playclock {

std::string to_string(sup_errc x) {
  switch (x) {
    case sup_errc::restart_intensity_exceeded:
      return "restart_intensity_exceeded";
  }
  return "unknown_supervisor_error";
}

} // namespace playclock
