#include "actors/jobs/poll_sources.hpp"

#include <algorithm>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "supervisors/registry.hpp"

namespace playclock {

namespace {

// The pollers' registry paths.
const std::vector<std::pair<std::string, std::string>>& pollers() {
  static const std::vector<std::pair<std::string, std::string>> all{
      {"scoreboard", "node/pollers/scoreboard"}, {"schedule", "node/pollers/schedule"},
      {"injuries", "node/pollers/injuries"},     {"weather", "node/pollers/weather"},
      {"markets", "node/markets_poller"},
  };
  return all;
}

} // namespace

const std::vector<std::string>& live_sources() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& p : pollers())
      v.push_back(p.first);
    return v;
  }();
  return names;
}

std::vector<source_outcome> poll_sources(caf::actor_system& sys, const sup::registry& reg,
                                         const std::vector<std::string>& names,
                                         std::chrono::seconds wait) {
  std::vector<source_outcome> done;
  caf::scoped_actor self{sys};
  using handle = decltype(self->request(caf::actor{}, wait, poll_now_atom::value));
  std::vector<std::pair<source_outcome, handle>> asked;
  for (const auto& name : names) {
    auto p = std::find_if(pollers().begin(), pollers().end(),
                          [&](const auto& x) { return x.first == name; });
    caf::actor h = p == pollers().end() ? caf::actor{} : reg.get(p->second);
    if (!h) {
      done.push_back(source_outcome{name, "skipped", {}, "not running on this node"});
      continue;
    }
    // All requests are out before the first wait: the rounds run together.
    asked.emplace_back(source_outcome{name, "", {}, ""},
                       self->request(h, wait, poll_now_atom::value));
  }
  for (auto& entry : asked) {
    auto& o = entry.first;
    entry.second.receive(
        [&o](sync_entry& row) {
          o.status = row.status == "ok" ? "ok" : "error";
          o.error = row.error;
          o.row = std::move(row);
        },
        [&o, &self](caf::error& e) {
          o.status = "error";
          o.error = self->system().render(e);
        });
    done.push_back(std::move(o));
  }
  return done;
}

} // namespace playclock
