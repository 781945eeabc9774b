#pragma once
// Recorded real data (ESPN, Kalshi, nflverse, ... files) for tests that replay it.
//
//   auto dir = test::realdata_dir();
//   if (!dir) {
//     WARN("skipped: real data not found at " << test::realdata_expected_dir());
//     return;
//   }

#include <filesystem>
#include <optional>

namespace playclock::test {

/// Where the real data should be: $PLAYCLOCK_REALDATA_DIR if set and not
/// empty, else PLAYCLOCK_SOURCE_DIR/../shared/realdata.
std::filesystem::path realdata_expected_dir();

/// realdata_expected_dir() if it is a directory, else nullopt.
std::optional<std::filesystem::path> realdata_dir();

} // namespace playclock::test
