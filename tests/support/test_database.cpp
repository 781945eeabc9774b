#include "tests/support/test_database.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

namespace playclock::test {
namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    return std::nullopt;
  return std::string{value};
}

bool is_uri(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// "host=h password='x y'" -> "host=h password=***" (libpq key=value syntax:
// values may be single-quoted with backslash escapes).
std::string redact_key_values(const std::string& s) {
  auto space = [&](std::size_t i) { return std::isspace(static_cast<unsigned char>(s[i])) != 0; };
  std::string out;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    if (space(i)) {
      out += s[i++];
      continue;
    }
    std::size_t key_begin = i;
    while (i < n && s[i] != '=' && !space(i))
      ++i;
    std::string key = s.substr(key_begin, i - key_begin);
    std::size_t j = i;
    while (j < n && space(j))
      ++j;
    if (j >= n || s[j] != '=') {
      out += s.substr(key_begin, j - key_begin);
      i = j;
      continue;
    }
    ++j;
    while (j < n && space(j))
      ++j;
    std::size_t value_begin = j;
    if (j < n && s[j] == '\'') {
      for (++j; j < n && s[j] != '\''; ++j)
        if (s[j] == '\\' && j + 1 < n)
          ++j;
      if (j < n)
        ++j;
    } else {
      while (j < n && !space(j))
        ++j;
    }
    out += key + "=" + (key == "password" ? "***" : s.substr(value_begin, j - value_begin));
    i = j;
  }
  return out;
}

std::string next_name() {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}();
  std::ostringstream name;
  name << "pc_test_" << ::getpid() << '_' << counter.fetch_add(1) << '_' << std::hex
       << (salt ^ static_cast<unsigned>(std::random_device{}())) % 0x1000000;
  return name.str();
}

} // namespace

std::optional<std::string> test_server_url() {
  if (auto url = env("PLAYCLOCK_TEST_DATABASE_URL"))
    return url;
  return env("DATABASE_URL");
}

bool database_required() {
  return env("PLAYCLOCK_TEST_REQUIRE_DB").value_or("") == "1";
}

std::string with_database(const std::string& url, const std::string& database) {
  if (!is_uri(url)) {
    // key=value form: libpq takes the last value of a repeated keyword.
    std::string quoted;
    for (char c : database) {
      if (c == '\'' || c == '\\')
        quoted += '\\';
      quoted += c;
    }
    return url + (url.empty() ? "" : " ") + "dbname='" + quoted + "'";
  }
  auto authority_begin = url.find("://") + 3;
  auto authority_end = url.find_first_of("/?", authority_begin);
  std::string out = url.substr(0, authority_end) + "/" + percent_encode(database);
  auto query_begin = url.find('?', authority_begin);
  if (query_begin == std::string::npos)
    return out;
  // Keep every parameter but dbname, which would override the path.
  std::istringstream params{url.substr(query_begin + 1)};
  std::string kept;
  for (std::string param; std::getline(params, param, '&');) {
    if (param.empty() || param.rfind("dbname=", 0) == 0)
      continue;
    kept += (kept.empty() ? "" : "&") + param;
  }
  return kept.empty() ? out : out + "?" + kept;
}

std::string redacted(const std::string& url) {
  if (!is_uri(url))
    return redact_key_values(url);
  auto authority_begin = url.find("://") + 3;
  auto authority_end = std::min(url.find_first_of("/?", authority_begin), url.size());
  std::string out = url;
  auto query_begin = url.find('?', authority_begin);
  if (query_begin != std::string::npos) {
    // postgresql://h/db?password=...
    std::istringstream params{url.substr(query_begin + 1)};
    std::string query;
    for (std::string param; std::getline(params, param, '&');)
      query +=
          (query.empty() ? "" : "&") + (param.rfind("password=", 0) == 0 ? "password=***" : param);
    out = url.substr(0, query_begin + 1) + query;
  }
  auto at = url.rfind('@', authority_end);
  if (at == std::string::npos || at < authority_begin)
    return out;
  auto colon = url.find(':', authority_begin);
  if (colon == std::string::npos || colon > at)
    return out;
  return out.substr(0, colon + 1) + "***" + out.substr(at);
}

test_database::test_database() {
  auto server = test_server_url();
  if (!server) {
    if (database_required())
      FAIL("no PostgreSQL: PLAYCLOCK_TEST_REQUIRE_DB=1 but neither "
           "PLAYCLOCK_TEST_DATABASE_URL nor DATABASE_URL is set");
    WARN("skipped: no PostgreSQL (set PLAYCLOCK_TEST_DATABASE_URL)");
    return;
  }
  server_url_ = *server;
  auto name = next_name();
  try {
    pqxx::connection c{server_url_};
    pqxx::nontransaction tx{c};
    tx.exec0("CREATE DATABASE " + tx.quote_name(name));
  } catch (const std::exception& e) {
    FAIL("cannot create the test database " << name << " on " << redacted(server_url_) << ": "
                                            << e.what());
  }
  name_ = name;
  url_ = with_database(server_url_, name_);
}

test_database::~test_database() {
  if (name_.empty())
    return;
  try {
    pqxx::connection c{server_url_};
    bool dropped = false;
    try {
      pqxx::nontransaction tx{c};
      tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
      dropped = true;
    } catch (const pqxx::syntax_error&) {
      // PostgreSQL before 13 has no FORCE: end the sessions, then drop.
    }
    if (!dropped) {
      pqxx::nontransaction tx{c};
      tx.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " +
              tx.quote(name_));
      tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name_));
    }
  } catch (const std::exception& e) {
    // Never throw from here (the test may be unwinding); a leftover database
    // only costs disk space on a throwaway server.
    std::fprintf(stderr, "warning: could not drop test database %s: %s\n", name_.c_str(), e.what());
  }
}

std::string sql_value(const std::string& url, const std::string& sql) {
  pqxx::connection c{url};
  pqxx::work tx{c};
  auto r = tx.exec1(sql);
  return r[0].is_null() ? "NULL" : r[0].as<std::string>();
}

void sql_exec(const std::string& url, const std::string& sql) {
  pqxx::connection c{url};
  pqxx::work tx{c};
  tx.exec(sql);
  tx.commit();
}

} // namespace playclock::test
