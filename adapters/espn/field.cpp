#include "adapters/espn/field.hpp"

namespace playclock::espn {

namespace {

bool on_field(int yards) {
  return yards >= 0 && yards <= 100;
}

} // namespace

int yards_to_endzone_from_yard_line(int yard_line, bool offense_is_home) {
  return offense_is_home ? 100 - yard_line : yard_line;
}

int yard_line_from_yards_to_endzone(int yards_to_endzone, bool offense_is_home) {
  return offense_is_home ? 100 - yards_to_endzone : yards_to_endzone;
}

std::optional<int> yards_to_endzone_from_text(std::string_view possession_text,
                                              std::string_view offense) {
  auto space = possession_text.rfind(' ');
  std::string_view side =
      space == std::string_view::npos ? std::string_view{} : possession_text.substr(0, space);
  std::string_view digits =
      space == std::string_view::npos ? possession_text : possession_text.substr(space + 1);
  if (digits.empty() || digits.size() > 2)
    return std::nullopt;
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9')
      return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n > 50)
    return std::nullopt;
  if (n == 50)
    return 50;
  if (side.empty() || offense.empty())
    return std::nullopt;
  return side == offense ? 100 - n : n;
}

std::string possession_text(int yards_to_endzone, std::string_view offense,
                            std::string_view defense) {
  if (yards_to_endzone >= 50)
    return std::string{offense} + " " + std::to_string(100 - yards_to_endzone);
  return std::string{defense} + " " + std::to_string(yards_to_endzone);
}

int resolve_yards_to_endzone(const std::optional<std::string>& possession_text,
                             std::optional<int> yards_to_endzone, std::optional<int> yard_line,
                             std::string_view offense, std::optional<bool> offense_is_home) {
  if (possession_text)
    if (auto from_text = yards_to_endzone_from_text(*possession_text, offense))
      return *from_text;
  if (yards_to_endzone && on_field(*yards_to_endzone))
    return *yards_to_endzone;
  if (yard_line && on_field(*yard_line) && offense_is_home)
    return yards_to_endzone_from_yard_line(*yard_line, *offense_is_home);
  return 0;
}

} // namespace playclock::espn
