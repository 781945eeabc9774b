#include "adapters/sim/teams.hpp"

namespace playclock::sim {

namespace {

struct row {
  const char* id;
  const char* abbr;
  const char* name;
  double offense;
  double defense;
  const char* venue_id; // ESPN venue id, from the scoreboards in shared/realdata; "" if unknown
  const char* stadium;
  const char* city;
  const char* state;
  bool indoor;
};

// Ratings: a rough reading of recent seasons (points scored and allowed),
// not a forecast. Indoor: domes and retractable roofs that are usually shut.
const row rows[] = {
    {"1", "ATL", "Atlanta Falcons", 0.2, -0.4, "5348", "Mercedes-Benz Stadium", "Atlanta", "GA",
     true},
    {"2", "BUF", "Buffalo Bills", 0.8, 0.2, "", "Highmark Stadium", "Orchard Park", "NY", false},
    {"3", "CHI", "Chicago Bears", -0.4, 0.1, "3933", "Soldier Field", "Chicago", "IL", false},
    {"4", "CIN", "Cincinnati Bengals", 0.6, -0.5, "", "Paycor Stadium", "Cincinnati", "OH", false},
    {"5", "CLE", "Cleveland Browns", -0.6, 0.0, "3679", "Huntington Bank Field", "Cleveland", "OH",
     false},
    {"6", "DAL", "Dallas Cowboys", 0.0, -0.3, "", "AT&T Stadium", "Arlington", "TX", true},
    {"7", "DEN", "Denver Broncos", 0.0, 0.6, "3937", "Empower Field at Mile High", "Denver", "CO",
     false},
    {"8", "DET", "Detroit Lions", 0.9, 0.3, "3727", "Ford Field", "Detroit", "MI", true},
    {"9", "GB", "Green Bay Packers", 0.5, 0.3, "3798", "Lambeau Field", "Green Bay", "WI", false},
    {"10", "TEN", "Tennessee Titans", -0.6, -0.3, "3810", "Nissan Stadium", "Nashville", "TN",
     false},
    {"11", "IND", "Indianapolis Colts", -0.1, -0.3, "3812", "Lucas Oil Stadium", "Indianapolis",
     "IN", true},
    {"12", "KC", "Kansas City Chiefs", 0.4, 0.4, "", "GEHA Field at Arrowhead Stadium",
     "Kansas City", "MO", false},
    {"13", "LV", "Las Vegas Raiders", -0.5, -0.3, "", "Allegiant Stadium", "Las Vegas", "NV", true},
    {"14", "LAR", "Los Angeles Rams", 0.3, -0.1, "7065", "SoFi Stadium", "Inglewood", "CA", true},
    {"15", "MIA", "Miami Dolphins", -0.2, 0.0, "", "Hard Rock Stadium", "Miami Gardens", "FL",
     false},
    {"16", "MIN", "Minnesota Vikings", 0.4, 0.5, "5239", "U.S. Bank Stadium", "Minneapolis", "MN",
     true},
    {"17", "NE", "New England Patriots", -0.6, -0.3, "3738", "Gillette Stadium", "Foxboro", "MA",
     false},
    {"18", "NO", "New Orleans Saints", -0.3, -0.3, "3493", "Caesars Superdome", "New Orleans", "LA",
     true},
    {"19", "NYG", "New York Giants", -0.7, -0.2, "3839", "MetLife Stadium", "East Rutherford", "NJ",
     false},
    {"20", "NYJ", "New York Jets", -0.3, 0.0, "3839", "MetLife Stadium", "East Rutherford", "NJ",
     false},
    {"21", "PHI", "Philadelphia Eagles", 0.6, 0.8, "", "Lincoln Financial Field", "Philadelphia",
     "PA", false},
    {"22", "ARI", "Arizona Cardinals", 0.1, -0.2, "", "State Farm Stadium", "Glendale", "AZ", true},
    {"23", "PIT", "Pittsburgh Steelers", 0.0, 0.4, "3752", "Acrisure Stadium", "Pittsburgh", "PA",
     false},
    {"24", "LAC", "Los Angeles Chargers", 0.1, 0.6, "7065", "SoFi Stadium", "Inglewood", "CA",
     true},
    {"25", "SF", "San Francisco 49ers", 0.3, 0.1, "", "Levi's Stadium", "Santa Clara", "CA", false},
    {"26", "SEA", "Seattle Seahawks", 0.1, -0.1, "3673", "Lumen Field", "Seattle", "WA", false},
    {"27", "TB", "Tampa Bay Buccaneers", 0.6, -0.1, "", "Raymond James Stadium", "Tampa", "FL",
     false},
    {"28", "WSH", "Washington Commanders", 0.6, -0.1, "3719", "Northwest Stadium", "Landover", "MD",
     false},
    {"29", "CAR", "Carolina Panthers", -0.5, -0.9, "3628", "Bank of America Stadium", "Charlotte",
     "NC", false},
    {"30", "JAX", "Jacksonville Jaguars", -0.4, -0.6, "3712", "EverBank Stadium", "Jacksonville",
     "FL", false},
    {"33", "BAL", "Baltimore Ravens", 0.9, 0.2, "3814", "M&T Bank Stadium", "Baltimore", "MD",
     false},
    {"34", "HOU", "Houston Texans", 0.0, 0.3, "3891", "NRG Stadium", "Houston", "TX", true},
};

std::vector<team_profile> build() {
  std::vector<team_profile> out;
  for (const auto& r : rows) {
    team_profile p;
    p.team = sports::team{r.id, r.abbr, r.name};
    p.offense = r.offense;
    p.defense = r.defense;
    p.stadium.id = *r.venue_id != '\0' ? r.venue_id : std::string("sim-") + r.abbr;
    p.stadium.name = r.stadium;
    p.stadium.city = r.city;
    p.stadium.state = r.state;
    p.stadium.indoor = r.indoor;
    out.push_back(std::move(p));
  }
  return out;
}

} // namespace

const std::vector<team_profile>& nfl_teams() {
  static const std::vector<team_profile> teams = build();
  return teams;
}

const team_profile* find_team(const std::string& abbreviation) {
  for (const auto& t : nfl_teams())
    if (t.team.abbreviation == abbreviation)
      return &t;
  return nullptr;
}

} // namespace playclock::sim
