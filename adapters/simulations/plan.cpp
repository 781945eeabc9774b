#include "adapters/simulations/plan.hpp"

#include <algorithm>
#include <random>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::simulations {

namespace {

std::string key_of(std::size_t index, const fixture& f) {
  return "g" + std::to_string(index + 1) + "-" + f.away.team.abbreviation + "@" +
         f.home.team.abbreviation;
}

double strength(const sim::team_profile& t) {
  return t.offense + t.defense;
}

} // namespace

std::string outcome::winner() const {
  if (home_score == away_score)
    return {};
  return home_score > away_score ? home : away;
}

std::string with_seed(const std::string& params_json, const std::string& idempotency_key) {
  rapidjson::Document d;
  d.Parse(params_json.c_str());
  if (d.HasParseError() || !d.IsObject() || d.HasMember("seed"))
    return params_json;
  std::uint64_t seed = 0;
  if (idempotency_key.empty()) {
    seed = (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  } else {
    seed = 1469598103934665603ULL; // FNV-1a
    for (unsigned char c : idempotency_key)
      seed = (seed ^ c) * 1099511628211ULL;
  }
  seed &= (std::uint64_t{1} << 53) - 1; // exact in JSON numbers everywhere
  d.AddMember("seed", rapidjson::Value{seed}, d.GetAllocator());
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  d.Accept(w);
  return buf.GetString();
}

request read_request(const std::string& params_json) {
  request r;
  rapidjson::Document d;
  d.Parse(params_json.c_str());
  if (d.HasParseError() || !d.IsObject())
    return r;
  if (d.HasMember("kind") && d["kind"].IsString())
    r.kind = d["kind"].GetString();
  if (d.HasMember("teams") && d["teams"].IsArray())
    for (const auto& t : d["teams"].GetArray())
      if (t.IsString())
        r.teams.emplace_back(t.GetString());
  if (d.HasMember("seed") && d["seed"].IsUint64())
    r.seed = d["seed"].GetUint64();
  if (d.HasMember("steps") && d["steps"].IsInt())
    r.steps = d["steps"].GetInt();
  if (d.HasMember("speed") && d["speed"].IsNumber())
    r.speed = d["speed"].GetDouble();
  return r;
}

std::optional<std::string> check_teams(const std::string& kind,
                                       const std::vector<std::string>& teams) {
  for (std::size_t i = 0; i < teams.size(); ++i) {
    if (sim::find_team(teams[i]) == nullptr)
      return "unknown team " + teams[i];
    for (std::size_t j = 0; j < i; ++j)
      if (teams[j] == teams[i])
        return "team " + teams[i] + " is listed twice";
  }
  if (teams.empty())
    return std::nullopt;
  if (kind == "single_game" && teams.size() != 2)
    return std::string{"a single_game needs 2 teams (home first)"};
  if (kind == "regular_season" && teams.size() < 2)
    return std::string{"a regular_season needs 2 to 32 teams"};
  if (kind == "playoffs" && teams.size() != 2 && teams.size() != 4 && teams.size() != 8 &&
      teams.size() != 16)
    return std::string{"playoffs need 2, 4, 8 or 16 teams"};
  return std::nullopt;
}

plan::plan(const request& r) : req_(r) {
  if (r.teams.empty()) {
    // Picked from the seed: the same request, the same teams.
    std::vector<sim::team_profile> all = sim::nfl_teams();
    std::mt19937_64 rng{r.seed};
    std::shuffle(all.begin(), all.end(), rng);
    all.resize(r.kind == "single_game" ? 2 : 8);
    teams_ = std::move(all);
  } else {
    for (const auto& abbr : r.teams)
      if (const auto* t = sim::find_team(abbr))
        teams_.push_back(*t);
  }
  auto n = static_cast<int>(teams_.size());
  if (r.kind == "regular_season") {
    // Circle method: n-1 rounds (n even; with n odd one team rests per
    // round), every pair once, home alternating by round.
    std::vector<int> idx(static_cast<std::size_t>(n + n % 2));
    for (std::size_t i = 0; i < idx.size(); ++i)
      idx[i] = static_cast<int>(i) < n ? static_cast<int>(i) : -1;
    auto m = static_cast<int>(idx.size());
    for (int round = 0; round < m - 1; ++round) {
      for (int i = 0; i < m / 2; ++i) {
        int a = idx[static_cast<std::size_t>(i)];
        int b = idx[static_cast<std::size_t>(m - 1 - i)];
        if (a < 0 || b < 0)
          continue;
        if ((round + i) % 2 == 1)
          std::swap(a, b);
        round_robin_.emplace_back(a, b);
        rounds_.push_back(round + 1);
      }
      std::rotate(idx.begin() + 1, idx.end() - 1, idx.end());
    }
    total_ = static_cast<int>(round_robin_.size());
  } else if (r.kind == "playoffs") {
    // Seeded by rating: 1 v n, 2 v n-1, ... in bracket order.
    std::vector<sim::team_profile> seeded = teams_;
    std::stable_sort(seeded.begin(), seeded.end(),
                     [](const auto& a, const auto& b) { return strength(a) > strength(b); });
    for (int i = 0; i < n / 2; ++i) {
      alive_.push_back(seeded[static_cast<std::size_t>(i)].team.abbreviation);
      alive_.push_back(seeded[static_cast<std::size_t>(n - 1 - i)].team.abbreviation);
    }
    total_ = n - 1;
  } else {
    total_ = 1;
  }
}

std::optional<fixture> plan::next(const std::vector<outcome>& played) {
  if (handed_ >= static_cast<std::size_t>(total_) || teams_.size() < 2)
    return std::nullopt;
  fixture f;
  if (req_.kind == "regular_season") {
    auto [h, a] = round_robin_[handed_];
    f.home = teams_[static_cast<std::size_t>(h)];
    f.away = teams_[static_cast<std::size_t>(a)];
    f.round = rounds_[handed_];
  } else if (req_.kind == "playoffs") {
    // A round is over when every game of it was played: the winners, in
    // bracket order, make the next one.
    std::size_t in_round = alive_.size() / 2;
    std::size_t done_before = 0;
    int round = 1;
    {
      std::size_t size = teams_.size() / 2;
      while (handed_ >= done_before + size) {
        done_before += size;
        size /= 2;
        ++round;
      }
      in_round = size;
    }
    if (played.size() < handed_)
      return std::nullopt; // the caller must report each game before the next
    if (round > 1 && alive_.size() != in_round * 2) {
      std::vector<std::string> winners;
      for (std::size_t i = done_before - in_round * 2; i < done_before; ++i)
        winners.push_back(played[i].winner());
      alive_ = std::move(winners);
    }
    auto slot = handed_ - done_before;
    // The better seed (listed first) plays at home.
    f.home = *sim::find_team(alive_[slot * 2]);
    f.away = *sim::find_team(alive_[slot * 2 + 1]);
    f.round = round;
    f.allow_tie = false;
  } else {
    f.home = teams_[0];
    f.away = teams_[1];
  }
  f.key = key_of(handed_, f);
  ++handed_;
  return f;
}

} // namespace playclock::simulations
