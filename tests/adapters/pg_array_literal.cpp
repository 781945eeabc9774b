#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "adapters/pg/array_literal.hpp"
#include "tests/support/test_database.hpp"

using namespace playclock;

TEST_CASE("array literals quote text and list integers", "[pg][array]") {
  pg::array_literal none;
  CHECK(none.str() == "{}");
  pg::array_literal text;
  text.add("a");
  text.add("say \"hi\" \\ bye");
  text.add("");
  CHECK(text.str() == R"({"a","say \"hi\" \\ bye",""})");
  pg::array_literal edges; // specials first, last, in a row; NUL dropped
  edges.add(std::string_view{"\"\\\0x\0\"\"", 7});
  edges.add(std::string_view{"\0", 1});
  edges.add("\\");
  CHECK(edges.str() == R"({"\"\\x\"\"","","\\"})");
  pg::array_literal ints;
  ints.add(std::int64_t{-3});
  ints.add(std::int64_t{9007199254740993});
  CHECK(ints.str() == "{-3,9007199254740993}");
}

TEST_CASE("PostgreSQL reads back every element of an array literal as written", "[pg][array]") {
  test::test_database db;
  if (!db.available())
    return;
  // The bytes COPY, arrays or SQL treat specially, plus NULL's spelling and UTF-8.
  const std::vector<std::string> values{
      "plain",     "{brace}", "a,b",   "\"q\"", "back\\slash",       "tab\there",
      "new\nline", "NULL",    " pad ", "\\N",   "\xc3\xa9t\xc3\xa9", "",
      "'single'"};
  pg::array_literal lit;
  for (const auto& v : values)
    lit.add(v);
  pqxx::connection conn{db.url()};
  pqxx::work tx{conn};
  auto res = tx.exec_params("SELECT v, n FROM unnest($1::text[]) WITH ORDINALITY AS t (v, n) "
                            "ORDER BY n",
                            lit.str());
  REQUIRE(res.size() == values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    INFO("element " << i);
    CHECK_FALSE(res[static_cast<int>(i)][0].is_null());
    CHECK(res[static_cast<int>(i)][0].as<std::string>() == values[i]);
  }
}
