#include "adapters/pg/array_literal.hpp"

namespace playclock::pg {

namespace {

bool special(char c) {
  return c == '"' || c == '\\' || c == '\0';
}

} // namespace

void array_literal::add(std::string_view text) {
  if (body_.size() > 1)
    body_ += ',';
  body_.reserve(body_.size() + text.size() + 2);
  body_ += '"';
  // Inside a quoted element only the quote and the backslash are special;
  // NUL cannot be stored in a text value at all. Runs without them are
  // copied whole (most payloads are long and have few quotes). A plain loop:
  // find_first_of calls memchr on the set for every byte.
  const char* p = text.data();
  const char* end = p + text.size();
  while (p != end) {
    const char* run = p;
    while (p != end && !special(*p))
      ++p;
    body_.append(run, static_cast<std::size_t>(p - run));
    if (p == end)
      break;
    if (*p != '\0') {
      body_ += '\\';
      body_ += *p;
    }
    ++p;
  }
  body_ += '"';
}

void array_literal::add(std::int64_t n) {
  if (body_.size() > 1)
    body_ += ',';
  body_ += std::to_string(n);
}

} // namespace playclock::pg
