#include "adapters/simulations/summary.hpp"

#include <algorithm>
#include <map>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace playclock::simulations {

namespace {

struct standing {
  std::string team;
  int wins = 0, losses = 0, ties = 0, points_for = 0, points_against = 0;
};

std::vector<standing> standings(const std::vector<game_record>& games) {
  std::map<std::string, standing> by;
  for (const auto& g : games) {
    auto& h = by[g.result.home];
    auto& a = by[g.result.away];
    h.team = g.result.home;
    a.team = g.result.away;
    h.points_for += g.result.home_score;
    h.points_against += g.result.away_score;
    a.points_for += g.result.away_score;
    a.points_against += g.result.home_score;
    auto w = g.result.winner();
    if (w.empty()) {
      ++h.ties;
      ++a.ties;
    } else {
      ++(w == h.team ? h.wins : h.losses);
      ++(w == a.team ? a.wins : a.losses);
    }
  }
  std::vector<standing> out;
  out.reserve(by.size());
  for (auto& [_, s] : by)
    out.push_back(s);
  std::stable_sort(out.begin(), out.end(), [](const standing& x, const standing& y) {
    double px = x.wins + 0.5 * x.ties, py = y.wins + 0.5 * y.ties;
    if (px != py)
      return px > py;
    return x.points_for - x.points_against > y.points_for - y.points_against;
  });
  return out;
}

struct leader {
  std::string name;
  std::string team;
  int value = 0;
  std::string line;
};

// The players' numbers summed over every game.
std::map<std::string, sim::player_box> totals(const std::vector<game_record>& games) {
  std::map<std::string, sim::player_box> all;
  for (const auto& g : games)
    for (const auto& [id, p] : g.box.players) {
      auto& t = all[id];
      t.name = p.name;
      t.team = p.team;
      t.pass_attempts += p.pass_attempts;
      t.completions += p.completions;
      t.passing_yards += p.passing_yards;
      t.passing_touchdowns += p.passing_touchdowns;
      t.interceptions_thrown += p.interceptions_thrown;
      t.rush_attempts += p.rush_attempts;
      t.rushing_yards += p.rushing_yards;
      t.rushing_touchdowns += p.rushing_touchdowns;
      t.receptions += p.receptions;
      t.receiving_yards += p.receiving_yards;
      t.receiving_touchdowns += p.receiving_touchdowns;
      t.sacks += p.sacks;
      t.interceptions += p.interceptions;
    }
  return all;
}

template <class Value, class Line>
leader best(const std::map<std::string, sim::player_box>& all, Value value, Line line) {
  leader b;
  b.value = -1;
  for (const auto& [_, p] : all)
    if (value(p) > b.value)
      b = leader{p.name, p.team, value(p), line(p)};
  if (b.value <= 0)
    return {};
  return b;
}

struct leaders {
  leader passing, rushing, receiving, defense;
};

leaders leaders_of(const std::vector<game_record>& games) {
  auto all = totals(games);
  leaders l;
  l.passing = best(
      all, [](const sim::player_box& p) { return p.passing_yards; },
      [](const sim::player_box& p) {
        return std::to_string(p.completions) + "/" + std::to_string(p.pass_attempts) + ", " +
               std::to_string(p.passing_yards) + " yards, " + std::to_string(p.passing_touchdowns) +
               " TD, " + std::to_string(p.interceptions_thrown) + " INT";
      });
  l.rushing = best(
      all, [](const sim::player_box& p) { return p.rushing_yards; },
      [](const sim::player_box& p) {
        return std::to_string(p.rush_attempts) + " carries, " + std::to_string(p.rushing_yards) +
               " yards, " + std::to_string(p.rushing_touchdowns) + " TD";
      });
  l.receiving = best(
      all, [](const sim::player_box& p) { return p.receiving_yards; },
      [](const sim::player_box& p) {
        return std::to_string(p.receptions) + " catches, " + std::to_string(p.receiving_yards) +
               " yards, " + std::to_string(p.receiving_touchdowns) + " TD";
      });
  l.defense = best(
      all, [](const sim::player_box& p) { return p.sacks * 2 + p.interceptions * 3; },
      [](const sim::player_box& p) {
        return std::to_string(p.sacks) + " sacks, " + std::to_string(p.interceptions) + " INT";
      });
  return l;
}

std::string score_line(const outcome& o) {
  return o.away + " " + std::to_string(o.away_score) + " @ " + o.home + " " +
         std::to_string(o.home_score);
}

} // namespace

