#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "config/loader.hpp"

using namespace playclock::config;

TEST_CASE("redact_url hides the password of the URI userinfo", "[config]") {
  CHECK(redact_url("postgresql://user:secret@host/db") == "postgresql://user:***@host/db");
  CHECK(redact_url("postgres://u:p%40ss@h:5432/db?sslmode=require") ==
        "postgres://u:***@h:5432/db?sslmode=require");
  CHECK(redact_url("postgresql://u:pa@ss@h/db") == "postgresql://u:***@h/db");
  CHECK(redact_url("postgresql://u:pa?ss@h/db") == "postgresql://u:***@h/db");
  CHECK(redact_url("postgresql://u:p@h/db?options=a@b") == "postgresql://u:***@h/db?options=a@b");
}

TEST_CASE("redact_url hides password parameters", "[config]") {
  CHECK(redact_url("postgresql://u@h/db?password=secret") == "postgresql://u@h/db?password=***");
  CHECK(redact_url("postgresql://h/db?sslmode=require&password=secret&user=u") ==
        "postgresql://h/db?sslmode=require&password=***&user=u");
  CHECK(redact_url("host=h password=secret user=u") == "host=h password=*** user=u");
  CHECK(redact_url("host=h password='a secret'") == "host=h password=***");
  CHECK(redact_url("postgresql://h/db?sslpassword=secret") == "postgresql://h/db?sslpassword=***");
}

TEST_CASE("redact_url leaves a URL without a password unchanged", "[config]") {
  CHECK(redact_url("postgresql://playclock@127.0.0.1:5432/playclock") ==
        "postgresql://playclock@127.0.0.1:5432/playclock");
  CHECK(redact_url("postgresql://127.0.0.1:5432/playclock") ==
        "postgresql://127.0.0.1:5432/playclock");
  CHECK(redact_url("postgresql://h/db?passfile=x") == "postgresql://h/db?passfile=x");
}

TEST_CASE("render_json shows every key but never a secret", "[config]") {
  settings s;
  s.database.url = "postgresql://u:hunter2@db/live?password=hunter3";
  auto text = render_json(s);
  CHECK(text.find("hunter2") == std::string::npos);
  CHECK(text.find("hunter3") == std::string::npos);
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string{doc["database"]["url"].GetString()} ==
        "postgresql://u:***@db/live?password=***");
  CHECK(doc["http"]["threads"].GetInt() == 1);
  CHECK(doc["log"]["max_file_bytes"].GetUint64() == settings{}.log.max_file_bytes);
  CHECK(doc["database"]["migrate"].GetBool());
  CHECK(std::string{doc["profile"].GetString()} == "development");
}

TEST_CASE("render_json without redaction shows the secret", "[config]") {
  settings s;
  s.database.url = "postgresql://u:hunter2@db/live";
  CHECK(render_json(s, false).find("postgresql://u:hunter2@db/live") != std::string::npos);
}

TEST_CASE("render_json hides the admin token and tenants' tokens, and keeps the tenants",
          "[config]") {
  settings s;
  s.auth.admin_token = "admin-secret-token-9";
  s.tenants = {{"acme", "Acme", 5, "acme-secret-token-1"}, {"bravo", "", 100, ""}};
  auto text = render_json(s);
  CHECK(text.find("admin-secret-token-9") == std::string::npos);
  CHECK(text.find("acme-secret-token-1") == std::string::npos);
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string{doc["auth"]["admin_token"].GetString()} == "***");
  REQUIRE(doc["tenants"].IsArray());
  CHECK(std::string{doc["tenants"][0]["id"].GetString()} == "acme");
  CHECK(doc["tenants"][0]["daily_alert_limit"].GetInt() == 5);
  CHECK(std::string{doc["tenants"][0]["token"].GetString()} == "***");
  CHECK_FALSE(doc["tenants"][1].HasMember("token"));
  CHECK(render_json(s, false).find("acme-secret-token-1") != std::string::npos);
}
