#include "tests/support/realdata.hpp"

#include <cstdlib>
#include <system_error>

namespace playclock::test {

std::filesystem::path realdata_expected_dir() {
  const char* env = std::getenv("PLAYCLOCK_REALDATA_DIR");
  if (env != nullptr && *env != '\0')
    return env;
  return std::filesystem::path{PLAYCLOCK_SOURCE_DIR}.parent_path() / "shared" / "realdata";
}

std::optional<std::filesystem::path> realdata_dir() {
  auto dir = realdata_expected_dir();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return std::nullopt;
  return dir.lexically_normal();
}

} // namespace playclock::test
