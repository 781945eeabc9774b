#include "config/token_rules.hpp"

namespace playclock::config {

std::optional<std::string> token_problem(std::string_view token) {
  if (token.size() < min_token_length)
    return "must be at least " + std::to_string(min_token_length) + " characters";
  if (token.size() > max_token_length)
    return "must be at most " + std::to_string(max_token_length) + " characters";
  for (char c : token) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f)
      return std::string{"must not contain spaces or control characters"};
  }
  return std::nullopt;
}

} // namespace playclock::config
