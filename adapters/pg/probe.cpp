#include "adapters/pg/probe.hpp"

#include <chrono>

#include <pqxx/nontransaction>

#include "adapters/pg/pool.hpp"

namespace playclock::pg {

namespace {

// libpq messages span lines ("could not connect...\n\tIs the server running").
std::string one_line(std::string text) {
  for (auto& ch : text)
    if (ch == '\n' || ch == '\t')
      ch = ' ';
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

} // namespace

probe_result probe(pool& p) {
  probe_result r;
  auto start = std::chrono::steady_clock::now();
  try {
    p.run([](pqxx::connection_base& c) {
      pqxx::nontransaction tx{c};
      tx.exec("SELECT 1");
    });
    r.up = true;
  } catch (const std::exception& e) {
    r.error = one_line(e.what());
  }
  r.latency_ms =
    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

} // namespace playclock::pg
