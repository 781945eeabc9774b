// playclock-feed: the simulated league (or recorded real responses) served
// over HTTP in ESPN's site-API, OpenWeatherMap's and Kalshi's formats, so
// nodes, tests and benchmarks exercise the real HTTP adapters.
//
//   playclock-feed --listen 127.0.0.1:PORT --games N --speed X --seed S
//   playclock-feed --listen 127.0.0.1:PORT --replay DIR

#include <csignal>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "adapters/http/router.hpp"
#include "adapters/http/server.hpp"
#include "adapters/league/simulated_league.hpp"
#include "adapters/log/logging.hpp"
#include "app/feed/feed_routes.hpp"
#include "app/signals.hpp"

#include <spdlog/logger.h>

namespace {

using namespace playclock;

struct feed_args {
  std::string listen = "127.0.0.1:8081";
  league::league_options league;
  std::string replay;
  int threads = 2;
};

const char* usage =
    "usage: playclock-feed [--listen HOST:PORT] [--games N] [--speed X] [--seed S]\n"
    "                      [--pregame SECONDS] [--market-lag SECONDS]\n"
    "                      [--market-noise P] [--threads N]\n"
    "       playclock-feed [--listen HOST:PORT] --replay DIR\n"
    "\n"
    "Serves ESPN site-API paths (/apis/site/v2/sports/football/nfl/scoreboard,\n"
    "/summary?event=ID), OpenWeatherMap's /data/2.5/forecast?lat=&lon= and the\n"
    "league's prediction markets in Kalshi's Trade API v2 format:\n"
    "  /trade-api/v2/markets?limit=&cursor=&status=&series_ticker=&event_ticker=\n"
    "  /trade-api/v2/markets/TICKER   /trade-api/v2/markets/TICKER/orderbook?depth=\n"
    "Two markets per game (KXNFLGAME-26JAN12HOUPIT-PIT, -HOU) priced by the\n"
    "win-probability model; they adopt a play --market-lag seconds after it\n"
    "(80-120% of it, per play) with price noise up to --market-noise.\n"
    "Defaults: --listen 127.0.0.1:8081 --games 16 --speed 60 --seed 1 --pregame 20\n"
    "--market-lag 3 --market-noise 0.015.\n"
    "--replay DIR serves recorded responses: scoreboard*.json in name order (one per\n"
    "live scoreboard request, the last repeats; a request with dates= gets the\n"
    "current one), summary*<event id>*.json, forecast*.json; Kalshi recordings\n"
    "from DIR and DIR/kalshi (e.g. shared/realdata/kalshi): the first *markets*.json\n"
    "list as recorded (no filtering; a cursor gets an empty page), markets by\n"
    "ticker, *orderbook*.json by its _metadata.ticker; none: an empty markets list.\n";

std::optional<feed_args> parse(int argc, char** argv, std::string& error) {
  feed_args a;
  a.league.pregame = std::chrono::seconds{20};
  std::vector<std::string> args{argv + 1, argv + argc};
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto arg = args[i];
    std::string value;
    if (auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (arg != "--help" && arg != "-h") {
      if (i + 1 >= args.size()) {
        error = arg + " needs a value";
        return std::nullopt;
      }
      value = args[++i];
    }
    try {
      if (arg == "--help" || arg == "-h") {
        error.clear();
        return std::nullopt;
      } else if (arg == "--listen") {
        a.listen = value;
      } else if (arg == "--games") {
        a.league.games = std::stoi(value);
      } else if (arg == "--speed") {
        a.league.speed = std::stod(value);
      } else if (arg == "--seed") {
        a.league.seed = std::stoull(value);
      } else if (arg == "--pregame") {
        a.league.pregame = std::chrono::seconds{std::stoi(value)};
      } else if (arg == "--market-lag") {
        a.league.market_lag =
            std::chrono::milliseconds{static_cast<long long>(std::stod(value) * 1000)};
      } else if (arg == "--market-noise") {
        a.league.market_noise = std::stod(value);
      } else if (arg == "--threads") {
        a.threads = std::stoi(value);
      } else if (arg == "--replay") {
        a.replay = value;
      } else {
        error = "unknown argument: " + arg;
        return std::nullopt;
      }
    } catch (const std::exception&) {
      error = arg + ": not a number: " + value;
      return std::nullopt;
    }
  }
  auto colon = a.listen.rfind(':');
  auto port = colon == std::string::npos ? std::string{} : a.listen.substr(colon + 1);
  if (colon == std::string::npos || colon == 0 || port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    error = "--listen must be host:port (port 0-65535), not " + a.listen;
    return std::nullopt;
  }
  if (a.league.games < 1 || a.league.speed <= 0 || a.threads < 1) {
    error = "--games, --speed and --threads must be positive";
    return std::nullopt;
  }
  if (a.league.market_lag.count() < 0 || a.league.market_noise < 0 || a.league.market_noise > 0.2) {
    error = "--market-lag must be >= 0 and --market-noise within 0-0.2";
    return std::nullopt;
  }
  return a;
}

} // namespace

int main(int argc, char** argv) {
  app::block_shutdown_signals();
  std::string error;
  auto args = parse(argc, argv, error);
  if (!args) {
    if (error.empty()) {
      std::cout << usage;
      return 0;
    }
    std::cerr << "playclock-feed: " << error << "\n\n" << usage;
    return 2;
  }
  log::options lo;
  log::setup(lo);
  auto log = log::component("feed");
  std::shared_ptr<http::router> routes;
  try {
    if (args->replay.empty()) {
      auto lg = std::make_shared<league::simulated_league>(args->league);
      routes = feed::league_routes(lg);
      log->info("simulated league: {} games, speed {}x, seed {}", args->league.games,
                args->league.speed, args->league.seed);
    } else {
      routes = feed::replay_routes(args->replay);
      log->info("replaying recorded responses from {}", args->replay);
    }
  } catch (const std::exception& e) {
    std::cerr << "playclock-feed: " << e.what() << "\n";
    return 1;
  }
  http::server_options so;
  auto colon = args->listen.rfind(':');
  so.host = args->listen.substr(0, colon);
  so.port = static_cast<std::uint16_t>(std::stoi(args->listen.substr(colon + 1)));
  so.threads = args->threads;
  so.server_name = "playclock-feed";
  http::server server{so, routes};
  try {
    auto port = server.start();
    // Scripts read this line to learn the port (with --listen ...:0).
    std::cout << "listening on " << so.host << ":" << port << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "playclock-feed: " << e.what() << "\n";
    return 1;
  }
  app::wait_for_shutdown_signal();
  server.stop(std::chrono::seconds{2});
  log::shutdown();
  return 0;
}
