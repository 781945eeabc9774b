#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/notify/keyed_limiter.hpp"

using namespace playclock::notify;
using namespace std::chrono_literals;
using clock_type = keyed_rate_limiter::clock;

namespace {

const clock_type::time_point t0 = clock_type::time_point{} + 1000s;

double seconds(clock_type::duration d) {
  return std::chrono::duration<double>(d).count();
}

} // namespace

TEST_CASE("one chat gets one message per second", "[notify]") {
  auto lim = keyed_rate_limiter::telegram();
  CHECK(lim.reserve("chat-a", t0) == 0s);
  CHECK(lim.reserve("chat-a", t0) == 1s);
  CHECK(lim.reserve("chat-a", t0) == 2s);
  // Another chat is not held up by chat-a.
  CHECK(lim.reserve("chat-b", t0) == 0s);
  // chat-a's queue runs to t0 + 3 s.
  CHECK(lim.reserve("chat-a", t0 + 500ms) == 2500ms);
  CHECK(lim.reserve("chat-b", t0 + 1s) == 0s);
  CHECK(lim.reserve("chat-c", t0 + 10s) == 0s);
  CHECK(lim.reserve("chat-a", t0 + 10s) == 0s);
}

TEST_CASE("all chats together get at most 30 messages in any second", "[notify]") {
  auto lim = keyed_rate_limiter::telegram();
  for (int i = 0; i < 30; ++i)
    CHECK(lim.reserve("chat-" + std::to_string(i), t0) == 0s);
  // The 31st and 32nd distinct chats wait for the next second.
  CHECK(lim.reserve("chat-30", t0) == 1s);
  CHECK(lim.reserve("chat-31", t0 + 400ms) == 600ms);
  // In that next second 28 slots are left.
  auto later = t0 + 1s;
  int free_now = 0;
  for (int i = 100; i < 140; ++i)
    if (lim.reserve("chat-" + std::to_string(i), later) == 0s)
      ++free_now;
  CHECK(free_now == 28);
}

TEST_CASE("a send waits for the later of its chat's and the global bucket", "[notify]") {
  keyed_rate_limiter lim{2.0, 1, 1.0, 1}; // 2/s overall, 1/s per chat, no bursts
  CHECK(lim.reserve("a", t0) == 0s);
  CHECK(lim.reserve("b", t0) == 500ms);  // global
  CHECK(lim.reserve("a", t0) == 1s);     // chat a (global would allow 1 s)
  CHECK(lim.reserve("c", t0) == 1500ms); // global, after a's slot at 1 s
  CHECK(lim.reserve("b", t0) == 2000ms); // global; chat b would allow 1.5 s
  // A chat with a slot far ahead does not hold up the others.
  keyed_rate_limiter wide{30.0, 30, 1.0, 1};
  for (int i = 0; i < 10; ++i)
    CHECK(wide.reserve("busy", t0) == std::chrono::seconds(i));
  CHECK(wide.reserve("other", t0) == 0s);
  CHECK(wide.reserve("other-2", t0 + 100ms) == 0s);
}

TEST_CASE("sends at the reserved times never break either limit", "[notify]") {
  auto lim = keyed_rate_limiter::telegram();
  std::map<std::string, std::vector<clock_type::time_point>> per_chat;
  std::vector<clock_type::time_point> all;
  auto now = t0;
  std::uint64_t x = 12345;
  for (int i = 0; i < 3000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    auto chat = "chat-" + std::to_string((x >> 33) % 40);
    now += std::chrono::microseconds((x >> 20) % 20000); // 0-20 ms apart
    auto at = now + lim.reserve(chat, now);
    per_chat[chat].push_back(at);
    all.push_back(at);
  }
  for (auto& [chat, times] : per_chat) {
    std::sort(times.begin(), times.end());
    for (std::size_t i = 1; i < times.size(); ++i)
      REQUIRE(times[i] - times[i - 1] >= 1s);
  }
  std::sort(all.begin(), all.end());
  // At most 30 in any second: any 31 consecutive sends span a second or more.
  for (std::size_t i = 0; i + 30 < all.size(); ++i)
    REQUIRE(all[i + 30] - all[i] >= 1s);
  // And it is not idle for nothing: the busiest chat (1 a second) sets the
  // pace, give or take the ~30 s over which the sends were asked for.
  std::size_t busiest = 0;
  for (auto& [chat, times] : per_chat)
    busiest = std::max(busiest, times.size());
  CHECK(seconds(all.back() - t0) >= static_cast<double>(busiest - 1));
  CHECK(seconds(all.back() - t0) <= static_cast<double>(busiest) + seconds(now - t0));
}

TEST_CASE("a rate of zero disables that limit", "[notify]") {
  keyed_rate_limiter only_keys{0, 1, 1.0, 1};
  for (int i = 0; i < 1000; ++i)
    CHECK(only_keys.reserve("k" + std::to_string(i), t0) == 0s);
  CHECK(only_keys.reserve("k1", t0) == 1s);
  keyed_rate_limiter only_global{1.0, 1, 0, 1};
  CHECK(only_global.reserve("a", t0) == 0s);
  CHECK(only_global.reserve("a", t0) == 1s);
  CHECK(only_global.tracked_keys() == 0);
  keyed_rate_limiter none{0, 1, -1, 1};
  CHECK(none.reserve("a", t0) == 0s);
  CHECK(none.reserve("a", t0) == 0s);
}

TEST_CASE("idle chats are forgotten so memory stays bounded", "[notify]") {
  auto lim = keyed_rate_limiter::telegram();
  CHECK(lim.reserve("busy", t0) == 0s);
  CHECK(lim.reserve("busy", t0) == 1s); // busy until t0 + 2 s
  CHECK(lim.reserve("quiet", t0) == 0s);
  CHECK(lim.tracked_keys() == 2);
  lim.evict_idle(t0 + 1500ms);
  CHECK(lim.tracked_keys() == 1); // quiet was full again at t0 + 1 s
  CHECK(lim.reserve("busy", t0 + 1500ms) == 500ms);
  lim.evict_idle(t0 + 10s);
  CHECK(lim.tracked_keys() == 0);

  // 100,000 chats, one message each, 30 a second: only recent ones stay.
  auto now = t0 + 20s;
  std::size_t most = 0;
  for (int i = 0; i < 100000; ++i) {
    now += 34ms;
    lim.reserve("chat-" + std::to_string(i), now);
    most = std::max(most, lim.tracked_keys());
  }
  CHECK(most <= 2048);
}

TEST_CASE("concurrent reservations for one chat get distinct slots", "[notify]") {
  auto lim = keyed_rate_limiter::telegram();
  std::mutex mtx;
  std::vector<clock_type::duration> waits;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto w = lim.reserve("chat", t0);
        std::lock_guard<std::mutex> guard{mtx};
        waits.push_back(w);
      }
    });
  for (auto& t : threads)
    t.join();
  std::sort(waits.begin(), waits.end());
  REQUIRE(waits.size() == 200);
  for (std::size_t i = 0; i < waits.size(); ++i)
    CHECK(waits[i] == std::chrono::seconds(i));
}
