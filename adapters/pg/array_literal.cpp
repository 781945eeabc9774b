#include "adapters/pg/array_literal.hpp"

namespace playclock::pg {

void array_literal::add(std::string_view text) {
  if (body_.size() > 1)
    body_ += ',';
  body_ += '"';
  // Inside a quoted element only the quote and the backslash are special;
  // NUL cannot be stored in a text value at all. Runs without them are
  // copied whole (most payloads are long and have few quotes).
  static constexpr std::string_view special{"\"\\\0", 3};
  std::size_t from = 0;
  while (from < text.size()) {
    auto at = text.find_first_of(special, from);
    if (at == std::string_view::npos)
      at = text.size();
    body_.append(text.data() + from, at - from);
    if (at == text.size())
      break;
    if (text[at] != '\0') {
      body_ += '\\';
      body_ += text[at];
    }
    from = at + 1;
  }
  body_ += '"';
}

void array_literal::add(std::int64_t n) {
  if (body_.size() > 1)
    body_ += ',';
  body_ += std::to_string(n);
}

} // namespace playclock::pg
