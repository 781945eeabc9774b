#pragma once
// The health report as JSON: what GET /api/system/health answers and what
// the health history stores.

#include <string>

#include "messages/system.hpp"

namespace playclock {

std::string health_json(const health_report& r);

} // namespace playclock
