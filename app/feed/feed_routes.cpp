#include "app/feed/feed_routes.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <system_error>
#include <variant>
#include <vector>

// As the adapters library compiles RapidJSON (one definition everywhere).
#ifndef RAPIDJSON_HAS_STDSTRING
#define RAPIDJSON_HAS_STDSTRING 1
#endif
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "adapters/espn/paths.hpp"
#include "adapters/espn/write.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/router.hpp"
#include "adapters/kalshi/write.hpp"
#include "adapters/league/simulated_league.hpp"
#include "adapters/weather/forecast.hpp"

namespace playclock::feed {

namespace {

constexpr const char* scoreboard_path = "/apis/site/v2/sports/football/nfl/scoreboard";
constexpr const char* summary_path = "/apis/site/v2/sports/football/nfl/summary";
constexpr const char* forecast_path = "/data/2.5/forecast";
constexpr const char* markets_path = "/trade-api/v2/markets";
constexpr const char* market_path = "/trade-api/v2/markets/{ticker}";
constexpr const char* orderbook_path = "/trade-api/v2/markets/{ticker}/orderbook";

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

std::string json_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  v.Accept(w);
  return {buf.GetString(), buf.GetSize()};
}

// Kalshi's error body: {"error":{"code":"not_found","message":"...","service":...}}.
http::response kalshi_error(int status, const char* code, const std::string& message) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.String(code);
  w.Key("message");
  w.String(message);
  w.Key("service");
  w.String("playclock-feed");
  w.EndObject();
  w.EndObject();
  http::response res;
  res.status = status;
  res.body.assign(buf.GetString(), buf.GetSize());
  return res;
}

http::response bad_request(const std::string& message) {
  return kalshi_error(400, "bad_request", message);
}

http::response not_found(const std::string& message) {
  return kalshi_error(404, "not_found", message);
}

// An integer query parameter within [lo, hi]; `fallback` when absent.
std::optional<int> int_param(const http::request& req, const char* name, int lo, int hi,
                             int fallback, std::string& error) {
  auto v = req.query_param(name);
  if (!v)
    return fallback;
  if (v->empty() || v->size() > 9 || v->find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(*v) < lo || std::stoi(*v) > hi) {
    error = std::string{name} + ": must be an integer from " + std::to_string(lo) + " to " +
            std::to_string(hi) + ", not \"" + *v + "\"";
    return std::nullopt;
  }
  return std::stoi(*v);
}

// GET /markets parameters as a query, or a message for the 400.
std::optional<markets::markets_query> markets_query_of(const http::request& req,
                                                       std::string& error) {
  markets::markets_query q;
  auto limit = int_param(req, "limit", 1, 1000, 100, error);
  if (!limit)
    return std::nullopt;
  q.limit = *limit;
  q.cursor = req.query_param("cursor").value_or("");
  q.status = req.query_param("status").value_or("");
  q.series_ticker = req.query_param("series_ticker").value_or("");
  q.event_ticker = req.query_param("event_ticker").value_or("");
  static const char* const statuses[] = {"", "unopened", "open", "closed", "settled"};
  if (std::find(std::begin(statuses), std::end(statuses), q.status) == std::end(statuses)) {
    error = "status: must be one of unopened, open, closed, settled, not \"" + q.status + "\"";
    return std::nullopt;
  }
  return q;
}

// Kalshi's `depth`: the best `depth` levels of each side (0: all).
void trim_book(markets::orderbook& book, int depth) {
  if (depth <= 0)
    return;
  for (auto* side : {&book.yes, &book.no})
    if (side->size() > static_cast<std::size_t>(depth))
      side->erase(side->begin(), side->end() - depth); // ascending: best bids last
}

// Recorded Kalshi responses: the golden recordings wrap the body as
// {"_metadata": {...}, "response": {...}}; bare bodies are taken as they are.
struct kalshi_recording {
  /// The first markets list, if any.
  std::string markets_list;
  /// Ticker -> {"market": {...}} (from single-market recordings and lists).
  std::map<std::string, std::string> markets;
  /// Ticker -> orderbook body (by the recording's _metadata.ticker).
  std::map<std::string, std::string> orderbooks;
  bool empty() const { return markets_list.empty() && markets.empty() && orderbooks.empty(); }
};

