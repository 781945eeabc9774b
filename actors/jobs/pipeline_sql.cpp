#include "actors/jobs/pipeline_sql.hpp"

#include <algorithm>
#include <array>

#include <pqxx/connection_base>
#include <pqxx/transaction>

#include "adapters/pg/array_literal.hpp"

namespace playclock::pipeline_sql {

namespace {

constexpr std::size_t batch = 2000;

void add_optional(pg::array_literal& a, const std::optional<int>& v) {
  // -2147483648 stands for NULL in the integer arrays (nullif below).
  a.add(static_cast<std::int64_t>(v.value_or(-2147483647 - 1)));
}

} // namespace

int upsert_games(pqxx::connection_base& conn, const std::vector<pipeline::game_row>& games,
                 bool keep_existing) {
  int written = 0;
  pqxx::work tx{conn, "pipeline_games"};
  for (std::size_t at = 0; at < games.size(); at += batch) {
    std::array<pg::array_literal, 9> c;
    for (std::size_t i = at; i < std::min(games.size(), at + batch); ++i) {
      const auto& g = games[i];
      c[0].add(g.game_id);
      c[1].add(std::int64_t{g.season});
      c[2].add(std::int64_t{g.season_type});
      c[3].add(std::int64_t{g.week});
      c[4].add(g.start_time);
      c[5].add(g.home_team);
      c[6].add(g.away_team);
      add_optional(c[7], g.home_score);
      add_optional(c[8], g.away_score);
    }
    const char* on_conflict =
        keep_existing
            ? " ON CONFLICT (game_id) DO NOTHING"
            : " ON CONFLICT (game_id) DO UPDATE SET season = EXCLUDED.season,"
              " season_type = EXCLUDED.season_type, week = EXCLUDED.week,"
              " start_time = coalesce(EXCLUDED.start_time, games.start_time),"
              " home_team = EXCLUDED.home_team, away_team = EXCLUDED.away_team,"
              " state = CASE WHEN EXCLUDED.state = 'post' THEN 'post' ELSE games.state END,"
              " home_score = CASE WHEN EXCLUDED.state = 'post' THEN EXCLUDED.home_score"
              "   ELSE games.home_score END,"
              " away_score = CASE WHEN EXCLUDED.state = 'post' THEN EXCLUDED.away_score"
              "   ELSE games.away_score END,"
              " updated_at = now() WHERE games.source = 'nflverse'";
    auto r = tx.exec_params(
        std::string{"INSERT INTO games (game_id, source, season, season_type, week, start_time,"
                    " state, status_detail, home_team, away_team, home_score, away_score, period)"
                    " SELECT id, 'nflverse', se, st, wk, nullif(ti, '')::timestamptz,"
                    " CASE WHEN nullif(hs, -2147483648) IS NULL THEN 'pre' ELSE 'post' END,"
                    " CASE WHEN nullif(hs, -2147483648) IS NULL THEN 'Scheduled' ELSE 'Final' END,"
                    " ht, at, coalesce(nullif(hs, -2147483648), 0),"
                    " coalesce(nullif(aw, -2147483648), 0),"
                    " CASE WHEN nullif(hs, -2147483648) IS NULL THEN 0 ELSE 4 END"
                    " FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::text[],"
                    " $6::text[], $7::text[], $8::int[], $9::int[])"
                    " AS u(id, se, st, wk, ti, ht, at, hs, aw)"} +
            on_conflict,
        c[0].str(), c[1].str(), c[2].str(), c[3].str(), c[4].str(), c[5].str(), c[6].str(),
        c[7].str(), c[8].str());
    written += static_cast<int>(r.affected_rows());
  }
  tx.commit();
  return written;
}

int upsert_plays(pqxx::connection_base& conn, const std::vector<pipeline::play_row>& plays) {
  int written = 0;
  pqxx::work tx{conn, "pipeline_plays"};
  for (std::size_t at = 0; at < plays.size(); at += batch) {
    std::array<pg::array_literal, 15> c;
    for (std::size_t i = at; i < std::min(plays.size(), at + batch); ++i) {
      const auto& p = plays[i];
      c[0].add(p.game_id);
      c[1].add(p.play_id);
      c[2].add(std::int64_t{p.sequence});
      c[3].add(std::int64_t{p.period});
      c[4].add(p.clock);
      c[5].add(p.team);
      c[6].add(p.play_type);
      c[7].add(p.description);
      c[8].add(std::int64_t{p.yards});
      add_optional(c[9], p.down);
      add_optional(c[10], p.distance);
      add_optional(c[11], p.yard_line);
      c[12].add(std::int64_t{p.home_score});
      c[13].add(std::int64_t{p.away_score});
      c[14].add(std::int64_t{p.scoring ? 1 : 0});
    }
    auto r = tx.exec_params(
        "INSERT INTO plays (game_id, play_id, sequence, period, clock, team, play_type,"
        " description, yards, start_down, start_distance, start_yard_line, home_score,"
        " away_score, scoring)"
        " SELECT g, p, s, q, cl, nullif(tm, ''), ty, de, y, nullif(dn, -2147483648),"
        " nullif(ds, -2147483648), nullif(yl, -2147483648), hs, aw, sc = 1"
        " FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[],"
        " $7::text[], $8::text[], $9::int[], $10::int[], $11::int[], $12::int[], $13::int[],"
        " $14::int[], $15::int[]) AS u(g, p, s, q, cl, tm, ty, de, y, dn, ds, yl, hs, aw, sc)"
        " ON CONFLICT (game_id, play_id) DO UPDATE SET sequence = EXCLUDED.sequence,"
        " period = EXCLUDED.period, clock = EXCLUDED.clock, team = EXCLUDED.team,"
        " play_type = EXCLUDED.play_type, description = EXCLUDED.description,"
        " yards = EXCLUDED.yards, start_down = EXCLUDED.start_down,"
        " start_distance = EXCLUDED.start_distance, start_yard_line = EXCLUDED.start_yard_line,"
        " home_score = EXCLUDED.home_score, away_score = EXCLUDED.away_score,"
        " scoring = EXCLUDED.scoring",
        c[0].str(), c[1].str(), c[2].str(), c[3].str(), c[4].str(), c[5].str(), c[6].str(),
        c[7].str(), c[8].str(), c[9].str(), c[10].str(), c[11].str(), c[12].str(), c[13].str(),
        c[14].str());
    written += static_cast<int>(r.affected_rows());
  }
  tx.commit();
  return written;
}

int settle_games(pqxx::connection_base& conn) {
  pqxx::work tx{conn, "pipeline_settle"};
  auto r = tx.exec(
      "UPDATE games g SET home_score = l.home_score, away_score = l.away_score,"
      " period = l.period, state = 'post', status_detail = 'Final', updated_at = now()"
      " FROM (SELECT DISTINCT ON (game_id) game_id, home_score, away_score, period FROM plays"
      "       ORDER BY game_id, sequence DESC) l"
      " WHERE g.game_id = l.game_id AND g.source = 'nflverse' AND g.state <> 'post'");
  tx.commit();
  return static_cast<int>(r.affected_rows());
}

int score_mismatches(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn, "pipeline_tests"};
  return tx
      .exec1("SELECT count(*) FROM games g JOIN (SELECT DISTINCT ON (game_id) game_id,"
             " home_score, away_score FROM plays ORDER BY game_id, sequence DESC) l"
             " USING (game_id) WHERE g.source = 'nflverse' AND g.state = 'post' AND"
             " (g.home_score <> l.home_score OR g.away_score <> l.away_score)")[0]
      .as<int>();
}

void record_checks(pqxx::connection_base& conn, std::int64_t job_id,
                   const std::vector<check>& checks) {
  pqxx::work tx{conn, "pipeline_checks"};
  for (const auto& c : checks)
    tx.exec_params("INSERT INTO pipeline_checks (job_id, source, stage, name, severity, status,"
                   " value, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   job_id, c.source, c.stage, c.name, c.severity, c.passed ? "passed" : "failed",
                   c.value, c.detail);
  tx.commit();
}

std::optional<double> last_row_count(pqxx::connection_base& conn, const std::string& source,
                                     std::int64_t job_id) {
  pqxx::read_transaction tx{conn, "pipeline_last_count"};
  auto r = tx.exec_params("SELECT value FROM pipeline_checks WHERE source = $1 AND"
                          " name = 'row_count' AND status = 'passed' AND job_id <> $2"
                          " AND value IS NOT NULL ORDER BY id DESC LIMIT 1",
                          source, job_id);
  if (r.empty())
    return std::nullopt;
  return r[0][0].as<double>();
}

} // namespace playclock::pipeline_sql
