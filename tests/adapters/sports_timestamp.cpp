#include <catch2/catch.hpp>

#include "adapters/sports/timestamp.hpp"

using playclock::sports::is_utc_timestamp;
using playclock::sports::utc_timestamp;

TEST_CASE("feed timestamps are accepted only as strict ISO 8601 UTC", "[sports]") {
  CHECK(is_utc_timestamp("2023-09-17T17:02:21Z"));
  CHECK(is_utc_timestamp("2023-09-17T17:02Z"));
  CHECK(is_utc_timestamp("2025-01-01T00:00:00.125Z"));
  CHECK_FALSE(is_utc_timestamp(""));
  CHECK_FALSE(is_utc_timestamp("2023-09-17 17:02:21Z"));
  CHECK_FALSE(is_utc_timestamp("2023-09-17T17:02:21"));
  CHECK_FALSE(is_utc_timestamp("2023-09-17T17:02:21+02:00"));
  CHECK_FALSE(is_utc_timestamp("2023-13-17T17:02:21Z"));
  CHECK_FALSE(is_utc_timestamp("2023-09-17T24:02:21Z"));
  CHECK_FALSE(is_utc_timestamp("2023-09-17T17:02:21.Z"));
  CHECK_FALSE(is_utc_timestamp("2023-09-17T17:02:21ZZ"));
  CHECK_FALSE(is_utc_timestamp("'); DROP TABLE plays; --Z"));
}

TEST_CASE("Unix seconds print as a UTC timestamp", "[sports]") {
  CHECK(utc_timestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(utc_timestamp(1795478400) == "2026-11-24T00:00:00Z");
  CHECK(utc_timestamp(1795478400 + 3 * 3600 + 20 * 60 + 5) == "2026-11-24T03:20:05Z");
  CHECK(is_utc_timestamp(utc_timestamp(1709208000)));
}
