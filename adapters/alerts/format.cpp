#include "adapters/alerts/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/sim/teams.hpp"

namespace playclock::alerts {

namespace {

std::string upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool contains_nocase(const std::string& haystack, std::string_view needle) {
  return lower(haystack).find(needle) != std::string::npos;
}

bool has_tag(const std::vector<std::string>& tags, std::string_view tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

// The JSON payload of a candidate: {"type": ..., fields...}.
class payload {
 public:
  explicit payload(alert_type t) : w_(buf_) {
    w_.StartObject();
    w_.Key("type");
    w_.String(to_string(t));
  }
  payload& text(const char* key, const std::string& v) {
    w_.Key(key);
    w_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    return *this;
  }
  payload& integer(const char* key, std::int64_t v) {
    w_.Key(key);
    w_.Int64(v);
    return *this;
  }
  // Non-finite numbers are not JSON: null instead.
  payload& number(const char* key, double v) {
    w_.Key(key);
    if (std::isfinite(v))
      w_.Double(v);
    else
      w_.Null();
    return *this;
  }
  payload& list(const char* key, const std::vector<std::string>& items) {
    w_.Key(key);
    w_.StartArray();
    for (const auto& s : items)
      w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    w_.EndArray();
    return *this;
  }
  std::string done() {
    w_.EndObject();
    return {buf_.GetString(), buf_.GetSize()};
  }

 private:
  rapidjson::StringBuffer buf_;
  rapidjson::Writer<rapidjson::StringBuffer> w_;
};

// "Bills 17 @ Chiefs 21".
std::string scoreline(const std::string& home, const std::string& away, int home_score,
                      int away_score) {
  return team_nickname(away) + " " + std::to_string(away_score) + " @ " + team_nickname(home) +
         " " + std::to_string(home_score);
}

// " Q3 8:24", " OT", " 8:24" or "".
std::string game_time(int period, const std::string& clock) {
  std::string out;
  auto p = period_label(period);
  if (!p.empty())
    out += " " + p;
  if (!clock.empty())
    out += " " + clock;
  return out;
}

std::string count(long n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 || n == -1 ? one : many);
}

// A probability as a whole percent, clamped to 0..100.
long percent(double p) {
  if (!std::isfinite(p))
    return 0;
  return std::lround(std::clamp(p, 0.0, 1.0) * 100);
}

// "+13", "-7", "0".
std::string signed_points(long pts) {
  return pts > 0 ? "+" + std::to_string(pts) : std::to_string(pts);
}

// "42% -> 55% (+13 pts" (the caller closes the parenthesis).
std::string move_text(double before, double after) {
  auto b = percent(before);
  auto a = percent(after);
  return std::to_string(b) + "% -> " + std::to_string(a) + "% (" + signed_points(a - b) + " pts";
}

double points_between(double before, double after) {
  return (after - before) * 100;
}

std::vector<std::string> upper_all(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  out.reserve(v.size());
  for (const auto& s : v)
    out.push_back(upper(s));
  return out;
}

std::vector<std::string> home_away(const std::string& home, const std::string& away) {
  std::vector<std::string> out;
  if (!home.empty())
    out.push_back(upper(home));
  if (!away.empty())
    out.push_back(upper(away));
  return out;
}

void play_payload(payload& p, const play_fact& f) {
  p.text("game_id", f.game_id)
      .text("home", f.home)
      .text("away", f.away)
      .integer("home_score", f.home_score)
      .integer("away_score", f.away_score)
      .text("team", f.team)
      .text("description", f.description)
      .text("play_type", f.play_type)
      .integer("yards", f.yards)
      .integer("period", f.period)
      .text("clock", f.clock)
      .text("play_id", f.play_id)
      .list("tags", f.tags);
}

candidate play_base(alert_type t, const play_fact& f) {
  candidate c;
  c.type = t;
  c.key = f.game_id;
  c.event_id = f.play_id;
  c.game_id = f.game_id;
  c.teams = home_away(f.home, f.away);
  return c;
}

} // namespace

std::string team_nickname(const std::string& abbreviation) {
  // Abbreviations other feeds (and older seasons) use for the same clubs.
  static const std::pair<const char*, const char*> aliases[] = {
      {"WAS", "WSH"}, {"LA", "LAR"},  {"STL", "LAR"}, {"JAC", "JAX"}, {"OAK", "LV"},
      {"SD", "LAC"},  {"ARZ", "ARI"}, {"BLT", "BAL"}, {"CLV", "CLE"}, {"HST", "HOU"}};
  auto abbr = upper(abbreviation);
  for (const auto& [from, to] : aliases)
    if (abbr == from) {
      abbr = to;
      break;
    }
  const auto* t = sim::find_team(abbr);
  if (t == nullptr)
    return abbreviation;
  const auto& name = t->team.name;
  auto space = name.rfind(' ');
  return space == std::string::npos ? name : name.substr(space + 1);
}

std::string period_label(int period) {
  if (period <= 0)
    return {};
  if (period >= 5)
    return "OT";
  return "Q" + std::to_string(period);
}

candidate score_candidate(const score_fact& f) {
  candidate c;
  c.type = alert_type::score;
  c.key = f.game_id + ":" + upper(f.scoring_team);
  c.event_id = f.event_id;
  c.game_id = f.game_id;
  c.teams = home_away(f.home, f.away);
  c.message = scoreline(f.home, f.away, f.home_score, f.away_score) + " - " +
              team_nickname(f.scoring_team) + " score " + count(f.points, "point", "points") + "!" +
              game_time(f.period, f.clock);
  c.payload_json = payload{c.type}
                       .text("game_id", f.game_id)
                       .text("home", f.home)
                       .text("away", f.away)
                       .integer("home_score", f.home_score)
                       .integer("away_score", f.away_score)
                       .text("scoring_team", f.scoring_team)
                       .integer("points", f.points)
                       .integer("period", f.period)
                       .text("clock", f.clock)
                       .text("event_id", f.event_id)
                       .done();
  return c;
}

candidate big_play_candidate(const play_fact& f) {
  auto c = play_base(alert_type::big_play, f);
  std::string what;
  if (f.yards >= 0) {
    auto gain = count(f.yards, "yard", "yards");
    what = f.team.empty() ? "a gain of " + gain : team_nickname(f.team) + " gain " + gain;
  } else {
    auto loss = count(-static_cast<long>(f.yards), "yard", "yards");
    what = f.team.empty() ? "a loss of " + loss : team_nickname(f.team) + " lose " + loss;
  }
  if (!f.description.empty())
    what += " (" + f.description + ")";
  c.message = scoreline(f.home, f.away, f.home_score, f.away_score) + " - Big play: " + what +
              game_time(f.period, f.clock);
  payload p{c.type};
  play_payload(p, f);
  c.payload_json = p.done();
  return c;
}

std::string turnover_kind(const play_fact& f) {
  auto said = [&f](std::string_view word) {
    return contains_nocase(f.play_type, word) || contains_nocase(f.description, word);
  };
  if (has_tag(f.tags, "interception") || said("interception") || said("intercepted"))
    return "interception";
  if (has_tag(f.tags, "fumble") || said("fumble") || said("recovered by"))
    return "fumble";
  if (said("turnover on downs"))
    return "turnover on downs";
  if (said("blocked"))
    return "blocked kick";
  if (said("muffed"))
    return "muffed punt";
  if (has_tag(f.tags, "safety") || said("safety"))
    return "safety";
  return {};
}

candidate turnover_candidate(const play_fact& f) {
  auto c = play_base(alert_type::turnover, f);
  auto kind = turnover_kind(f);
  std::string what =
      f.team.empty() ? "the ball changes hands" : team_nickname(f.team) + " lose the ball";
  if (!kind.empty())
    what += " (" + kind + ")";
  else if (!f.description.empty())
    what += " (" + f.description + ")";
  c.message = scoreline(f.home, f.away, f.home_score, f.away_score) + " - Turnover: " + what +
              game_time(f.period, f.clock);
  payload p{c.type};
  play_payload(p, f);
  p.text("kind", kind);
  c.payload_json = p.done();
  return c;
}

candidate injury_candidate(const injury_fact& f) {
  candidate c;
  c.type = alert_type::injury;
  c.key = upper(f.team) + ":" + (f.player_id.empty() ? f.player_name : f.player_id);
  c.event_id = f.event_id;
  c.game_id = f.game_id;
  if (!f.team.empty())
    c.teams.push_back(upper(f.team));
  std::string who;
  for (const auto* part : {&f.team, &f.position, &f.player_name}) {
    if (part->empty())
      continue;
    if (!who.empty())
      who += ' ';
    who += part == &f.team ? team_nickname(f.team) : *part;
  }
  c.message = "Injury: " + (who.empty() ? std::string{"unknown player"} : who);
  if (!f.status.empty())
    c.message += " is " + f.status;
  if (!f.detail.empty())
    c.message += " (" + f.detail + ")";
  if (!f.previous_status.empty() && f.previous_status != f.status)
    c.message += ", was " + f.previous_status;
  c.payload_json = payload{c.type}
                       .text("team", f.team)
                       .text("player_id", f.player_id)
                       .text("player_name", f.player_name)
                       .text("position", f.position)
                       .text("status", f.status)
                       .text("previous_status", f.previous_status)
                       .text("detail", f.detail)
                       .text("game_id", f.game_id)
                       .text("event_id", f.event_id)
                       .done();
  return c;
}

candidate spike_candidate(const spike_fact& f) {
  candidate c;
  c.type = alert_type::price_spike;
  c.key = f.ticker;
  c.event_id = f.event_id;
  c.game_id = f.game_id;
  c.teams = upper_all(f.teams);
  c.ticker = f.ticker;
  auto points = points_between(f.before, f.after);
  c.level = impact_of(points);
  c.message = "Market " + f.ticker;
  if (!f.title.empty())
    c.message += " (" + f.title + ")";
  c.message += ": " + move_text(f.before, f.after) + ")";
  if (std::isfinite(f.seconds_between) && std::lround(f.seconds_between) > 0)
    c.message += " in " + std::to_string(std::lround(f.seconds_between)) + " s";
  c.payload_json = payload{c.type}
                       .text("ticker", f.ticker)
                       .text("title", f.title)
                       .text("game_id", f.game_id)
                       .list("teams", f.teams)
                       .number("before", f.before)
                       .number("after", f.after)
                       .number("points", points)
                       .text("level", to_string(*c.level))
                       .number("seconds_between", f.seconds_between)
                       .text("event_id", f.event_id)
                       .done();
  return c;
}

candidate correlation_candidate(const correlation_fact& f) {
  candidate c;
  c.type = alert_type::correlation;
  c.key = f.ticker;
  c.event_id = f.play_id;
  c.game_id = f.game_id;
  c.teams = home_away(f.home, f.away);
  c.ticker = f.ticker;
  auto points = f.change_points.value_or(points_between(f.before, f.after));
  c.level = f.level.value_or(impact_of(points));
  c.urgency = *c.level == impact::extreme ? priority::high : priority::normal;
  std::string subject;
  if (!f.team.empty())
    subject = team_nickname(f.team) + " " + (f.play_kind.empty() ? "play" : f.play_kind);
  else if (!f.play_kind.empty())
    subject = upper(f.play_kind.substr(0, 1)) + f.play_kind.substr(1);
  else
    subject = "A play";
  if (!f.play_description.empty())
    subject += " (" + f.play_description + ")";
  c.message = subject + " moved " + f.ticker + " " + move_text(f.before, f.after) + ", " +
              to_string(*c.level) + " impact)";
  c.payload_json = payload{c.type}
                       .text("game_id", f.game_id)
                       .text("home", f.home)
                       .text("away", f.away)
                       .text("team", f.team)
                       .text("play_kind", f.play_kind)
                       .text("play_description", f.play_description)
                       .text("ticker", f.ticker)
                       .number("before", f.before)
                       .number("after", f.after)
                       .number("points", points)
                       .text("level", to_string(*c.level))
                       .text("play_id", f.play_id)
                       .done();
  return c;
}

candidate edge_candidate(const edge_fact& f) {
  candidate c;
  c.type = alert_type::edge;
  c.key = f.ticker;
  c.event_id = f.event_id;
  c.game_id = f.game_id;
  c.teams = upper_all(f.teams);
  c.ticker = f.ticker;
  auto points = points_between(f.market_probability, f.model_probability);
  c.level = impact_of(points);
  auto market = percent(f.market_probability);
  auto model = percent(f.model_probability);
  c.message = "Edge: " + f.ticker + " trades at " + std::to_string(market) +
              "% but the model says " + std::to_string(model) + "% (" +
              signed_points(model - market) + " pts)";
  c.payload_json = payload{c.type}
                       .text("ticker", f.ticker)
                       .text("game_id", f.game_id)
                       .list("teams", f.teams)
                       .number("market_probability", f.market_probability)
                       .number("model_probability", f.model_probability)
                       .number("points", points)
                       .text("level", to_string(*c.level))
                       .text("model_version", f.model_version)
                       .text("event_id", f.event_id)
                       .done();
  return c;
}

} // namespace playclock::alerts
