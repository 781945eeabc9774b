#pragma once
// What a configured bearer token (auth.admin_token, a tenant's token) must
// look like: long enough that its unsalted hash cannot be guessed, and
// printable so it fits an Authorization header.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace playclock::config {

inline constexpr std::size_t min_token_length = 16;
inline constexpr std::size_t max_token_length = 256;

/// Why `token` cannot be one (too short or long, a space or a control
/// character in it); nullopt when it can.
std::optional<std::string> token_problem(std::string_view token);

} // namespace playclock::config