void read_kalshi_file(const std::filesystem::path& p, kalshi_recording& rec) {
  auto name = p.filename().string();
  bool list = name.find("markets") != std::string::npos;
  bool single = !list && name.find("market") != std::string::npos;
  bool book = name.find("orderbook") != std::string::npos;
  if (!list && !single && !book)
    return;
  rapidjson::Document doc;
  auto text = read_file(p);
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject())
    return;
  const rapidjson::Value* body = &doc;
  std::string ticker;
  if (auto r = doc.FindMember("response"); r != doc.MemberEnd() && r->value.IsObject()) {
    body = &r->value;
    if (auto m = doc.FindMember("_metadata"); m != doc.MemberEnd() && m->value.IsObject())
      if (auto t = m->value.FindMember("ticker"); t != m->value.MemberEnd() && t->value.IsString())
        ticker = t->value.GetString();
  }
  auto add_market = [&](const rapidjson::Value& m) {
    if (!m.IsObject())
      return;
    auto t = m.FindMember("ticker");
    if (t == m.MemberEnd() || !t->value.IsString())
      return;
    rec.markets.emplace(t->value.GetString(), "{\"market\":" + json_text(m) + "}");
  };
  if (book) {
    if (!ticker.empty() && body->HasMember("orderbook"))
      rec.orderbooks.emplace(ticker, json_text(*body));
  } else if (list) {
    auto ms = body->FindMember("markets");
    if (ms == body->MemberEnd() || !ms->value.IsArray())
      return;
    if (rec.markets_list.empty())
      rec.markets_list = json_text(*body);
    for (const auto& m : ms->value.GetArray())
      add_market(m);
  } else if (auto m = body->FindMember("market"); m != body->MemberEnd()) {
    add_market(m->value);
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
  r->add("GET", markets_path,
         [league](const http::request& req, const http::path_params&, http::responder respond) {
           std::string error;
           auto q = markets_query_of(req, error);
           if (!q) {
             respond(bad_request(error));
             return;
           }
           auto page = league->markets(*q);
           if (auto* e = std::get_if<league::market_query_error>(&page)) {
             respond(bad_request(e->message));
             return;
           }
           respond(
               json_with_etag(req, kalshi::write_markets(std::get<markets::markets_page>(page))));
         });
  r->add(
      "GET", market_path,
      [league](const http::request& req, const http::path_params& params, http::responder respond) {
        auto m = league->market(params.at(0).second);
        if (!m) {
          respond(not_found("market " + params.at(0).second + " not found"));
          return;
        }
        respond(json_with_etag(req, kalshi::write_market(*m)));
      });
  r->add(
      "GET", orderbook_path,
      [league](const http::request& req, const http::path_params& params, http::responder respond) {
        std::string error;
        auto depth = int_param(req, "depth", 0, 100, 0, error);
        if (!depth) {
          respond(bad_request(error));
          return;
        }
        auto book = league->orderbook(params.at(0).second);
        if (!book) {
          respond(not_found("market " + params.at(0).second + " not found"));
          return;
        }
        trim_book(*book, *depth);
        respond(json_with_etag(req, kalshi::write_orderbook(*book)));
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
                      "?lat=&lon=\",\"" + markets_path + "\",\"" + markets_path + "/TICKER\",\"" +
                      markets_path + "/TICKER/orderbook\"]}";
           respond(std::move(res));
         });
  return r;
}

std::shared_ptr<http::router> replay_routes(const std::filesystem::path& dir) {
  std::vector<std::string> scoreboards;
  std::map<std::string, std::string> summaries; // file name -> body
  std::string forecast;
  auto kalshi = std::make_shared<kalshi_recording>();
  for (const auto& folder : {dir, dir / "kalshi"}) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
      continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator{folder})
      if (entry.path().extension() == ".json")
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      read_kalshi_file(f, *kalshi);
  }
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
  if (scoreboards.empty() && kalshi->empty())
    throw std::runtime_error("replay: no scoreboard*.json and no Kalshi recording in " +
                             dir.string());
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
        if (bodies->empty())
          respond(http::problem(http::ec::not_found, "no recorded scoreboard", req.path));
        else
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
  // Kalshi: the recorded list as it was (filters are not applied); a cursor
  // (the recording's points into the real Kalshi) gets an empty last page.
  r->add("GET", markets_path,
         [kalshi](const http::request& req, const http::path_params&, http::responder respond) {
           std::string error;
           auto q = markets_query_of(req, error);
           if (!q) {
             respond(bad_request(error));
             return;
           }
           if (kalshi->markets_list.empty() || !q->cursor.empty())
             respond(json_with_etag(req, kalshi::write_markets({})));
           else
             respond(json_with_etag(req, kalshi->markets_list));
         });
  r->add(
      "GET", market_path,
      [kalshi](const http::request& req, const http::path_params& params, http::responder respond) {
        auto it = kalshi->markets.find(params.at(0).second);
        if (it == kalshi->markets.end())
          respond(not_found("market " + params.at(0).second + " not found"));
        else
          respond(json_with_etag(req, it->second));
      });
  r->add(
      "GET", orderbook_path,
      [kalshi](const http::request& req, const http::path_params& params, http::responder respond) {
        const auto& ticker = params.at(0).second;
        if (auto it = kalshi->orderbooks.find(ticker); it != kalshi->orderbooks.end())
          respond(json_with_etag(req, it->second));
        else if (kalshi->markets.count(ticker) > 0)
          respond(json_with_etag(req, kalshi::write_orderbook({})));
        else
          respond(not_found("market " + ticker + " not found"));
      });
  return r;
}

} // namespace playclock::feed
