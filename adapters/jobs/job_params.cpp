// The parameter rules of each job type: every field is named, typed and
// bounded here, so a bad parameter is refused at submission with its name,
// never discovered by the job at run time.
#include <algorithm>
#include <map>
#include <string_view>

#include <rapidjson/document.h>

#include "adapters/jobs/job_request.hpp"
#include "adapters/simulations/plan.hpp"

namespace playclock::jobs {

namespace {

enum class kind { integer, number, boolean, text, path, text_array };

struct field_rule {
  const char* name;
  kind k;
  double lo = 0, hi = 0;
  /// text, text_array: the allowed values (empty = any string of 1..64 bytes).
  std::vector<std::string> allowed{};
  /// text_array: most items.
  std::size_t max_items = 500;
};

/// A check across fields, after each field passed its own (the document is
/// an object of known, well-typed fields).
using cross_check = std::optional<bad_field> (*)(const rapidjson::Document& params);

struct type_rules {
  std::vector<field_rule> fields;
  cross_check across = nullptr;
};

// Files need a directory; the live feeds alone do not.
std::optional<bad_field> pipeline_needs_dir(const rapidjson::Document& d) {
  if (d.HasMember("dir") || !d.HasMember("sources"))
    return std::nullopt;
  for (const auto& src : d["sources"].GetArray())
    if (std::string_view{src.GetString()} != "live")
      return bad_field{"params.dir", "required for the schedules and pbp sources"};
  return std::nullopt;
}

// The teams must suit the kind (2 for a game, a bracket's size, ...).
std::optional<bad_field> simulation_teams(const rapidjson::Document& d) {
  std::string kind = d.HasMember("kind") ? d["kind"].GetString() : "single_game";
  std::vector<std::string> teams;
  if (d.HasMember("teams"))
    for (const auto& t : d["teams"].GetArray())
      teams.emplace_back(t.GetString());
  if (auto why = simulations::check_teams(kind, teams))
    return bad_field{"params.teams", *why};
  return std::nullopt;
}

const std::map<std::string, type_rules>& rules() {
  static const std::map<std::string, type_rules> all{
      {"noop", {{{"steps", kind::integer, 0, 10000}, {"step_ms", kind::integer, 0, 3600000}}}},
      {"model_training",
       {{{"min_games", kind::integer, 1, 1000000},
         {"holdout_pct", kind::integer, 0, 50},
         {"l2", kind::number, 0, 1},
         {"promote", kind::boolean}}}},
      {"prediction_generation", {{{"game_ids", kind::text_array, 0, 0, {}, 500}}}},
      {"quick_data_refresh",
       {{{"sources",
          kind::text_array,
          0,
          0,
          {"scoreboard", "schedule", "injuries", "weather", "markets"},
          5},
         {"wait_s", kind::integer, 1, 600}}}},
      {"data_pipeline",
       {{{"dir", kind::path},
         {"sources", kind::text_array, 0, 0, {"schedules", "pbp", "live"}, 3},
         {"anomaly_pct", kind::number, 0, 100000},
         {"max_age_days", kind::integer, 0, 3650},
         {"wait_s", kind::integer, 1, 600}},
        pipeline_needs_dir}},
      {"simulation",
       {{{"kind", kind::text, 0, 0, {"single_game", "regular_season", "playoffs"}},
         {"teams", kind::text_array, 0, 0, {}, 32},
         {"seed", kind::integer, 0, 9007199254740991.0},
         {"steps", kind::integer, 1, 1000000},
         {"speed", kind::number, 0, 10000}},
        simulation_teams}},
  };
  return all;
}

std::string range(const field_rule& r) {
  auto num = [&](double v) {
    return r.k == kind::integer ? std::to_string(static_cast<long long>(v)) : std::to_string(v);
  };
  return num(r.lo) + " to " + num(r.hi);
}

std::optional<std::string> check_value(const field_rule& r, const rapidjson::Value& v) {
  switch (r.k) {
  case kind::integer:
    if (!v.IsInt64() || static_cast<double>(v.GetInt64()) < r.lo ||
        static_cast<double>(v.GetInt64()) > r.hi)
      return "must be an integer from " + range(r);
    return std::nullopt;
  case kind::number:
    if (!v.IsNumber() || v.GetDouble() < r.lo || v.GetDouble() > r.hi)
      return "must be a number from " + range(r);
    return std::nullopt;
  case kind::boolean:
    if (!v.IsBool())
      return std::string{"must be true or false"};
    return std::nullopt;
  case kind::path:
    if (!v.IsString() || v.GetStringLength() == 0 || v.GetStringLength() > 4096)
      return std::string{"must be a path of 1 to 4096 bytes"};
    return std::nullopt;
  case kind::text: {
    if (!v.IsString() ||
        std::find(r.allowed.begin(), r.allowed.end(), v.GetString()) == r.allowed.end()) {
      std::string one_of;
      for (const auto& a : r.allowed)
        one_of += (one_of.empty() ? "" : ", ") + a;
      return "must be one of " + one_of;
    }
    return std::nullopt;
  }
  case kind::text_array: {
    std::string one_of;
    for (const auto& a : r.allowed)
      one_of += (one_of.empty() ? "" : ", ") + a;
    auto what =
        r.allowed.empty() ? std::string{"strings of 1 to 64 bytes"} : "strings out of " + one_of;
    if (!v.IsArray() || v.Size() > r.max_items)
      return "must be an array of at most " + std::to_string(r.max_items) + " " + what;
    for (const auto& item : v.GetArray()) {
      if (!item.IsString() || item.GetStringLength() == 0 || item.GetStringLength() > 64)
        return "must be an array of " + what;
      std::string s{item.GetString(), item.GetStringLength()};
      if (!r.allowed.empty() && std::find(r.allowed.begin(), r.allowed.end(), s) == r.allowed.end())
        return "must be an array of " + what;
    }
    return std::nullopt;
  }
  }
  return std::nullopt;
}

} // namespace

const std::vector<std::string>& job_types() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v;
    for (const auto& [name, _] : rules())
      v.push_back(name);
    return v; // std::map: sorted
  }();
  return all;
}

std::optional<bad_field> check_params(const std::string& type, std::string_view params_json) {
  auto rule = rules().find(type);
  if (rule == rules().end())
    return bad_field{"type", "unknown job type"};
  rapidjson::Document doc;
  doc.Parse(params_json.data(), params_json.size());
  if (doc.HasParseError() || !doc.IsObject())
    return bad_field{"params", "must be a JSON object"};
  for (const auto& m : doc.GetObject()) {
    std::string name{m.name.GetString(), m.name.GetStringLength()};
    const auto& fields = rule->second.fields;
    auto r = std::find_if(fields.begin(), fields.end(),
                          [&](const field_rule& f) { return name == f.name; });
    if (r == fields.end())
      return bad_field{"params." + name, "unknown parameter of " + type};
    if (auto why = check_value(*r, m.value))
      return bad_field{"params." + name, *why};
  }
  if (rule->second.across != nullptr)
    return rule->second.across(doc);
  return std::nullopt;
}

} // namespace playclock::jobs
