#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "config/describe.hpp"
#include "config/schema.hpp"

using namespace playclock;

// The README's table of settings is `playclockd --describe-config` pasted
// between two markers; this keeps it from drifting when keys are added.
TEST_CASE("README.md documents every configuration key as --describe-config prints it",
          "[config]") {
  std::ifstream in{PLAYCLOCK_SOURCE_DIR "/README.md"};
  REQUIRE(in);
  std::string readme{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  auto begin = readme.find("<!-- config-keys:begin -->\n");
  auto end = readme.find("<!-- config-keys:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  begin += std::string{"<!-- config-keys:begin -->\n"}.size();
  CHECK(readme.substr(begin, end - begin) == config::describe_markdown());
  for (const auto& k : config::keys())
    CHECK_THAT(readme, Catch::Contains("`" + k.path + "`"));
}
