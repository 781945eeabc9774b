#include "app/feed/feed_routes.hpp"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <vector>

#include "adapters/espn/paths.hpp"
#include "adapters/espn/write.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "adapters/league/simulated_league.hpp"
#include "adapters/weather/forecast.hpp"

namespace playclock::feed {

namespace {

constexpr const char* scoreboard_path = "/apis/site/v2/sports/football/nfl/scoreboard";
constexpr const char* summary_path = "/apis/site/v2/sports/football/nfl/summary";
constexpr const char* forecast_path = "/data/2.5/forecast";

std::string etag_of(const std::string& body) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : body)
    h = (h ^ c) * 1099511628211ull;
  char buf[24];
  std::snprintf(buf, sizeof(buf), "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

// 200 with an ETag, or 304 when the client already has this body.
http::response json_with_etag(const http::request& req, std::string body) {
  http::response res;
  auto tag = etag_of(body);
  res.headers.emplace_back("ETag", tag);
  res.headers.emplace_back("Cache-Control", "max-age=0");
  if (req.header("if-none-match").value_or("") == tag) {
    res.status = 304;
    return res;
  }
  res.body = std::move(body);
  return res;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in{p, std::ios::binary};
  return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

std::optional<double> number_param(const http::request& req, const char* name) {
  auto v = req.query_param(name);
  if (!v)
    return std::nullopt;
  try {
    std::size_t used = 0;
    double d = std::stod(*v, &used);
    if (used != v->size())
      return std::nullopt;
    return d;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

} // namespace

std::shared_ptr<http::router> league_routes(std::shared_ptr<league::simulated_league> league) {
  auto r = std::make_shared<http::router>();
  r->add("GET", scoreboard_path,
         [league](const http::request& req, const http::path_params&, http::responder respond) {
           auto games = req.query_param("dates") ? league->schedule() : league->scoreboard();
           int week = games.empty() ? 1 : games.front().week;
           respond(json_with_etag(
               req, espn::write_scoreboard(games, league->options().season, 2, week)));
         });
  r->add("GET", summary_path,
         [league](const http::request& req, const http::path_params&, http::responder respond) {
           auto id = req.query_param("event");
           if (!id || id->empty()) {
             respond(http::problem(http::ec::bad_request, "event: required", req.path));
             return;
           }
           auto s = league->summary(*id);
           if (!s) {
             respond(http::problem(http::ec::not_found, "no game " + *id, req.path));
             return;
           }
           respond(json_with_etag(req, espn::write_summary(*s)));
         });
  r->add(
      "GET", forecast_path,
      [league](const http::request& req, const http::path_params&, http::responder respond) {
        auto lat = number_param(req, "lat");
        auto lon = number_param(req, "lon");
        if (!lat || !lon) {
          respond(http::problem(http::ec::bad_request, "lat and lon: required numbers", req.path));
          return;
        }
        respond(json_with_etag(req,
                               weather::write_forecast(league->forecast(*lat, *lon), "Simulated")));
      });
  r->add("GET", "/",
         [league](const http::request&, const http::path_params&, http::responder respond) {
           http::response res;
           auto& o = league->options();
           res.body = "{\"service\":\"playclock-feed\",\"mode\":\"league\",\"games\":" +
                      std::to_string(o.games) + ",\"speed\":" + std::to_string(o.speed) +
                      ",\"seed\":" + std::to_string(o.seed) +
                      ",\"round\":" + std::to_string(league->round()) + ",\"paths\":[\"" +
                      scoreboard_path + "\",\"" + summary_path + "?event=ID\",\"" + forecast_path +
                      "?lat=&lon=\"]}";
           respond(std::move(res));
         });
  return r;
}

std::shared_ptr<http::router> replay_routes(const std::filesystem::path& dir) {
  std::vector<std::string> scoreboards;
  std::map<std::string, std::string> summaries; // file name -> body
  std::string forecast;
  for (const auto& entry : std::filesystem::directory_iterator{dir}) {
    auto name = entry.path().filename().string();
    if (entry.path().extension() != ".json")
      continue;
    if (name.rfind("scoreboard", 0) == 0)
      scoreboards.push_back(entry.path().string());
    else if (name.rfind("summary", 0) == 0)
      summaries[name] = read_file(entry.path());
    else if (name.rfind("forecast", 0) == 0)
      forecast = read_file(entry.path());
  }
  if (scoreboards.empty())
    throw std::runtime_error("replay: no scoreboard*.json in " + dir.string());
  std::sort(scoreboards.begin(), scoreboards.end());
  auto bodies = std::make_shared<std::vector<std::string>>();
  for (const auto& f : scoreboards)
    bodies->push_back(read_file(f));
  auto next = std::make_shared<std::atomic<std::size_t>>(0);
  auto by_name = std::make_shared<std::map<std::string, std::string>>(std::move(summaries));
  auto r = std::make_shared<http::router>();
  r->add(
      "GET", scoreboard_path,
      [bodies, next](const http::request& req, const http::path_params&, http::responder respond) {
        // Only the live scoreboard (no `dates`) steps through the recording;
        // a schedule request sees the document the live one saw last.
        std::size_t i = 0;
        if (req.query_param("dates"))
          i = next->load() == 0 ? 0 : next->load() - 1;
        else
          i = next->fetch_add(1);
        respond(json_with_etag(req, (*bodies)[std::min(i, bodies->size() - 1)]));
      });
  r->add("GET", summary_path,
         [by_name](const http::request& req, const http::path_params&, http::responder respond) {
           auto id = req.query_param("event").value_or("");
           for (const auto& [name, body] : *by_name) {
             if (!id.empty() && name.find(id) != std::string::npos) {
               respond(json_with_etag(req, body));
               return;
             }
           }
           respond(http::problem(http::ec::not_found, "no recorded summary for " + id, req.path));
         });
  r->add("GET", forecast_path,
         [forecast](const http::request& req, const http::path_params&, http::responder respond) {
           if (forecast.empty())
             respond(http::problem(http::ec::not_found, "no recorded forecast", req.path));
           else
             respond(json_with_etag(req, forecast));
         });
  return r;
}

} // namespace playclock::feed
