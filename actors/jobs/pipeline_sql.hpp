#pragma once
// The data pipeline's writes: nflverse games and plays upserted into the
// tables the live feed fills (source 'nflverse'), the transform that
// settles their final scores, and the governance checks of each run.
// Blocking, like jobs_sql.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/pipeline/nflverse.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace playclock::pipeline_sql {

/// Upserts games (a schedule's rows overwrite; `keep_existing` leaves rows
/// already there alone, for games known only from play-by-play). The count
/// written.
int upsert_games(pqxx::connection_base& conn, const std::vector<pipeline::game_row>& games,
                 bool keep_existing);

/// Upserts plays, in batches; the count written.
int upsert_plays(pqxx::connection_base& conn, const std::vector<pipeline::play_row>& plays);

/// The transform: nflverse games with plays take their final score, last
/// period and state 'post' from their last play when their schedule row
/// had no score. The count updated.
int settle_games(pqxx::connection_base& conn);

/// The test after the transform: nflverse final games whose score differs
/// from their last play's.
int score_mismatches(pqxx::connection_base& conn);

struct check {
  std::string source;
  std::string stage; // pre, post
  std::string name;
  std::string severity; // critical, warning
  bool passed = true;
  std::optional<double> value;
  std::string detail;
};

void record_checks(pqxx::connection_base& conn, std::int64_t job_id,
                   const std::vector<check>& checks);

/// The row count of the last passed row_count check of `source` before job
/// `job_id`, if any.
std::optional<double> last_row_count(pqxx::connection_base& conn, const std::string& source,
                                     std::int64_t job_id);

} // namespace playclock::pipeline_sql
