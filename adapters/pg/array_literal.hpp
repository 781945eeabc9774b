#pragma once
// PostgreSQL array literals ('{"a","b"}') built by hand, to pass a whole batch
// as one parameter per column to a prepared `unnest(...)`: one round trip and
// no per-row SQL to parse.

#include <cstdint>
#include <string>
#include <string_view>

namespace playclock::pg {

class array_literal {
 public:
  /// A text element, quoted; any byte but NUL is kept as is.
  void add(std::string_view text);
  /// An integer element.
  void add(std::int64_t n);
  /// '{...}' of the elements added so far.
  std::string str() const { return body_ + '}'; }

 private:
  std::string body_ = "{";
};

} // namespace playclock::pg
