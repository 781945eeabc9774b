// playclock-sink: a webhook receiver for alerts, for the demo, tests and the
// detect-to-deliver benchmark. It prints each alert, counts deliveries per
// alert id (so a duplicate shows), checks signatures when given the secret,
// and can fail on purpose to show retries.
//
//   playclock-sink --listen 127.0.0.1:8090 [--secret S] [--fail-first N]
//                  [--rate-limit-every K] [--quiet]
//   curl 127.0.0.1:8090/received      (DELETE /received starts over)

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "adapters/http/router.hpp"
#include "adapters/http/server.hpp"
#include "adapters/notify/webhook.hpp"
#include "app/signals.hpp"
#include "app/sink/sink_state.hpp"

namespace {

using namespace playclock;

struct sink_args {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8090;
  std::string secret;
  int fail_first = 0;
  int rate_limit_every = 0;
  bool quiet = false;
};

const char* usage =
    "usage: playclock-sink [--listen HOST:PORT] [--secret S] [--fail-first N]\n"
    "                      [--rate-limit-every K] [--quiet]\n"
    "\n"
    "Accepts alert webhooks (POST on any path), prints them and counts deliveries\n"
    "per alert id (the Idempotency-Key header). GET /received reports what came:\n"
    "alerts, deliveries, duplicates, failed answers, by type, and the latency from\n"
    "detection (the alert's detected_at_ms) to receipt; DELETE /received starts over.\n"
    "--secret S        answer 401 unless X-Playclock-Signature verifies with S\n"
    "--fail-first N    answer 500 to the first N requests of each alert\n"
    "--rate-limit-every K  answer 429 (Retry-After: 1) to every K-th request\n"
    "Defaults: --listen 127.0.0.1:8090.\n";

std::optional<sink_args> parse(int argc, char** argv, std::string& error) {
  sink_args a;
  std::vector<std::string> args{argv + 1, argv + argc};
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) {
        error = args[i] + " needs a value";
        return std::nullopt;
      }
      return args[++i];
    };
    try {
      if (args[i] == "--listen") {
        auto v = value();
        if (!v)
          return std::nullopt;
        auto colon = v->rfind(':');
        if (colon == std::string::npos) {
          error = "--listen wants HOST:PORT";
          return std::nullopt;
        }
        a.host = v->substr(0, colon);
        a.port = static_cast<std::uint16_t>(std::stoi(v->substr(colon + 1)));
      } else if (args[i] == "--secret") {
        auto v = value();
        if (!v)
          return std::nullopt;
        a.secret = *v;
      } else if (args[i] == "--fail-first") {
        auto v = value();
        if (!v)
          return std::nullopt;
        a.fail_first = std::stoi(*v);
      } else if (args[i] == "--rate-limit-every") {
        auto v = value();
        if (!v)
          return std::nullopt;
        a.rate_limit_every = std::stoi(*v);
      } else if (args[i] == "--quiet") {
        a.quiet = true;
      } else if (args[i] == "--help" || args[i] == "-h") {
        error.clear();
        return std::nullopt;
      } else {
        error = "unknown argument " + args[i];
        return std::nullopt;
      }
    } catch (const std::exception&) {
      error = args[i] + ": not a number";
      return std::nullopt;
    }
  }
  return a;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

http::response text(int status, std::string body) {
  http::response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

void handle_post(const sink_args& args, sink::sink_state& st, const http::request& req,
                 http::responder respond) {
  if (!args.secret.empty()) {
    auto ts = req.header("x-playclock-timestamp").value_or("");
    auto sig = req.header("x-playclock-signature").value_or("");
    if (!notify::verify_webhook_signature(args.secret, ts, req.body, sig)) {
      respond(text(401, R"({"error":"bad signature"})"));
      return;
    }
  }
  rapidjson::Document doc;
  doc.Parse(req.body.c_str(), req.body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    respond(text(400, R"({"error":"body is not a JSON object"})"));
    return;
  }
  auto str = [&](const char* k) {
    auto it = doc.FindMember(k);
    return it != doc.MemberEnd() && it->value.IsString() ? std::string{it->value.GetString()}
                                                         : std::string{};
  };
  auto id = req.header("idempotency-key").value_or(str("id"));
  auto type = str("type");
  auto message = str("message");
  double latency = -1;
  auto detected = doc.FindMember("detected_at_ms");
  if (detected != doc.MemberEnd() && detected->value.IsNumber())
    latency = static_cast<double>(now_ms()) - detected->value.GetDouble();
  int status = st.answer_for(id);
  st.record(id, type, message, status, latency);
  if (!args.quiet)
    std::cout << (status == 200 ? "alert " : "refused (" + std::to_string(status) + ") ") << type
              << " " << id << ": " << message << std::endl;
  auto r = text(status, status == 200 ? R"({"ok":true})" : R"({"ok":false})");
  if (status == 429)
    r.headers.emplace_back("Retry-After", "1");
  respond(std::move(r));
}

} // namespace

int main(int argc, char** argv) {
  std::string error;
  auto args = parse(argc, argv, error);
  if (!args) {
    (error.empty() ? std::cout : std::cerr) << (error.empty() ? "" : error + "\n") << usage;
    return error.empty() ? 0 : 2;
  }
  app::block_shutdown_signals();
  auto st = std::make_shared<sink::sink_state>();
  st->fail_first = args->fail_first;
  st->rate_limit_every = args->rate_limit_every;
  auto routes = std::make_shared<http::router>();
  auto post = [a = *args, st](const http::request& req, const http::path_params&,
                              http::responder respond) { handle_post(a, *st, req, respond); };
  for (const char* p : {"/", "/{a}", "/{a}/{b}", "/{a}/{b}/{c}"})
    routes->add("POST", p, post);
  routes->add("GET", "/received",
              [st](const http::request&, const http::path_params&, http::responder respond) {
                respond(text(200, st->report_json()));
              });
  routes->add("DELETE", "/received",
              [st](const http::request&, const http::path_params&, http::responder respond) {
                st->reset();
                http::response r;
                r.status = 204;
                respond(std::move(r));
              });
  http::server_options so;
  so.host = args->host;
  so.port = args->port;
  so.threads = 2;
  so.server_name = "playclock-sink";
  http::server server{so, routes};
  try {
    auto port = server.start();
    std::cout << "playclock-sink listening on " << args->host << ":" << port << std::endl;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  app::wait_for_shutdown_signal();
  server.stop(std::chrono::seconds{1});
  return 0;
}
