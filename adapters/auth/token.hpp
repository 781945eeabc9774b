#pragma once
// Bearer tokens of tenants and of the admin: only their hashes are stored,
// and a presented token is compared with a stored hash in constant time.
// Tokens are random (new_token) or configured secrets that pass
// config::token_problem, so an unsalted SHA-256 is enough: there is nothing
// to guess from a dictionary.

#include <optional>
#include <string>
#include <string_view>

namespace playclock::auth {

/// "sha256:" + 64 lower-case hex digits.
std::string hash_token(std::string_view token);

/// True when `token` hashes to `stored` (a hash_token result); the
/// comparison takes the same time wherever the two differ.
bool token_matches(std::string_view token, std::string_view stored);

/// The token of an Authorization header "Bearer <token>" (scheme in any
/// case); nullopt when absent or another scheme.
std::optional<std::string> bearer_token(std::optional<std::string_view> authorization);

/// A fresh random token: "pc_" + 64 hex digits (32 bytes from the OS).
std::string new_token();

} // namespace playclock::auth
