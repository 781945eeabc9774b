#pragma once
// Feed timestamps: only strict ISO 8601 UTC text ("2023-09-17T17:02:21Z",
// minutes-only "2023-09-17T17:02Z" and fractions allowed) is passed on, so a
// malformed one from a feed can never fail a database write.

#include <cstdint>
#include <string>
#include <string_view>

namespace playclock::sports {

/// True for YYYY-MM-DDTHH:MM[:SS[.f+]]Z with plausible field ranges.
bool is_utc_timestamp(std::string_view text);

/// Unix seconds as "2026-11-24T09:00:00Z".
std::string utc_timestamp(std::int64_t unix_s);

} // namespace playclock::sports
