#include "adapters/weather/stadiums.hpp"

namespace playclock::weather {

namespace {

constexpr roof o = roof::open;
constexpr roof d = roof::dome;
constexpr roof r = roof::retractable;

stadium make(std::string_view team, std::string_view name, std::string_view city,
             std::string_view state, double lat, double lon, roof cover) {
  return stadium{team, name, city, state, lat, lon, cover, cover == roof::open};
}

std::vector<stadium> build() {
  return {
      make("ARI", "State Farm Stadium", "Glendale", "AZ", 33.53, -112.26, r),
      make("ATL", "Mercedes-Benz Stadium", "Atlanta", "GA", 33.76, -84.40, r),
      make("BAL", "M&T Bank Stadium", "Baltimore", "MD", 39.28, -76.62, o),
      make("BUF", "Highmark Stadium", "Orchard Park", "NY", 42.77, -78.79, o),
      make("CAR", "Bank of America Stadium", "Charlotte", "NC", 35.23, -80.85, o),
      make("CHI", "Soldier Field", "Chicago", "IL", 41.86, -87.62, o),
      make("CIN", "Paycor Stadium", "Cincinnati", "OH", 39.10, -84.52, o),
      make("CLE", "Huntington Bank Field", "Cleveland", "OH", 41.51, -81.70, o),
      make("DAL", "AT&T Stadium", "Arlington", "TX", 32.75, -97.09, r),
      make("DEN", "Empower Field at Mile High", "Denver", "CO", 39.74, -105.02, o),
      make("DET", "Ford Field", "Detroit", "MI", 42.34, -83.05, d),
      make("GB", "Lambeau Field", "Green Bay", "WI", 44.50, -88.06, o),
      make("HOU", "NRG Stadium", "Houston", "TX", 29.68, -95.41, r),
      make("IND", "Lucas Oil Stadium", "Indianapolis", "IN", 39.76, -86.16, r),
      make("JAX", "EverBank Stadium", "Jacksonville", "FL", 30.32, -81.64, o),
      make("KC", "GEHA Field at Arrowhead Stadium", "Kansas City", "MO", 39.05, -94.48, o),
      make("LV", "Allegiant Stadium", "Las Vegas", "NV", 36.09, -115.18, d),
      // SoFi's fixed translucent roof covers the field: a dome for weather.
      make("LAC", "SoFi Stadium", "Inglewood", "CA", 33.95, -118.34, d),
      make("LAR", "SoFi Stadium", "Inglewood", "CA", 33.95, -118.34, d),
      make("MIA", "Hard Rock Stadium", "Miami Gardens", "FL", 25.96, -80.24, o),
      make("MIN", "U.S. Bank Stadium", "Minneapolis", "MN", 44.97, -93.26, d),
      make("NE", "Gillette Stadium", "Foxborough", "MA", 42.09, -71.26, o),
      make("NO", "Caesars Superdome", "New Orleans", "LA", 29.95, -90.08, d),
      make("NYG", "MetLife Stadium", "East Rutherford", "NJ", 40.81, -74.07, o),
      make("NYJ", "MetLife Stadium", "East Rutherford", "NJ", 40.81, -74.07, o),
      make("PHI", "Lincoln Financial Field", "Philadelphia", "PA", 39.90, -75.17, o),
      make("PIT", "Acrisure Stadium", "Pittsburgh", "PA", 40.45, -80.02, o),
      make("SF", "Levi's Stadium", "Santa Clara", "CA", 37.40, -121.97, o),
      make("SEA", "Lumen Field", "Seattle", "WA", 47.60, -122.33, o),
      make("TB", "Raymond James Stadium", "Tampa", "FL", 27.98, -82.50, o),
      make("TEN", "Nissan Stadium", "Nashville", "TN", 36.17, -86.77, o),
      make("WSH", "Northwest Stadium", "Landover", "MD", 38.91, -76.86, o),
  };
}

} // namespace

const char* to_string(roof c) {
  switch (c) {
  case roof::open:
    return "open";
  case roof::dome:
    return "dome";
  case roof::retractable:
    return "retractable";
  }
  return "open";
}

const std::vector<stadium>& stadiums() {
  static const std::vector<stadium> all = build();
  return all;
}

const stadium* stadium_for(std::string_view team_abbreviation) {
  for (const auto& s : stadiums())
    if (s.team == team_abbreviation)
      return &s;
  return nullptr;
}

} // namespace playclock::weather