std::string result_json(const std::string& kind, const std::vector<game_record>& games, int events,
                        bool truncated) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("kind");
  w.String(kind.c_str());
  w.Key("events");
  w.Int(events);
  w.Key("truncated");
  w.Bool(truncated);
  w.Key("games");
  w.StartArray();
  for (const auto& g : games) {
    w.StartObject();
    w.Key("key");
    w.String(g.key.c_str());
    w.Key("round");
    w.Int(g.result.round);
    w.Key("home");
    w.String(g.result.home.c_str());
    w.Key("away");
    w.String(g.result.away.c_str());
    w.Key("home_score");
    w.Int(g.result.home_score);
    w.Key("away_score");
    w.Int(g.result.away_score);
    w.Key("winner");
    auto win = g.result.winner();
    if (win.empty())
      w.Null();
    else
      w.String(win.c_str());
    w.EndObject();
  }
  w.EndArray();
  w.Key("standings");
  w.StartArray();
  for (const auto& s : standings(games)) {
    w.StartObject();
    w.Key("team");
    w.String(s.team.c_str());
    w.Key("wins");
    w.Int(s.wins);
    w.Key("losses");
    w.Int(s.losses);
    w.Key("ties");
    w.Int(s.ties);
    w.Key("points_for");
    w.Int(s.points_for);
    w.Key("points_against");
    w.Int(s.points_against);
    w.EndObject();
  }
  w.EndArray();
  w.Key("champion");
  if (kind == "playoffs" && !truncated && !games.empty() && !games.back().result.winner().empty())
    w.String(games.back().result.winner().c_str());
  else
    w.Null();
  w.Key("leaders");
  w.StartObject();
  auto l = leaders_of(games);
  for (const auto& [name, who] : {std::pair<const char*, const leader*>{"passing", &l.passing},
                                  {"rushing", &l.rushing},
                                  {"receiving", &l.receiving},
                                  {"defense", &l.defense}}) {
    w.Key(name);
    if (who->name.empty()) {
      w.Null();
      continue;
    }
    w.StartObject();
    w.Key("player");
    w.String(who->name.c_str());
    w.Key("team");
    w.String(who->team.c_str());
    w.Key("line");
    w.String(who->line.c_str());
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return buf.GetString();
}

std::string narrate(const std::string& kind, const std::vector<game_record>& games,
                    bool truncated) {
  if (games.empty())
    return "No game was completed.";
  std::string text;
  if (kind == "single_game") {
    const auto& g = games.front();
    auto win = g.result.winner();
    text += win.empty() ? "A tie: " + score_line(g.result) + ".\n"
                        : win + " won, " + score_line(g.result) + ".\n";
  } else if (kind == "playoffs") {
    const auto& f = games.back();
    text += truncated ? "The playoffs were stopped before the final.\n"
                      : f.result.winner() + " won the title, beating " +
                            (f.result.winner() == f.result.home ? f.result.away : f.result.home) +
                            " in the final (" + score_line(f.result) + ").\n";
    for (const auto& g : games)
      text += "Round " + std::to_string(g.result.round) + ": " + score_line(g.result) + "\n";
  } else {
    auto table = standings(games);
    text += table.front().team + " finished first at " + std::to_string(table.front().wins) + "-" +
            std::to_string(table.front().losses) +
            (table.front().ties > 0 ? "-" + std::to_string(table.front().ties) : "") + " over " +
            std::to_string(games.size()) + " games" + (truncated ? " (stopped early)" : "") +
            ".\nStandings:";
    for (const auto& s : table)
      text += " " + s.team + " " + std::to_string(s.wins) + "-" + std::to_string(s.losses) +
              (s.ties > 0 ? "-" + std::to_string(s.ties) : "") + ";";
    text += "\n";
  }
  // Turning points and big plays: the deciding game's, or the season's
  // first few.
  std::vector<std::string> turns;
  std::vector<std::string> bigs;
  const auto& focus = kind == "regular_season" ? games : std::vector<game_record>{games.back()};
  for (const auto& g : focus) {
    for (const auto& t : g.turning_points)
      turns.push_back((focus.size() > 1 ? g.key + " " : "") + t);
    for (const auto& b : g.big_plays)
      bigs.push_back((focus.size() > 1 ? g.key + " " : "") + b);
  }
  auto list = [&](const char* title, const std::vector<std::string>& items) {
    if (items.empty())
      return;
    text += std::string{"\n"} + title + ":\n";
    for (std::size_t i = 0; i < items.size() && i < 6; ++i)
      text += "- " + items[i] + "\n";
    if (items.size() > 6)
      text += "- and " + std::to_string(items.size() - 6) + " more\n";
  };
  list("Turning points", turns);
  list("Big plays", bigs);
  auto l = leaders_of(games);
  text += "\nBest players:\n";
  for (const auto& [what, who] : {std::pair<const char*, const leader*>{"Passing", &l.passing},
                                  {"Rushing", &l.rushing},
                                  {"Receiving", &l.receiving},
                                  {"Defense", &l.defense}})
    if (!who->name.empty())
      text +=
          std::string{"- "} + what + ": " + who->name + " (" + who->team + "), " + who->line + "\n";
  return text;
}

} // namespace playclock::simulations
