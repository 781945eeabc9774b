#pragma once
// Error codes of the protocol, as CAF error categories.

#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/error.hpp>

namespace playclock {

/// Why a supervisor ended on its own.
enum class sup_errc : std::uint8_t {
  /// More than max_restarts restarts within the window: escalate to the parent.
  restart_intensity_exceeded = 1,
};

/// Renders a sup_errc value (for the error category renderer and logs).
std::string to_string(sup_errc x);

inline caf::error make_error(sup_errc x) {
  return {static_cast<std::uint8_t>(x), caf::atom("supervisor")};
}

} // namespace playclock
