#include "adapters/pg/array_literal.hpp"

namespace playclock::pg {

void array_literal::add(std::string_view text) {
  if (body_.size() > 1)
    body_ += ',';
  body_ += '"';
  for (char c : text) {
    // Inside a quoted element only the quote and the backslash are special;
    // NUL cannot be stored in a text value at all.
    if (c == '"' || c == '\\')
      body_ += '\\';
    if (c != '\0')
      body_ += c;
  }
  body_ += '"';
}

void array_literal::add(std::int64_t n) {
  if (body_.size() > 1)
    body_ += ',';
  body_ += std::to_string(n);
}

} // namespace playclock::pg
