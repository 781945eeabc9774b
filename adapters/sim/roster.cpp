#include "adapters/sim/roster.hpp"

#include <set>

#include "adapters/sim/rng.hpp"

namespace playclock::sim {

namespace {

// Common surnames; combined with an initial they make names like "D.Carter".
const char* const last_names[] = {
    "Adams",    "Allen",     "Anderson", "Bailey",   "Baker",      "Barnes",     "Bell",
    "Bennett",  "Brooks",    "Brown",    "Bryant",   "Butler",     "Campbell",   "Carter",
    "Clark",    "Coleman",   "Collins",  "Cook",     "Cooper",     "Cox",        "Davis",
    "Diaz",     "Edwards",   "Evans",    "Fisher",   "Flores",     "Ford",       "Foster",
    "Gibson",   "Gordon",    "Graham",   "Grant",    "Gray",       "Green",      "Griffin",
    "Hall",     "Hamilton",  "Harris",   "Hayes",    "Henderson",  "Hill",       "Holmes",
    "Howard",   "Hughes",    "Jackson",  "James",    "Jenkins",    "Johnson",    "Jones",
    "Jordan",   "Kelly",     "Kennedy",  "King",     "Lee",        "Lewis",      "Long",
    "Marshall", "Martin",    "Mason",    "Matthews", "McCoy",      "Miller",     "Mitchell",
    "Moore",    "Morgan",    "Morris",   "Murphy",   "Murray",     "Nelson",     "Owens",
    "Parker",   "Patterson", "Payne",    "Perry",    "Peterson",   "Phillips",   "Porter",
    "Powell",   "Price",     "Reed",     "Reynolds", "Richardson", "Roberts",    "Robinson",
    "Rogers",   "Ross",      "Russell",  "Sanders",  "Scott",      "Simmons",    "Smith",
    "Spencer",  "Stewart",   "Sullivan", "Taylor",   "Thomas",     "Thompson",   "Tucker",
    "Turner",   "Walker",    "Wallace",  "Ward",     "Warren",     "Washington", "Watson",
    "Webb",     "Wells",     "West",     "White",    "Williams",   "Wilson",     "Wood",
    "Woods",    "Wright",    "Young",    "Moss",     "Dixon",      "Hunter",     "Burns",
    "Knox",     "Lockett",   "Boyd",     "Sutton",   "Mack",       "Hurst",      "Lamb",
};
const char initials[] = "JDMCTABKRSNLEGZPHWQOVDJMCTAK";

class namer {
 public:
  explicit namer(const sports::team& t)
      : r_(mix_seed(hash_string(t.id), hash_string(t.abbreviation))), base_(team_number(t)) {}

  player next(const char* position) {
    player p;
    p.position = position;
    p.id = std::to_string(9000000 + base_ * 1000 + slot_++);
    constexpr int n_last = sizeof(last_names) / sizeof(last_names[0]);
    constexpr int n_init = sizeof(initials) - 1;
    do {
      p.name = std::string(1, initials[r_.between(0, n_init - 1)]) + "." +
               last_names[r_.between(0, n_last - 1)];
    } while (!used_.insert(p.name).second);
    return p;
  }

  double style() { return r_.uniform() * 2 - 1; }

 private:
  // ESPN ids are small numbers; anything else is hashed into 100..999.
  static int team_number(const sports::team& t) {
    int n = 0;
    for (char c : t.id) {
      if (c < '0' || c > '9' || n > 99)
        return 100 + static_cast<int>(hash_string(t.id) % 900);
      n = n * 10 + (c - '0');
    }
    return n;
  }

  rng r_;
  int base_;
  int slot_ = 1;
  std::set<std::string> used_;
};

} // namespace

roster make_roster(const sports::team& t) {
  namer n(t);
  roster r;
  r.qb = n.next("QB");
  for (auto& p : r.rb)
    p = n.next("RB");
  for (auto& p : r.wr)
    p = n.next("WR");
  r.te = n.next("TE");
  r.k = n.next("K");
  r.p = n.next("P");
  r.ls = n.next("LS");
  for (auto& p : r.ol)
    p = n.next("OL");
  for (auto& p : r.dl)
    p = n.next("DL");
  for (auto& p : r.lb)
    p = n.next("LB");
  for (std::size_t i = 0; i < r.db.size(); ++i)
    r.db[i] = n.next(i < 2 ? "CB" : "S");
  r.pass_tendency = 0.05 * n.style();
  r.kicker_leg = n.style();
  return r;
}

sports::participant as_participant(const player& p, const char* role) {
  return sports::participant{p.id, p.name, role};
}

} // namespace playclock::sim
