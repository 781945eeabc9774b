#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/message.hpp>

#include "messages/actors.hpp"
#include "messages/games_query.hpp"
#include "messages/registration.hpp"

using namespace playclock;

namespace {

// Serializes `xs...` as one caf::message, as the network layer does, and
// reads it back: fails at run time if a type is not registered.
template <class... Ts>
caf::message roundtrip(const Ts&... xs) {
  caf::actor_system_config cfg;
  add_message_types(cfg);
  caf::actor_system sys{cfg};
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  auto msg = caf::make_message(xs...);
  REQUIRE_FALSE(msg.save(sink));
  caf::message copy;
  caf::binary_deserializer source{sys, buf};
  REQUIRE_FALSE(copy.load(source));
  REQUIRE(copy.match_elements<Ts...>());
  return copy;
}

} // namespace

TEST_CASE("a games query survives serialization", "[messages]") {
  games_query q{"in", 25, "WzEsImEiXQ"};
  auto back = roundtrip(q).get_as<games_query>(0);
  CHECK(back.state == "in");
  CHECK(back.limit == 25);
  CHECK(back.cursor == "WzEsImEiXQ");
}

TEST_CASE("a plays query survives serialization", "[messages]") {
  plays_query q{"401547417", 100, 4242424242LL};
  auto back = roundtrip(q).get_as<plays_query>(0);
  CHECK(back.game_id == "401547417");
  CHECK(back.limit == 100);
  CHECK(back.after_sequence == 4242424242LL);
}

TEST_CASE("an injuries query survives serialization", "[messages]") {
  injuries_query q{"KC", "Out", 7, "abc"};
  auto back = roundtrip(q).get_as<injuries_query>(0);
  CHECK(back.team == "KC");
  CHECK(back.status == "Out");
  CHECK(back.limit == 7);
  CHECK(back.cursor == "abc");
}

TEST_CASE("a json page survives serialization, found or not", "[messages]") {
  auto found = roundtrip(json_page{R"({"games":[],"next_cursor":null})", true});
  CHECK(found.get_as<json_page>(0).body == R"({"games":[],"next_cursor":null})");
  CHECK(found.get_as<json_page>(0).found);
  auto missing = roundtrip(json_page{"", false});
  CHECK_FALSE(missing.get_as<json_page>(0).found);
}

TEST_CASE("a game lookup survives serialization", "[messages]") {
  auto back = roundtrip(get_atom::value, std::string{"401547417"});
  CHECK(back.get_as<std::string>(1) == "401547417");
}

TEST_CASE("query errors render with their name and description", "[messages]") {
  caf::actor_system_config cfg;
  add_message_types(cfg);
  caf::actor_system sys{cfg};
  CHECK(sys.render(make_error(query_errc::database_unavailable, "database unreachable")) ==
        "query_error(database_unavailable: database unreachable)");
  CHECK(to_string(query_errc::malformed_cursor) == "malformed_cursor");
}
