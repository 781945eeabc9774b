#include <catch2/catch.hpp>

#include <string>
#include <thread>

#include "adapters/log/thread_name.hpp"

using playclock::log::name_this_thread;
using playclock::log::this_thread_name;

TEST_CASE("a thread takes the name it is given, cut to the 15 characters Linux keeps",
          "[thread_name]") {
  std::string short_name;
  std::string long_name;
  std::thread{[&] {
    name_this_thread("pc-test");
    short_name = this_thread_name();
    name_this_thread("pc-a-name-longer-than-fifteen");
    long_name = this_thread_name();
  }}.join();
  CHECK(short_name == "pc-test");
  CHECK(long_name == "pc-a-name-longe");
}
